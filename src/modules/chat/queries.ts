import type { Db } from '../../store/database.ts';
import type { AuthorType } from '../tickets/index.ts';
import { clientIdOf, type ChatMessage, type Conversation, type ConversationStatus } from './model.ts';

/** How a ticket's state reads in a chat: over once solved or closed, active once assigned. */
export function conversationStatus(ticketStatus: string, assigneeId: number | null, closedAt: string | null): ConversationStatus {
  if (closedAt || ticketStatus === 'solved' || ticketStatus === 'closed') return 'closed';
  return assigneeId === null ? 'queued' : 'active';
}

function conversationSelect(db: Db) {
  return db
    .selectFrom('chat_conversations as cc')
    .innerJoin('tickets as t', 't.id', 'cc.ticket_id')
    .innerJoin('customers as c', 'c.id', 't.customer_id')
    .innerJoin('chat_visitors as v', 'v.id', 'cc.visitor_id')
    .leftJoin('agents as a', 'a.id', 't.assignee_id')
    .select([
      't.id', 't.reference', 't.subject', 't.category', 't.status', 't.team_id', 't.assignee_id', 't.created_at', 'a.name as agent_name',
      'cc.visitor_id', 'cc.last_seq', 'cc.email', 'cc.closed_at', 'v.verified', 'c.id as customer_id', 'c.name as customer_name', 'c.email as customer_email',
    ]);
}

type ConversationRow = Awaited<ReturnType<ReturnType<typeof conversationSelect>['executeTakeFirstOrThrow']>>;

function toConversation(r: ConversationRow): Conversation {
  return {
    id: r.id,
    reference: r.reference,
    subject: r.subject,
    category: r.category,
    status: conversationStatus(r.status, r.assignee_id, r.closed_at),
    ticketStatus: r.status,
    teamId: r.team_id,
    assigneeId: r.assignee_id,
    agentName: r.agent_name,
    visitorId: r.visitor_id,
    verified: r.verified === 1,
    customer: { id: r.customer_id, name: r.customer_name, email: r.customer_email },
    email: r.email ?? r.customer_email,
    lastSeq: r.last_seq,
    createdAt: r.created_at,
  };
}

/** The chat of a ticket, or null when the ticket is not a chat. */
export async function getConversation(db: Db, ticketId: number): Promise<Conversation | null> {
  const row = await conversationSelect(db).where('cc.ticket_id', '=', ticketId).executeTakeFirst();
  return row ? toConversation(row) : null;
}

/** The newest chat this visitor token started that is not over, or null. */
export async function openConversationOf(db: Db, visitorId: number): Promise<Conversation | null> {
  const row = await conversationSelect(db)
    .where('cc.visitor_id', '=', visitorId)
    .where('cc.closed_at', 'is', null)
    .where('t.status', 'not in', ['solved', 'closed'])
    .orderBy('cc.ticket_id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? toConversation(row) : null;
}

/** Chats assigned to an agent that are not over: what the console shows on connect. */
export async function conversationsOfAgent(db: Db, agentId: number): Promise<Conversation[]> {
  const rows = await conversationSelect(db).where('t.assignee_id', '=', agentId).where('cc.closed_at', 'is', null).where('t.status', 'not in', ['solved', 'closed']).orderBy('cc.ticket_id').limit(100).execute();
  return rows.map(toConversation);
}

function messageSelect(db: Db) {
  return db
    .selectFrom('messages as m')
    .leftJoin('chat_messages as cm', 'cm.message_id', 'm.id')
    .leftJoin('agents as a', (j) => j.onRef('a.id', '=', 'm.author_id').on('m.author_type', '=', 'agent'))
    .leftJoin('customers as c', (j) => j.onRef('c.id', '=', 'm.author_id').on('m.author_type', '=', 'customer'))
    .select(['m.id', 'm.ticket_id', 'm.kind', 'm.author_type', 'm.author_id', 'm.text', 'm.external_id', 'm.created_at', 'cm.seq', 'a.name as agent_name', 'c.name as customer_name']);
}

type MessageRow = Awaited<ReturnType<ReturnType<typeof messageSelect>['execute']>>[number];

async function toMessages(db: Db, rows: MessageRow[]): Promise<ChatMessage[]> {
  const files = rows.length
    ? await db.selectFrom('attachments').select(['id', 'message_id', 'filename', 'content_type', 'size']).where('message_id', 'in', rows.map((r) => r.id)).orderBy('id').execute()
    : [];
  return rows.map((r) => ({
    conversationId: r.ticket_id,
    seq: r.kind === 'reply' ? r.seq : null,
    id: r.id,
    clientId: clientIdOf(r.external_id),
    internal: r.kind === 'note',
    author: { type: r.author_type as AuthorType, id: r.author_id, name: r.agent_name ?? r.customer_name ?? null },
    text: r.text,
    attachments: files.filter((f) => f.message_id === r.id).map((f) => ({ id: f.id, filename: f.filename, contentType: f.content_type, size: f.size })),
    at: r.created_at,
  }));
}

/** A chat's public messages after a sequence number, in order: what a resuming client missed. */
export async function messagesAfter(db: Db, ticketId: number, afterSeq: number, limit = 1000): Promise<ChatMessage[]> {
  const rows = await messageSelect(db).where('cm.ticket_id', '=', ticketId).where('cm.seq', '>', afterSeq).orderBy('cm.seq').limit(limit).execute();
  return toMessages(db, rows);
}

/** Messages by id, in id order (public ones with their seq, notes without). */
export async function messagesByIds(db: Db, ids: number[]): Promise<ChatMessage[]> {
  if (ids.length === 0) return [];
  return toMessages(db, await messageSelect(db).where('m.id', 'in', ids).orderBy('m.id').execute());
}

/** The message a chat client id was stored under, if any. */
export async function messageByExternalId(db: Db, externalId: string): Promise<ChatMessage | null> {
  const row = await messageSelect(db).where('m.channel', '=', 'chat').where('m.external_id', '=', externalId).executeTakeFirst();
  return row ? ((await toMessages(db, [row]))[0] ?? null) : null;
}
