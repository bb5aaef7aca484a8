import { badRequest, conflict, notFound } from '../../kernel/errors.ts';
import type { Db } from '../../store/database.ts';
import { isEmail, normalizeIdentity } from '../customers/index.ts';
import { findTeam } from '../identity/index.ts';
import { CATEGORIES, PRIORITIES, type Category, type Priority } from '../tickets/index.ts';

/**
 * An address Careline receives mail at, and what a new ticket from it starts with: the
 * category triage leans towards, a priority (null: triage decides) and the team it goes to.
 */
export type Mailbox = {
  id: number;
  address: string;
  name: string;
  category: Category;
  priority: Priority | null;
  teamId: number | null;
  createdAt: string;
  updatedAt: string;
};

export type NewMailbox = { address: string; name?: string | null; category: Category; priority?: Priority | null; teamId?: number | null };

type Row = { id: number; address: string; name: string; category: string; priority: string | null; team_id: number | null; created_at: string; updated_at: string };

const COLUMNS = ['id', 'address', 'name', 'category', 'priority', 'team_id', 'created_at', 'updated_at'] as const;

function toMailbox(r: Row): Mailbox {
  return {
    id: r.id,
    address: r.address,
    name: r.name,
    category: r.category as Category,
    priority: r.priority as Priority | null,
    teamId: r.team_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** How mailbox addresses compare: trimmed and lowercased, like email identities. */
export function normalizeAddress(address: string): string {
  return normalizeIdentity('email', address);
}

/**
 * Adds a mailbox after checking its address, category, priority and team.
 * @example await createMailbox(db, { address: 'billing@example.com', category: 'billing', teamId: 2 }, now)
 */
export async function createMailbox(db: Db, input: NewMailbox, now: string): Promise<Mailbox> {
  const address = normalizeAddress(input.address);
  if (!isEmail(address)) throw badRequest(`"${input.address.slice(0, 254)}" is not an email address`, { address: 'invalid' });
  if (!(CATEGORIES as readonly string[]).includes(input.category)) throw badRequest(`category must be one of ${CATEGORIES.join(', ')}`, { category: 'invalid' });
  const priority = input.priority ?? null;
  if (priority !== null && !(PRIORITIES as readonly string[]).includes(priority)) throw badRequest(`priority must be one of ${PRIORITIES.join(', ')}`, { priority: 'invalid' });
  const teamId = input.teamId ?? null;
  if (teamId !== null && !(await findTeam(db, teamId))) throw badRequest(`Team ${teamId} does not exist`, { teamId: 'unknown' });
  if (await findMailbox(db, address)) throw conflict(`A mailbox ${address} already exists`);
  const row = await db
    .insertInto('mailboxes')
    .values({ address, name: input.name?.trim() || address, category: input.category, priority, team_id: teamId, created_at: now, updated_at: now })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  return toMailbox(row);
}

/** Every mailbox, by address. */
export async function listMailboxes(db: Db): Promise<Mailbox[]> {
  return (await db.selectFrom('mailboxes').select(COLUMNS).orderBy('address').execute()).map(toMailbox);
}

/** The mailbox at an address (any case), or null: what SMTP asks for each RCPT TO. */
export async function findMailbox(db: Db, address: string): Promise<Mailbox | null> {
  const row = await db.selectFrom('mailboxes').select(COLUMNS).where('address', '=', normalizeAddress(address)).executeTakeFirst();
  return row ? toMailbox(row) : null;
}

/** A mailbox by id; not_found when there is none. */
export async function getMailbox(db: Db, id: number): Promise<Mailbox> {
  const row = await db.selectFrom('mailboxes').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`Mailbox ${id}`);
  return toMailbox(row);
}
