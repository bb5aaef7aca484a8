import { closeChat, conversationsOfAgent, getConversation, messagesAfter, postAgentMessage } from '../modules/chat/index.ts';
import { can, type Principal } from '../modules/identity/index.ts';
import { acceptOffer, declineOffer, setPresence, transferChat, PRESENCE_STATUSES, type PresenceStatus } from '../modules/routing/index.ts';
import type { Connection } from './connection.ts';
import * as F from './frames.ts';
import { FrameError, agentChatJson, messageFrame } from './frames.ts';
import type { AgentPeer } from './hub.ts';
import type { Realtime } from './realtime.ts';

type Raw = Record<string, unknown>;

/** An agent's socket after hello: presence, offers, chats it follows, collision. */
export class AgentSession {
  readonly peer: AgentPeer;

  private constructor(
    private readonly rt: Realtime,
    private readonly conn: Connection,
    private readonly principal: Principal & { agentId: number },
    name: string,
  ) {
    this.peer = { id: conn.id, agentId: principal.agentId, name, chats: new Set(), viewing: new Set(), send: (f) => conn.send(f), sendRaw: (raw) => conn.sendRaw(raw) };
  }

  /** Welcomes an authenticated agent with its chats and starts following them. */
  static async hello(rt: Realtime, conn: Connection, principal: Principal & { agentId: number }): Promise<AgentSession> {
    const agent = await rt.deps.store.db.selectFrom('agents').select(['id', 'name']).where('id', '=', principal.agentId).executeTakeFirstOrThrow();
    const session = new AgentSession(rt, conn, principal, agent.name);
    const chats = await conversationsOfAgent(rt.deps.store.db, agent.id);
    for (const c of chats) session.peer.chats.add(c.id);
    rt.hub.addAgent(session.peer);
    conn.send({ type: 'welcome', agent: { id: agent.id, name: agent.name, role: principal.role }, presence: rt.presence.get(agent.id) ?? 'offline', chats: chats.map(agentChatJson) });
    return session;
  }

  private get agentId(): number {
    return this.principal.agentId;
  }

  private get actor() {
    return { type: 'agent' as const, id: this.agentId };
  }

  private requireWrite(): void {
    if (!can(this.principal.role, 'tickets:write')) throw new FrameError('forbidden', `The ${this.principal.role} role cannot do this (tickets:write)`);
  }

  async handle(f: Raw): Promise<void> {
    switch (f.type) {
      case 'presence':
        return this.presence(f);
      case 'accept':
        return this.accept(f);
      case 'decline':
        return this.decline(f);
      case 'transfer':
        return this.transfer(f);
      case 'message':
        return this.message(f);
      case 'typing':
        return this.typing(f);
      case 'read':
        return this.read(f);
      case 'close':
        return this.close(f);
      case 'viewing':
        return this.viewing(f);
      case 'hello':
        throw new FrameError('conflict', 'Already said hello on this connection');
      default:
        throw new FrameError('bad_frame', `Unknown frame type "${String(f.type).slice(0, 40)}"`);
    }
  }

  private ok(f: Raw, extra: Record<string, unknown> = {}): void {
    this.conn.send({ type: 'ok', ref: F.refOf(f), ...extra });
  }

  private async presence(f: Raw): Promise<void> {
    const status = F.optionalString(f, 'status', 20);
    if (!status || !(PRESENCE_STATUSES as readonly string[]).includes(status)) throw new FrameError('bad_frame', `"status" must be one of ${PRESENCE_STATUSES.join(', ')}`);
    await setPresence(this.rt.deps, this.agentId, status as PresenceStatus, this.rt.deps.config.nodeId);
    this.rt.presence.set(this.agentId, status as PresenceStatus);
    this.rt.presenceChanged(this.agentId);
    this.ok(f, { presence: status });
    if (status === 'online') void this.rt.tick();
  }

  private async accept(f: Raw): Promise<void> {
    this.requireWrite();
    const id = F.requiredInt(f, 'conversation_id');
    await acceptOffer(this.rt.deps, id, this.agentId, this.actor);
    this.peer.chats.add(id);
    const c = await getConversation(this.rt.deps.store.db, id);
    this.ok(f, c ? { conversation: agentChatJson(c) } : {});
    for (const m of await messagesAfter(this.rt.deps.store.db, id, 0)) this.conn.send(messageFrame(m, true));
  }

