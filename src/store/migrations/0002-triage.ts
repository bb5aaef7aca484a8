import type { Kysely } from 'kysely';
import { withId } from './helpers.ts';

/** Triage and trust: what redaction removed from a message, triage's verdict, escalation checklists. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('messages').addColumn('redactions', 'text', (c) => c.notNull().defaultTo('[]')).execute();
  await db.schema.alterTable('tickets').addColumn('triage', 'text').execute();
  await withId(db, db.schema.createTable('ticket_checklist_items'))
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .addColumn('done_by', 'integer', (c) => c.references('agents.id'))
    .execute();
  await db.schema.createIndex('ticket_checklist_items_ticket').on('ticket_checklist_items').columns(['ticket_id', 'position']).execute();
}
