import { sql } from 'kysely';
import { badRequest } from '../../kernel/errors.ts';
import type { Db } from '../../store/database.ts';
import type { Category, Channel, Status, Ticket } from './model.ts';
import { normalizeTag } from './model.ts';
import { hydrateTickets, ticketSelect } from './queries.ts';
import { searchCondition } from './ticket-search.ts';

/** Filters of the ticket list; every one optional, all combined with AND. */
export type TicketFilter = {
  status?: Status[];
  assigneeId?: number | 'none';
  teamId?: number;
  category?: Category;
  channel?: Channel;
  customerEmail?: string;
  customerId?: number;
  tag?: string;
  /** Full-text search: subject, reference, messages, customer name and email (see ticket-search.ts). */
  text?: string;
  cursor?: string;
  limit: number;
};

export type TicketPage = { items: Ticket[]; nextCursor: string | null };

function decodeCursor(cursor: string): number {
  const id = Number(Buffer.from(cursor, 'base64url').toString('utf8').replace(/^t:/, ''));
  if (!Number.isSafeInteger(id) || id <= 0) throw badRequest('cursor is not one this API returned', { cursor: 'invalid' });
  return id;
}

const encodeCursor = (id: number): string => Buffer.from(`t:${id}`).toString('base64url');

/** Tickets newest first, cursor-paged so a page costs the same at ticket 10 and 100,000; `text` searches them. */
export async function listTickets(db: Db, f: TicketFilter): Promise<TicketPage> {
  const before = f.cursor ? decodeCursor(f.cursor) : undefined;
  const tag = f.tag !== undefined ? normalizeTag(f.tag) : undefined;
  let q = ticketSelect(db);
  if (before !== undefined) q = q.where('t.id', '<', before);
  if (f.status?.length === 1) q = q.where('t.status', '=', f.status[0]!);
  // Several statuses (the open-work views): walking the id order and filtering beats reading
  // every open ticket through the status index and sorting them all for one page. `|| ''`
  // keeps the planners off that index on both dialects.
  else if (f.status?.length) q = q.where(sql<boolean>`(${sql.ref('t.status')} || '') in (${sql.join(f.status)})`);
  if (f.assigneeId === 'none') q = q.where('t.assignee_id', 'is', null);
  else if (f.assigneeId !== undefined) q = q.where('t.assignee_id', '=', f.assigneeId);
  if (f.teamId !== undefined) q = q.where('t.team_id', '=', f.teamId);
  if (f.category) q = q.where('t.category', '=', f.category);
  if (f.channel) q = q.where('t.channel', '=', f.channel);
  if (f.customerId !== undefined) q = q.where('t.customer_id', '=', f.customerId);
  if (f.customerEmail !== undefined) {
    const email = f.customerEmail.trim().toLowerCase();
    q = q.where('t.customer_id', 'in', db.selectFrom('customer_identities').select('customer_id').where('kind', '=', 'email').where('value', '=', email));
  }
  if (f.tag !== undefined) q = q.where('t.id', 'in', db.selectFrom('ticket_tags').select('ticket_id').where('tag', '=', tag ?? ''));
  if (f.text?.trim()) q = q.where(searchCondition(db, f.text));
  const rows = await q.orderBy('t.id', 'desc').limit(f.limit + 1).execute();
  const page = rows.slice(0, f.limit);
  const items = await hydrateTickets(db, page);
  return { items, nextCursor: rows.length > f.limit ? encodeCursor(page[page.length - 1]!.id) : null };
}
