import type { Db } from '../../store/database.ts';
import type { Work } from '../../store/unit-of-work.ts';
import { getCustomer } from './customers.ts';

/** The customers merged into this one (their old ids still resolve to it). */
export async function mergedInto(db: Db, customerId: number): Promise<number[]> {
  const ids: number[] = [];
  let frontier = [customerId];
  for (let depth = 0; depth < 10 && frontier.length > 0; depth++) {
    const rows = await db.selectFrom('customers').select('id').where('merged_into_id', 'in', frontier).execute();
    frontier = rows.map((r) => r.id).filter((id) => !ids.includes(id));
    ids.push(...frontier);
  }
  return ids;
}

/** When a customer was erased, or null. */
export async function erasedAt(db: Db, customerId: number): Promise<string | null> {
  return (await db.selectFrom('customers').select('erased_at').where('id', '=', customerId).executeTakeFirst())?.erased_at ?? null;
}

/** What erasing a customer record removed: every identity value, to find what else mentions them. */
export type ErasedRecord = { customerId: number; mergedIds: number[]; identities: string[]; firstTime: boolean; erasedAt: string };

/**
 * Erases the person from a customer record (and the records merged into it): name and email
 * cleared, identities deleted, erased_at set. The record stays so tickets keep their customer.
 * Erasing again finds nothing left to clear.
 */
export async function eraseCustomerRecord(work: Work, id: number): Promise<ErasedRecord> {
  const { trx, now } = work;
  const customer = await getCustomer(trx, id);
  const mergedIds = await mergedInto(trx, customer.id);
  const all = [customer.id, ...mergedIds];
  const identities = await trx.selectFrom('customer_identities').select('value').where('customer_id', 'in', all).execute();
  const emails = await trx.selectFrom('customers').select('email').where('id', 'in', all).where('email', 'is not', null).execute();
  const before = await erasedAt(trx, customer.id);
  await trx.deleteFrom('customer_identities').where('customer_id', 'in', all).execute();
  await trx.updateTable('customers').set({ name: null, email: null, updated_at: now }).where('id', 'in', all).execute();
  await trx.updateTable('customers').set({ erased_at: before ?? now }).where('id', '=', customer.id).execute();
  await trx.updateTable('events').set({ data: JSON.stringify({ name: null }) }).where('type', '=', 'customer.created').where('customer_id', 'in', all).execute();
  const values = [...new Set([...identities.map((i) => i.value), ...emails.map((e) => e.email!)])];
  return { customerId: customer.id, mergedIds, identities: values, firstTime: before === null, erasedAt: before ?? now };
}
