import { normalizeReference } from '../../kernel/ids.ts';
import { notFound } from '../../kernel/errors.ts';
import type { Db } from '../../store/database.ts';
import type { Finding } from '../triage/index.ts';
import type { Attachment, AuthorType, Category, Channel, ChecklistItem, Message, MessageKind, Priority, SenderAuth, Status, Ticket, TicketTriage } from './model.ts';
import { UNVERIFIED } from './model.ts';
import { verificationStates } from './verification/state.ts';

type TicketRow = {
  id: number;
  reference: string;
  subject: string;
  status: string;
  priority: string;
  category: string;
  channel: string;
  customer_id: number;
  customer_name: string | null;
  customer_email: string | null;
  assignee_id: number | null;
  team_id: number | null;
  follow_up_of: string | null;
  created_at: string;
  updated_at: string;
  first_response_at: string | null;
  solved_at: string | null;
  triage: string | null;
};

/** The select every ticket read shares: the ticket, its customer, the ticket it follows up. */
export function ticketSelect(db: Db) {
  return db
    .selectFrom('tickets as t')
    .innerJoin('customers as c', 'c.id', 't.customer_id')
    .leftJoin('tickets as f', 'f.id', 't.follow_up_of_id')
    .select([
      't.id', 't.reference', 't.subject', 't.status', 't.priority', 't.category', 't.channel', 't.customer_id',
      'c.name as customer_name', 'c.email as customer_email', 't.assignee_id', 't.team_id', 'f.reference as follow_up_of',
      't.created_at', 't.updated_at', 't.first_response_at', 't.solved_at', 't.triage',
    ]);
}

/** Rows to tickets, loading every ticket's tags and verification in one query each. */
export async function hydrateTickets(db: Db, rows: TicketRow[]): Promise<Ticket[]> {
  if (rows.length === 0) return [];
  const tags = await db.selectFrom('ticket_tags').select(['ticket_id', 'tag']).where('ticket_id', 'in', rows.map((r) => r.id)).orderBy('tag').execute();
  const verifications = await verificationStates(db, rows.map((r) => r.id));
  const unverified = await unverifiedSenders(db, rows.map((r) => r.id));
  const byTicket = new Map<number, string[]>();
  for (const t of tags) byTicket.set(t.ticket_id, [...(byTicket.get(t.ticket_id) ?? []), t.tag]);
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    subject: r.subject,
    status: r.status as Status,
    priority: r.priority as Priority,
    category: r.category as Category,
    channel: r.channel as Channel,
    customer: { id: r.customer_id, name: r.customer_name, email: r.customer_email },
    assigneeId: r.assignee_id,
    teamId: r.team_id,
    tags: byTicket.get(r.id) ?? [],
    followUpOf: r.follow_up_of,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    firstResponseAt: r.first_response_at,
    solvedAt: r.solved_at,
    triage: r.triage ? (JSON.parse(r.triage) as TicketTriage) : null,
    verification: verifications.get(r.id) ?? UNVERIFIED,
    unverifiedSender: unverified.has(r.id),
  }));
}

/** The tickets among ids whose latest customer email carries a failed sender authentication verdict. */
async function unverifiedSenders(db: Db, ticketIds: number[]): Promise<Set<number>> {
  const rows = await db
    .selectFrom('messages as m')
    .select(['m.ticket_id', 'm.sender_auth'])
    .where('m.ticket_id', 'in', ticketIds)
    .where('m.id', 'in', (q) =>
      q.selectFrom('messages as l').select((eb) => eb.fn.max('l.id').as('id')).where('l.ticket_id', 'in', ticketIds).where('l.author_type', '=', 'customer').where('l.channel', '=', 'email').groupBy('l.ticket_id'),
    )
    .execute();
  return new Set(rows.filter((r) => r.sender_auth !== null && (JSON.parse(r.sender_auth) as SenderAuth).unverified).map((r) => r.ticket_id));
}

/** A ticket by what a customer or agent typed as its reference (any case, O/0, I/L/1). */
export async function findTicket(db: Db, reference: string): Promise<Ticket> {
  const ref = normalizeReference(reference);
  const row = ref ? await ticketSelect(db).where('t.reference', '=', ref).executeTakeFirst() : undefined;
  if (!row) throw notFound(`Ticket ${reference.slice(0, 40)}`);
  return (await hydrateTickets(db, [row]))[0]!;
}

export async function getTicketById(db: Db, id: number): Promise<Ticket> {
  const row = await ticketSelect(db).where('t.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`Ticket ${id}`);
  return (await hydrateTickets(db, [row]))[0]!;
}

/** A ticket's messages, oldest first, with authors' names and attachments. */
export async function listMessages(db: Db, ticketId: number, options: { includeNotes: boolean } = { includeNotes: true }): Promise<Message[]> {
  const rows = await db
    .selectFrom('messages as m')
    .leftJoin('agents as a', (j) => j.onRef('a.id', '=', 'm.author_id').on('m.author_type', '=', 'agent'))
    .leftJoin('customers as c', (j) => j.onRef('c.id', '=', 'm.author_id').on('m.author_type', '=', 'customer'))
    .select(['m.id', 'm.ticket_id', 'm.kind', 'm.author_type', 'm.author_id', 'm.channel', 'm.text', 'm.html', 'm.external_id', 'm.redactions', 'm.sender_auth', 'm.created_at', 'a.name as agent_name', 'c.name as customer_name'])
    .where('m.ticket_id', '=', ticketId)
    .$if(!options.includeNotes, (q) => q.where('m.kind', '=', 'reply'))
    .orderBy('m.id')
    .execute();
  const files = rows.length
    ? await db.selectFrom('attachments').select(['id', 'message_id', 'filename', 'content_type', 'size']).where('message_id', 'in', rows.map((r) => r.id)).orderBy('id').execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    ticketId: r.ticket_id,
    kind: r.kind as MessageKind,
    author: { type: r.author_type as AuthorType, id: r.author_id, name: r.agent_name ?? r.customer_name ?? null },
    channel: r.channel as Channel,
    text: r.text,
    html: r.html,
    externalId: r.external_id,
    redactions: JSON.parse(r.redactions) as Finding[],
    attachments: files
      .filter((f) => f.message_id === r.id)
      .map((f): Attachment => ({ id: f.id, filename: f.filename, contentType: f.content_type, size: f.size })),
    senderAuth: r.sender_auth ? (JSON.parse(r.sender_auth) as SenderAuth) : null,
    createdAt: r.created_at,
  }));
}

/** A ticket's escalation checklist, in order. */
export async function listChecklist(db: Db, ticketId: number): Promise<ChecklistItem[]> {
  const rows = await db.selectFrom('ticket_checklist_items').selectAll().where('ticket_id', '=', ticketId).orderBy('position').execute();
  return rows.map((r) => ({ id: r.id, text: r.text, doneAt: r.done_at, doneBy: r.done_by }));
}
