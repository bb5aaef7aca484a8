import type { Kysely } from 'kysely';
import { isPostgres, withId } from './helpers.ts';

/**
 * The email channel: mailboxes, every inbound raw message (kept for replay), ids our own
 * outbound messages go out under (so replies thread), bouncing identities, inline image ids.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('mailboxes'))
    .addColumn('address', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('priority', 'text')
    .addColumn('team_id', 'integer', (c) => c.references('teams.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('inbound_emails'))
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('mailbox_id', 'integer', (c) => c.notNull().references('mailboxes.id'))
    .addColumn('envelope_from', 'text', (c) => c.notNull())
    .addColumn('rcpt', 'text', (c) => c.notNull())
    .addColumn('remote_ip', 'text', (c) => c.notNull())
    .addColumn('from_address', 'text')
    .addColumn('raw', isPostgres(db) ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('auto_submitted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('ticket_id', 'integer', (c) => c.references('tickets.id'))
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('inbound_emails_message_id').on('inbound_emails').column('message_id').unique().execute();
  await db.schema.createIndex('inbound_emails_sender').on('inbound_emails').columns(['from_address', 'received_at']).execute();

  await db.schema
    .createTable('ticket_external_ids')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('message_id', 'integer', (c) => c.references('messages.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_external_ids_pk', ['channel', 'external_id'])
    .execute();

  await db.schema.alterTable('customer_identities').addColumn('bouncing_since', 'text').execute();
  await db.schema.alterTable('customer_identities').addColumn('bounce_reason', 'text').execute();
  await db.schema.alterTable('attachments').addColumn('content_id', 'text').execute();
}