  private async decline(f: Raw): Promise<void> {
    const id = F.requiredInt(f, 'conversation_id');
    await declineOffer(this.rt.deps, id, this.agentId);
    this.ok(f);
    await this.rt.offer(id);
  }

  private async transfer(f: Raw): Promise<void> {
    this.requireWrite();
    const id = F.requiredInt(f, 'conversation_id');
    const toAgentId = F.optionalInt(f, 'to_agent_id');
    const toTeam = F.optionalString(f, 'to_team', 100);
    if ((toAgentId === undefined) === (toTeam === undefined)) throw new FrameError('bad_frame', 'Give either "to_agent_id" or "to_team"');
    await transferChat(this.rt.deps, id, toAgentId !== undefined ? { toAgentId } : { toTeam: toTeam! }, this.actor);
    this.peer.chats.delete(id);
    this.ok(f);
    await this.rt.offer(id);
  }

  private async message(f: Raw): Promise<void> {
    this.requireWrite();
    const clientId = F.clientIdOf(f);
    const input = { conversationId: F.requiredInt(f, 'conversation_id'), clientId, text: F.text(f), internal: F.flag(f, 'internal') };
    const posted = await this.rt.deps.uow((work) => postAgentMessage(work, this.agentId, input, this.actor));
    this.peer.chats.add(input.conversationId);
    this.conn.send({ type: 'ack', client_id: clientId, seq: posted.message.seq, message_id: posted.message.id, at: posted.message.at });
    if (!posted.created) return;
    const own = posted.message;
    this.rt.deliverMessages(own.internal ? [own] : posted.numbered.filter((m) => m.id === own.id), this.conn.id);
    this.rt.deliverMessages(posted.numbered.filter((m) => m.id !== own.id));
  }

  private async typing(f: Raw): Promise<void> {
    const id = F.requiredInt(f, 'conversation_id');
    const active = F.flag(f, 'active');
    this.rt.hub.deliver({ kind: 'conversation', id, audience: 'customers' }, { type: 'typing', conversation_id: id, author: { type: 'agent', name: this.peer.name }, active });
    if (this.peer.viewing.has(id)) this.rt.hub.view(this.peer, id, true, active);
  }

  private async read(f: Raw): Promise<void> {
    const id = F.requiredInt(f, 'conversation_id');
    const seq = F.requiredInt(f, 'seq');
    await this.rt.deps.store.db.updateTable('chat_conversations').set({ agent_read_seq: seq }).where('ticket_id', '=', id).where('agent_read_seq', '<', seq).where('last_seq', '>=', seq).execute();
    this.rt.hub.deliver({ kind: 'conversation', id, audience: 'customers' }, { type: 'read', conversation_id: id, by: 'agent', seq });
  }

  private async close(f: Raw): Promise<void> {
    this.requireWrite();
    const clientId = F.clientIdOf(f);
    const id = F.requiredInt(f, 'conversation_id');
    const { conversation, at } = await this.rt.deps.uow(async (work) => ({ ...(await closeChat(work, this.rt.deps.outbox, id, this.actor)), at: work.now }));
    this.conn.send({ type: 'ack', client_id: clientId, seq: null, message_id: null, at });
    this.rt.hub.deliver({ kind: 'conversation', id, audience: 'all' }, { type: 'status', conversation_id: id, status: conversation.status, agent: conversation.agentName ? { name: conversation.agentName } : null });
  }

  private async viewing(f: Raw): Promise<void> {
    const id = F.requiredInt(f, 'ticket_id');
    this.rt.hub.view(this.peer, id, F.flag(f, 'active'), false);
  }

  /** The socket closed: the agent's last socket here ends this node's word for its presence (sockets on another node keep it present). */
  async leave(): Promise<void> {
    if (!this.rt.hub.removeAgent(this.peer)) return;
    const was = this.rt.presence.get(this.agentId) ?? 'offline';
    if (was === 'offline') this.rt.presence.delete(this.agentId);
    else await this.rt.agentLeft(this.agentId);
  }
}
