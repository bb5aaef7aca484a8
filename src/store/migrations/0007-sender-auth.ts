import type { Kysely } from 'kysely';

/** Sender authentication (SPF, DKIM, DMARC) of an inbound SMTP email, as JSON on its message; null for every other message. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('messages').addColumn('sender_auth', 'text').execute();
}
