import { AppError, notFound } from '../../kernel/errors.ts';
import type { Actor } from '../../kernel/events.ts';
import type { Tx } from '../../store/database.ts';
import type { Work } from '../../store/unit-of-work.ts';
import { addMessage, insertMessage, makeBody, UNVERIFIED, type Category, type Channel, type Priority, type Status, type Ticket } from '../tickets/index.ts';
import { attachUploads } from './uploads.ts';
import { compiledOnce } from '../../store/compiled-once.ts';
import { chatExternalId, type ChatMessage, type Visitor } from './model.ts';
import { messageByExternalId, messagesByIds } from './queries.ts';
import { sequenceOne, sequencePending } from './sequence.ts';

/** What a chat write stored: the author's message and every public message it numbered (a secret notice, a late API reply). */
export type PostedMessage = { message: ChatMessage; numbered: ChatMessage[]; created: boolean };

/** The message already stored under a chat external id, if any: one indexed lookup, the full read only on a hit. */
async function alreadyStored(trx: Tx, externalId: string): Promise<ChatMessage | null> {
  const hit = await trx.selectFrom('messages').select('id').where('channel', '=', 'chat').where('external_id', '=', externalId).executeTakeFirst();
  return hit ? messageByExternalId(trx, externalId) : null;
}

/**
 * The chat's ticket as insertMessage reads it (id, reference, status, customer, first
 * response), with the conversation's owner and state and the id of a message already stored
 * under `externalId` (a resend), in one query: the hot path of chat. Tags, triage and
 * verification are not loaded; nothing on this path reads them.
 */
const chatTicketQuery = compiledOnce((db, ticketId: number, externalId: string) =>
  db
    .selectFrom('chat_conversations as cc')
    .innerJoin('tickets as t', 't.id', 'cc.ticket_id')
    .innerJoin('customers as c', 'c.id', 't.customer_id')
    .select(['t.id', 't.reference', 't.subject', 't.status', 't.priority', 't.category', 't.channel', 't.assignee_id', 't.team_id', 't.created_at', 't.updated_at', 't.first_response_at', 't.solved_at', 'c.id as customer_id', 'c.name as customer_name', 'c.email as customer_email', 'cc.visitor_id', 'cc.closed_at'])
    .select((eb) => eb.selectFrom('messages as m').select('m.id').where('m.channel', '=', 'chat').where('m.external_id', '=', externalId).as('seen_id'))
    .where('cc.ticket_id', '=', ticketId),
);

async function chatTicket(trx: Tx, ticketId: number, externalId: string): Promise<{ ticket: Ticket; visitorId: number; closedAt: string | null; seenId: number | null } | null> {
  const r = (await chatTicketQuery(trx, ticketId, externalId)).rows[0];
  if (!r) return null;
  const ticket: Ticket = {
    id: r.id, reference: r.reference, subject: r.subject, status: r.status as Status, priority: r.priority as Priority, category: r.category as Category, channel: r.channel as Channel,
    customer: { id: r.customer_id, name: r.customer_name, email: r.customer_email }, assigneeId: r.assignee_id, teamId: r.team_id, tags: [], followUpOf: null,
    createdAt: r.created_at, updatedAt: r.updated_at, firstResponseAt: r.first_response_at, solvedAt: r.solved_at, triage: null, verification: UNVERIFIED, unverifiedSender: false,
  };
  return { ticket, visitorId: r.visitor_id, closedAt: r.closed_at, seenId: r.seen_id };
}

/**
 * A visitor's message on its own open chat, through the tickets module's write path (secret
 * redaction included), numbered in the same transaction. The same client id is stored once.
 * Builds its answer from what it wrote when it can: this is chat's hottest path.
 */
export async function postCustomerMessage(work: Work, visitor: Visitor, input: { conversationId: number; clientId: string; text: string; attachments?: number[] }): Promise<PostedMessage> {
  const { trx } = work;
  const externalId = chatExternalId({ type: 'visitor', id: visitor.id }, input.clientId);
  const chat = await chatTicket(trx, input.conversationId, externalId);
  // A resend is answered with what the first send stored, whichever chat it went to (the external id names the visitor).
  const seen = chat?.seenId != null ? await messageByExternalId(trx, externalId) : chat ? null : await alreadyStored(trx, externalId);
  if (seen) return { message: seen, numbered: [], created: false };
  if (!chat || chat.visitorId !== visitor.id) throw notFound(`Chat ${input.conversationId}`);
  const { ticket } = chat;
  if (chat.closedAt || ticket.status === 'closed') throw new AppError('conflict', `Chat ${ticket.reference} is over; start a new one`);
  const actor: Actor = { type: 'customer', id: ticket.customer.id };
  const inserted = await insertMessage(work, ticket, { kind: 'reply', author: { type: 'customer', id: ticket.customer.id }, channel: 'chat', body: makeBody({ text: input.text }), externalId }, actor);
  const files = input.attachments ?? [];
  await attachUploads(work, visitor.id, inserted.id, files);
  if (files.length === 0 && inserted.redactions.length === 0) {
    const seq = await sequenceOne(work, ticket.id, inserted.id);
    const message: ChatMessage = {
      conversationId: ticket.id, seq, id: inserted.id, clientId: input.clientId, internal: false,
      author: { type: 'customer', id: ticket.customer.id, name: ticket.customer.name }, text: inserted.body.text, attachments: [], at: work.now,
    };
    return { message, numbered: [message], created: true };
  }
  const numbered = await sequencePending(work, ticket.id, inserted.id);
  return numberedAnswer(work, numbered, inserted.id);
}

/**
 * An agent's reply or internal note on a chat, through addMessage (the outbound guard stops a
 * reply that asks for a secret). Replies are numbered in the same transaction; notes are not.
 */
export async function postAgentMessage(work: Work, agentId: number, input: { conversationId: number; clientId: string; text: string; internal: boolean }, actor: Actor): Promise<PostedMessage> {
  const { trx } = work;
  const externalId = chatExternalId({ type: 'agent', id: agentId }, input.clientId);
  const seen = await alreadyStored(trx, externalId);
  if (seen) return { message: seen, numbered: [], created: false };
  const conversation = await trx
    .selectFrom('chat_conversations as cc')
    .innerJoin('tickets as t', 't.id', 'cc.ticket_id')
    .select(['t.reference', 'cc.closed_at'])
    .where('cc.ticket_id', '=', input.conversationId)
    .executeTakeFirst();
  if (!conversation) throw notFound(`Chat ${input.conversationId}`);
  if (conversation.closed_at && !input.internal) throw new AppError('conflict', `Chat ${conversation.reference} is over; the customer is gone`);
  const { message } = await addMessage(work, {
    reference: conversation.reference,
    kind: input.internal ? 'note' : 'reply',
    author: { type: 'agent', id: agentId },
    channel: 'chat',
    body: { text: input.text },
    externalId,
  }, actor);
  return numberedAnswer(work, await sequencePending(work, input.conversationId, message.id), message.id);
}

async function numberedAnswer(work: Work, numbered: Array<{ id: number }>, messageId: number): Promise<PostedMessage> {
  const messages = await messagesByIds(work.trx, [...new Set([messageId, ...numbered.map((n) => n.id)])]);
  return { message: messages.find((m) => m.id === messageId)!, numbered: messages.filter((m) => m.seq !== null), created: true };
}
