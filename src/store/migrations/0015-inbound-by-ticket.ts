import type { Kysely } from 'kysely';

/**
 * The inbound mail of a ticket, oldest first: the acknowledgement reads it for every new email
 * ticket (was it automated mail? which mailbox did it come to?), and without an index both
 * dialects walked every inbound mail, ~0.15 ms per ticket at 3,000 mails and growing. The index
 * also holds those two answers, so the row (with the raw message before them) is not read.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('inbound_emails_ticket').on('inbound_emails').columns(['ticket_id', 'id', 'auto_submitted', 'mailbox_id']).execute();
}
