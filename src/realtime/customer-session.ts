import { startOfflineChat } from '../channels/chat/index.ts';
import {
  closeChat, createVisitor, getChatSettings, getConversation, linkVerifiedIdentity, messagesAfter, openConversationOf, postCustomerMessage,
  queueTranscript, resolveVisitor, startChat, verifyChatIdentity, type Conversation, type Visitor,
} from '../modules/chat/index.ts';
import { isEmail } from '../modules/customers/index.ts';
import { findTeam } from '../modules/identity/index.ts';
import { availability, queuePosition } from '../modules/routing/index.ts';
import type { Connection } from './connection.ts';
import * as F from './frames.ts';
import { FrameError, conversationJson, messageFrame } from './frames.ts';
import type { CustomerPeer } from './hub.ts';
import type { Realtime } from './realtime.ts';

type Raw = Record<string, unknown>;

/**
 * A customer's socket after hello: its visitor, the chat it follows, and what each frame does.
 * An unverified visitor only ever reaches the chats its own visitor token started.
 */
export class CustomerSession {
  readonly peer: CustomerPeer;

  private constructor(
    private readonly rt: Realtime,
    private readonly conn: Connection,
    private visitor: Visitor,
    private name: string | null,
    /** The identity verified at hello, to record on the chat's ticket. */
    private readonly verified: { email: string; secret: string } | null,
  ) {
    this.peer = { id: conn.id, conversationId: null, send: (f) => conn.send(f), sendRaw: (raw) => conn.sendRaw(raw) };
  }

  /** Handles hello: identity (refused ones close 4403), the visitor, welcome, then the replay after last_seq. */
  static async hello(rt: Realtime, conn: Connection, f: Raw): Promise<CustomerSession | null> {
    const { deps } = rt;
    const token = F.optionalString(f, 'visitor_token', 200) ?? null;
    const lastSeq = F.optionalInt(f, 'last_seq') ?? 0;
    let signed;
    try {
      signed = F.identity(f);
    } catch (error) {
      return refuse(conn, error);
    }
    const settings = await getChatSettings(deps.store.db, deps.clock.now().toISOString());
    let verified = null;
    if (signed) {
      try {
        verified = await verifyChatIdentity(settings.identitySecret, signed, deps.clock.now());
      } catch (error) {
        return refuse(conn, error);
      }
    } else if (settings.enforceIdentity) {
      return refuse(conn, new FrameError('identity_required', 'This chat needs you to be signed in to the product first'));
    }
    const { visitor, token: kept, created } = await deps.uow(async (work) => {
      const found = await resolveVisitor(work, token);
      if (!verified) return found;
      let kept = found.token;
      const linked = await linkVerifiedIdentity(work, found.visitor, verified, async () => {
        const fresh = await createVisitor(work);
        kept = fresh.token;
        return fresh.visitor;
      });
      return { visitor: linked, token: kept, created: found.created };
    });
    const customer = visitor.customerId === null ? null : await deps.store.db.selectFrom('customers').select(['name', 'email']).where('id', '=', visitor.customerId).executeTakeFirst();
    const session = new CustomerSession(rt, conn, visitor, customer?.name ?? verified?.name ?? null, verified ? { email: verified.email, secret: settings.identitySecret } : null);
    // A visitor made just now has started nothing yet (a verified one may reach its customer's chats: look).
    const conversation = created && !verified ? null : await openConversationOf(deps.store.db, visitor.id);
    const teamAvailability = await rt.availability(conversation?.teamId ?? null);
    conn.send({
      type: 'welcome',
      visitor_token: kept,
      verified: visitor.verified,
      customer: customer ? { name: customer.name, email: visitor.verified ? customer.email : null } : null,
      availability: teamAvailability,
      conversation: conversation ? conversationJson(conversation, conversation.status === 'queued' ? await queuePosition(deps, conversation.id) : null) : null,
    });
    if (conversation) await session.follow(conversation, lastSeq);
    return session;
  }

  /** Follows a chat: live frames from now on, then everything after lastSeq (clients drop seqs they have). */
  private async follow(conversation: Conversation, lastSeq: number): Promise<void> {
    this.rt.hub.follow(this.peer, conversation.id);
    for (const m of await messagesAfter(this.rt.deps.store.db, conversation.id, lastSeq)) this.conn.send(messageFrame(m, false));
  }

  async handle(f: Raw): Promise<void> {
    switch (f.type) {
      case 'start':
      case 'offline':
        return this.start(f, f.type === 'offline');
      case 'message':
        return this.message(f);
      case 'typing':
        return this.typing(f);
      case 'read':
        return this.read(f);
      case 'transcript':
        return this.transcript(f);
      case 'close':
        return this.close(f);
      case 'hello':
        throw new FrameError('conflict', 'Already said hello on this connection');
      default:
        throw new FrameError('bad_frame', `Unknown frame type "${String(f.type).slice(0, 40)}"`);
    }
  }

  private get conversationId(): number {
    if (this.peer.conversationId === null) throw new FrameError('not_found', 'There is no open chat; send "start" first');
    return this.peer.conversationId;
  }

