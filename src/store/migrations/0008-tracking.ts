import type { Kysely } from 'kysely';
import { withId } from './helpers.ts';

/**
 * Request tracking: one-time links that open a customer's view of one ticket at /track.
 * Only the SHA-256 of a token is kept; a link opens one session, once, within 30 minutes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('tracking_links'))
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tracking_links_ticket').on('tracking_links').columns(['ticket_id', 'id']).execute();
}
