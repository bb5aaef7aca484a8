import { sql } from 'kysely';
import type { Store } from '../../../store/database.ts';

/**
 * Runs fn only if no other node is polling this mailbox: on PostgreSQL a session advisory lock
 * `hashtext('careline:imap:'||id)` held on one dedicated connection for the whole poll and
 * released after; on SQLite (one process) fn just runs. Resolves to null when the lock is taken.
 */
export async function withPollLock<T>(store: Store, mailboxId: number, fn: () => Promise<T>): Promise<T | null> {
  if (store.dialect !== 'postgres') return fn();
  return store.db.connection().execute(async (conn) => {
    const key = sql`hashtext(${'careline:imap:'}::text || ${String(mailboxId)}::text)`;
    const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_lock(${key}) as locked`.execute(conn);
    if (!rows[0]?.locked) return null;
    try {
      return await fn();
    } finally {
      await sql`select pg_advisory_unlock(${key})`.execute(conn);
    }
  });
}
