import type { Kysely } from 'kysely';
import { withId } from './helpers.ts';

/**
 * Live chat: visitors (only the SHA-256 of their token is kept), one conversation per chat
 * ticket with its sequence counter and read marks, the sequence number of every
 * customer-visible message, uploads waiting to be attached, and the workspace's chat settings.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('chat_visitors'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('customer_id', 'integer', (c) => c.references('customers.id').onDelete('set null'))
    .addColumn('verified', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('chat_conversations')
    .addColumn('ticket_id', 'integer', (c) => c.primaryKey().references('tickets.id').onDelete('cascade'))
    .addColumn('visitor_id', 'integer', (c) => c.notNull().references('chat_visitors.id').onDelete('cascade'))
    .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('customer_read_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('agent_read_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('email', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('chat_conversations_visitor').on('chat_conversations').columns(['visitor_id', 'ticket_id']).execute();
  await db.schema
    .createTable('chat_messages')
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('message_id', 'integer', (c) => c.notNull().unique().references('messages.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('chat_messages_pk', ['ticket_id', 'seq'])
    .execute();
  await withId(db, db.schema.createTable('chat_uploads'))
    .addColumn('visitor_id', 'integer', (c) => c.notNull().references('chat_visitors.id').onDelete('cascade'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('attachment_id', 'integer', (c) => c.references('attachments.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('chat_uploads_visitor').on('chat_uploads').columns(['visitor_id', 'id']).execute();
  await db.schema
    .createTable('chat_settings')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('identity_secret', 'text', (c) => c.notNull())
    .addColumn('enforce_identity', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