  private async start(f: Raw, offline: boolean): Promise<void> {
    const { deps } = this.rt;
    const clientId = F.clientIdOf(f);
    const input = {
      clientId,
      text: F.text(f),
      name: F.optionalString(f, 'name', 200),
      email: F.optionalString(f, 'email', 254) ?? this.verified?.email,
      team: F.optionalString(f, 'team', 100),
      category: F.category(f),
      attachments: F.attachmentIds(f),
      verified: this.verified ?? undefined,
    };
    if (input.email && !isEmail(input.email)) throw new FrameError('bad_frame', '"email" is not an email address');
    const team = input.team ? await findTeam(deps.store.db, input.team) : null;
    if (input.team && !team) throw new FrameError('bad_frame', `There is no team "${input.team.slice(0, 60)}"`);
    const open = offline ? { online: false } : await availability(deps, team?.id ?? null);
    if (!open.online) {
      const made = await startOfflineChat(deps, this.visitor, input);
      this.conn.send({ type: 'ack', client_id: clientId, seq: null, message_id: made.messageId, at: made.at, offline: true, conversation: { id: made.ticketId, reference: made.reference, status: 'offline' } });
      return;
    }
    const started = await deps.uow((work) => startChat(work, this.visitor, input));
    if (this.visitor.customerId === null) this.visitor = { ...this.visitor, customerId: started.conversation.customer.id };
    this.name ??= started.conversation.customer.name;
    const c = started.conversation;
    this.rt.hub.follow(this.peer, c.id);
    this.conn.send({ type: 'ack', client_id: clientId, seq: started.message.seq, message_id: started.message.id, at: started.message.at, conversation: { id: c.id, reference: c.reference, status: c.status } });
    if (!started.created) return;
    this.rt.deliverMessages([started.message], this.conn.id);
    await this.rt.offer(c.id);
    await this.rt.sendQueue(c.id, true);
  }

  private async message(f: Raw): Promise<void> {
    const clientId = F.clientIdOf(f);
    const text = F.text(f);
    const attachments = F.attachmentIds(f);
    const conversationId = this.conversationId;
    const posted = await this.rt.deps.uow((work) => postCustomerMessage(work, this.visitor, { conversationId, clientId, text, attachments }));
    this.conn.send({ type: 'ack', client_id: clientId, seq: posted.message.seq, message_id: posted.message.id, at: posted.message.at });
    if (!posted.created) return;
    this.rt.deliverMessages(posted.numbered.filter((m) => m.id === posted.message.id), this.conn.id);
    this.rt.deliverMessages(posted.numbered.filter((m) => m.id !== posted.message.id));
  }

  private async typing(f: Raw): Promise<void> {
    const id = this.conversationId;
    this.rt.hub.deliver({ kind: 'conversation', id, audience: 'agents' }, { type: 'typing', conversation_id: id, author: { type: 'customer', name: this.name }, active: F.flag(f, 'active') });
  }

  private async read(f: Raw): Promise<void> {
    const id = this.conversationId;
    const seq = F.requiredInt(f, 'seq');
    await this.rt.deps.store.db.updateTable('chat_conversations').set({ customer_read_seq: seq }).where('ticket_id', '=', id).where('customer_read_seq', '<', seq).where('last_seq', '>=', seq).execute();
    this.rt.hub.deliver({ kind: 'conversation', id, audience: 'agents' }, { type: 'read', conversation_id: id, by: 'customer', seq });
  }

  private async transcript(f: Raw): Promise<void> {
    const clientId = F.clientIdOf(f);
    const given = F.optionalString(f, 'email', 254);
    if (given && !isEmail(given)) throw new FrameError('bad_frame', '"email" is not an email address');
    const id = await this.ownConversation(f);
    const at = await this.rt.deps.uow(async (work) => {
      const c = (await getConversation(work.trx, id))!;
      const to = given ?? c.email;
      if (!to) throw new FrameError('bad_frame', 'Give an "email" to send the transcript to');
      if (given) await work.trx.updateTable('chat_conversations').set({ email: given }).where('ticket_id', '=', id).execute();
      await queueTranscript(work, this.rt.deps.outbox, { id, reference: c.reference, customerId: c.customer.id }, to);
      return work.now;
    });
    this.conn.send({ type: 'ack', client_id: clientId, seq: null, message_id: null, at });
  }

  private async close(f: Raw): Promise<void> {
    const clientId = F.clientIdOf(f);
    const id = this.conversationId;
    const { conversation, at } = await this.rt.deps.uow(async (work) => ({ ...(await closeChat(work, this.rt.deps.outbox, id, { type: 'customer', id: this.visitor.customerId! })), at: work.now }));
    this.conn.send({ type: 'ack', client_id: clientId, seq: null, message_id: null, at });
    this.rt.hub.deliver({ kind: 'conversation', id, audience: 'all' }, { type: 'status', conversation_id: id, status: conversation.status, agent: conversation.agentName ? { name: conversation.agentName } : null });
  }

  /** The chat a transcript is about: the open one, or (after close) the visitor's own chat named by conversation_id. */
  private async ownConversation(f: Raw): Promise<number> {
    const named = F.optionalInt(f, 'conversation_id');
    if (named === undefined) return this.conversationId;
    const row = await this.rt.deps.store.db.selectFrom('chat_conversations').select('visitor_id').where('ticket_id', '=', named).executeTakeFirst();
    if (!row || row.visitor_id !== this.visitor.id) throw new FrameError('not_found', `Chat ${named} was not found`);
    return named;
  }

  /** The socket closed. */
  leave(): void {
    this.rt.hub.unfollow(this.peer);
  }
}

/** A refused hello: the error frame, then close 4403. */
function refuse(conn: Connection, error: unknown): null {
  conn.fail(error, null);
  conn.close(4403, 'refused');
  return null;
}
