import type { Kysely } from 'kysely';

/** Email outbound: the sweep for replies whose event was lost scans messages by time. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('messages_created').on('messages').columns(['created_at']).execute();
}
