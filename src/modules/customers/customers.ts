import { sql } from 'kysely';
import { badRequest, notFound } from '../../kernel/errors.ts';
import type { Actor } from '../../kernel/events.ts';
import { compiledOnce } from '../../store/compiled-once.ts';
import type { Db } from '../../store/database.ts';
import type { Work } from '../../store/unit-of-work.ts';
import { isEmail, normalizeIdentity, type IdentityKind } from './identity.ts';

/** An identity; `bouncingSince` is set while mail to it comes back undelivered. */
export type Identity = { kind: IdentityKind; value: string; verified: boolean; bouncingSince: string | null; bounceReason: string | null };

/** A customer: one record, many identities (email address, chat visitor id, social handle). */
export type Customer = {
  id: number;
  name: string | null;
  email: string | null;
  identities: Identity[];
  createdAt: string;
  updatedAt: string;
};

type Row = { id: number; name: string | null; email: string | null; created_at: string; updated_at: string };

async function hydrate(db: Db, rows: Row[]): Promise<Customer[]> {
  if (rows.length === 0) return [];
  const ids = await db
    .selectFrom('customer_identities')
    .select(['customer_id', 'kind', 'value', 'verified', 'bouncing_since', 'bounce_reason'])
    .where('customer_id', 'in', rows.map((r) => r.id))
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    email: r.email,
    identities: ids.filter((i) => i.customer_id === r.id).map((i) => ({ kind: i.kind as IdentityKind, value: i.value, verified: i.verified === 1, bouncingSince: i.bouncing_since, bounceReason: i.bounce_reason })),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

const COLUMNS = ['id', 'name', 'email', 'created_at', 'updated_at'] as const;

/** A customer by id; a merged customer resolves to the one it was merged into. */
export async function getCustomer(db: Db, id: number): Promise<Customer> {
  let current = id;
  for (let hops = 0; hops < 10; hops++) {
    const row = await db.selectFrom('customers').select([...COLUMNS, 'merged_into_id']).where('id', '=', current).executeTakeFirst();
    if (!row) break;
    if (row.merged_into_id === null) return (await hydrate(db, [row]))[0]!;
    current = row.merged_into_id;
  }
  throw notFound(`Customer ${id}`);
}

export async function findCustomerByIdentity(db: Db, kind: IdentityKind, value: string): Promise<Customer | null> {
  const row = await db
    .selectFrom('customer_identities')
    .select('customer_id')
    .where('kind', '=', kind)
    .where('value', '=', normalizeIdentity(kind, value))
    .executeTakeFirst();
  return row ? getCustomer(db, row.customer_id) : null;
}

export type CustomerQuery = { q?: string; limit: number; afterId?: number };

/** Customers newest first, filtered by a name/email/identity substring. */
export async function listCustomers(db: Db, query: CustomerQuery): Promise<Customer[]> {
  const like = query.q ? `%${query.q.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%` : null;
  const rows = await db
    .selectFrom('customers')
    .select(COLUMNS)
    .where('merged_into_id', 'is', null)
    .$if(query.afterId !== undefined, (q) => q.where('id', '<', query.afterId!))
    .$if(like !== null, (q) =>
      q.where((eb) =>
        eb.or([
          sql<boolean>`lower(${sql.ref('name')}) like ${like} escape '\\'`,
          eb('id', 'in', eb.selectFrom('customer_identities').select('customer_id').where(sql<boolean>`lower(${sql.ref('value')}) like ${like} escape '\\'`)),
        ]),
      ),
    )
    .orderBy('id', 'desc')
    .limit(query.limit)
    .execute();
  return hydrate(db, rows);
}

export type IdentityInput = { kind: IdentityKind; value: string; verified?: boolean };

/** Who a customer is in one line: what tickets show; cheaper than a full Customer. */
export type CustomerRef = { id: number; name: string | null; email: string | null };

/** One customer row with its merge pointer: every inbound message resolves its sender through it. */
const customerRow = compiledOnce((db, id: number) => db.selectFrom('customers').select(['id', 'name', 'email', 'merged_into_id']).where('id', '=', id));

/** A customer's id, name and email, following merges to the surviving record. */
export async function resolveCustomer(db: Db, id: number): Promise<CustomerRef> {
  let current = id;
  for (let hops = 0; hops < 10; hops++) {
    const row = (await customerRow(db, current)).rows[0];
    if (!row) break;
    if (row.merged_into_id === null) return { id: row.id, name: row.name, email: row.email };
    current = row.merged_into_id;
  }
  throw notFound(`Customer ${id}`);
}

/** The statements of findOrCreateCustomer, the hot path of every inbound message: built and compiled once (see compiledOnce). */
const identityOwner = compiledOnce((db, kind: string, value: string) => db.selectFrom('customer_identities').select('customer_id').where('kind', '=', kind).where('value', '=', value));
const insertCustomer = compiledOnce((db, name: string | null, email: string | null, now: string) =>
  db.insertInto('customers').values({ name, email, created_at: now, updated_at: now }).returning('id'),
);
const insertIdentity = compiledOnce((db, customerId: number, kind: string, value: string, verified: number, now: string) =>
  db
    .insertInto('customer_identities')
    .values({ customer_id: customerId, kind, value, verified, created_at: now })
    .onConflict((oc) => oc.columns(['kind', 'value']).doNothing())
    .returning('id'),
);
const deleteCustomer = compiledOnce((db, id: number) => db.deleteFrom('customers').where('id', '=', id));

/**
 * Finds the customer who owns an identity, or creates both, inside the caller's transaction.
 * Safe under concurrency: a lost race adopts the winner's customer.
 */
export async function findOrCreateCustomer(work: Work, identity: IdentityInput, name: string | null, actor: Actor): Promise<{ customer: CustomerRef; created: boolean }> {
  const { trx, now } = work;
  const value = normalizeIdentity(identity.kind, identity.value);
  if (identity.kind === 'email' && !isEmail(value)) throw badRequest(`"${identity.value}" is not an email address`, { email: 'invalid' });
  const owner = async (): Promise<number | undefined> => (await identityOwner(trx, identity.kind, value)).rows[0]?.customer_id;
  const existing = await owner();
  if (existing !== undefined) return { customer: await resolveCustomer(trx, existing), created: false };
  const fields = { name: name?.trim() || null, email: identity.kind === 'email' ? value : null };
  const customer = (await insertCustomer(trx, fields.name, fields.email, now)).rows[0]!;
  const inserted = (await insertIdentity(trx, customer.id, identity.kind, value, identity.verified ? 1 : 0, now)).rows[0];
  if (!inserted) {
    await deleteCustomer(trx, customer.id);
    const winner = await owner();
    if (winner === undefined) throw new Error('identity vanished during find-or-create');
    return { customer: await resolveCustomer(trx, winner), created: false };
  }
  work.emit({ type: 'customer.created', ticketId: null, customerId: customer.id, actor, data: { name: fields.name } });
  return { customer: { id: customer.id, ...fields }, created: true };
}

export type CustomerPatch = { name?: string | null; email?: string };

export async function updateCustomer(work: Work, id: number, patch: CustomerPatch): Promise<Customer> {
  const { trx, now } = work;
  const customer = await getCustomer(trx, id);
  const values: { updated_at: string; name?: string | null; email?: string } = { updated_at: now };
  if (patch.name !== undefined) values.name = patch.name?.trim() || null;
  if (patch.email !== undefined) {
    const email = normalizeIdentity('email', patch.email);
    if (!isEmail(email)) throw badRequest(`"${patch.email}" is not an email address`, { email: 'invalid' });
    const other = await findCustomerByIdentity(trx, 'email', email);
    if (other && other.id !== customer.id) throw badRequest('That email belongs to another customer; merge the two instead', { email: 'taken' });
    if (!other) await trx.insertInto('customer_identities').values({ customer_id: customer.id, kind: 'email', value: email, verified: 0, created_at: now }).execute();
    values.email = email;
  }
  await trx.updateTable('customers').set(values).where('id', '=', customer.id).execute();
  return getCustomer(trx, customer.id);
}

/**
 * Merges source into target: identities and tickets move to target, source stays as a
 * pointer so old links still resolve. Both must exist and differ.
 */
export async function mergeCustomers(work: Work, sourceId: number, targetId: number, actor: Actor): Promise<Customer> {
  const { trx, now } = work;
  const source = await getCustomer(trx, sourceId);
  const target = await getCustomer(trx, targetId);
  if (source.id === target.id) throw badRequest('A customer cannot be merged into itself', { targetId: 'same as source' });
  await trx.updateTable('customer_identities').set({ customer_id: target.id }).where('customer_id', '=', source.id).execute();
  await trx.updateTable('tickets').set({ customer_id: target.id }).where('customer_id', '=', source.id).execute();
  await trx.updateTable('customers').set({ merged_into_id: target.id, updated_at: now }).where('id', '=', source.id).execute();
  await trx
    .updateTable('customers')
    .set({ name: target.name ?? source.name, email: target.email ?? source.email, updated_at: now })
    .where('id', '=', target.id)
    .execute();
  work.emit({ type: 'customer.merged', ticketId: null, customerId: target.id, actor, data: { sourceId: source.id, targetId: target.id } });
  return getCustomer(trx, target.id);
}
