import { hashSecret, newSecret } from '../../kernel/ids.ts';
import type { Db } from '../../store/database.ts';
import type { Work } from '../../store/unit-of-work.ts';
import type { Visitor } from './model.ts';

/**
 * The visitor a token names, or a new one with a new token when the token is missing or
 * unknown. Only the token's SHA-256 is stored; the token itself is returned once, to keep.
 */
export async function resolveVisitor(work: Work, token: string | null): Promise<{ visitor: Visitor; token: string; created: boolean }> {
  if (token) {
    const found = await findVisitor(work.trx, token);
    if (found) {
      await work.trx.updateTable('chat_visitors').set({ last_seen_at: work.now }).where('id', '=', found.id).execute();
      return { visitor: found, token, created: false };
    }
  }
  return { ...(await createVisitor(work)), created: true };
}

/** A new visitor and its token. */
export async function createVisitor(work: Work): Promise<{ visitor: Visitor; token: string }> {
  const token = newSecret('vt');
  const row = await work.trx
    .insertInto('chat_visitors')
    .values({ token_hash: hashSecret(token), customer_id: null, verified: 0, created_at: work.now, last_seen_at: work.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { visitor: { id: row.id, customerId: null, verified: false }, token };
}

/** The visitor a token names, or null. */
export async function findVisitor(db: Db, token: string): Promise<Visitor | null> {
  if (!/^vt_[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const row = await db.selectFrom('chat_visitors').select(['id', 'customer_id', 'verified']).where('token_hash', '=', hashSecret(token)).executeTakeFirst();
  return row ? { id: row.id, customerId: row.customer_id, verified: row.verified === 1 } : null;
}

/** Links a visitor to its customer; verified when a signed identity proved who it is. */
export async function linkVisitor(work: Work, visitor: Visitor, customerId: number, verified: boolean): Promise<Visitor> {
  await work.trx.updateTable('chat_visitors').set({ customer_id: customerId, verified: verified ? 1 : 0 }).where('id', '=', visitor.id).execute();
  return { id: visitor.id, customerId, verified };
}
