import type { Kysely } from 'kysely';
import { withId } from './helpers.ts';

/**
 * Trust: the outbox of mails we send, ticket verifications (codes and links stored hashed),
 * where audited requests came from (user agent) with indexes for the audit filters, and when
 * a customer was erased.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('outbound_emails'))
    .addColumn('message_id', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'integer', (c) => c.references('tickets.id'))
    .addColumn('customer_id', 'integer', (c) => c.references('customers.id'))
    .addColumn('from_address', 'text', (c) => c.notNull())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('html', 'text')
    .addColumn('headers', 'text', (c) => c.notNull())
    .addColumn('in_reply_to', 'text')
    .addColumn('references_header', 'text')
    .addColumn('sensitive', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('outbound_emails_status').on('outbound_emails').columns(['status', 'id']).execute();
  await db.schema.createIndex('outbound_emails_ticket').on('outbound_emails').columns(['ticket_id', 'id']).execute();
  await db.schema.createIndex('outbound_emails_customer').on('outbound_emails').columns(['customer_id', 'id']).execute();

  await withId(db, db.schema.createTable('ticket_verifications'))
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('code_hash', 'text')
    .addColumn('token_hash', 'text', (c) => c.unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expires_at', 'text')
    .addColumn('requested_by_type', 'text', (c) => c.notNull())
    .addColumn('requested_by_id', 'integer')
    .addColumn('method', 'text')
    .addColumn('verified_at', 'text')
    .addColumn('verified_by_type', 'text')
    .addColumn('verified_by_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ticket_verifications_ticket').on('ticket_verifications').columns(['ticket_id', 'id']).execute();

  await db.schema.alterTable('audit_log').addColumn('user_agent', 'text').execute();
  await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor_type', 'actor_id', 'id']).execute();
  await db.schema.createIndex('audit_log_action').on('audit_log').columns(['action', 'id']).execute();
  await db.schema.createIndex('audit_log_target').on('audit_log').columns(['target_type', 'target_id', 'id']).execute();

  await db.schema.alterTable('customers').addColumn('erased_at', 'text').execute();
}
