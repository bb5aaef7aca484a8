import { sql, type Kysely } from 'kysely';
import { withId } from './helpers.ts';

/**
 * Live-chat routing: each agent's skills and capacity, presence refreshed by the node the agent
 * is connected to, business hours per team, and offers of a chat to one agent at a time. A
 * partial unique index allows one open offer per ticket, which decides races between nodes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('agent_routing')
    .addColumn('agent_id', 'integer', (c) => c.primaryKey().references('agents.id').onDelete('cascade'))
    .addColumn('skills', 'text', (c) => c.notNull())
    .addColumn('max_chats', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createTable('agent_presence')
    .addColumn('agent_id', 'integer', (c) => c.primaryKey().references('agents.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('seen_at', 'text', (c) => c.notNull())
    .addColumn('last_routed_at', 'text', (c) => c.notNull())
    .addColumn('turn', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createTable('team_business_hours')
    .addColumn('team_id', 'integer', (c) => c.primaryKey().references('teams.id').onDelete('cascade'))
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('schedule', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await withId(db, db.schema.createTable('chat_offers'))
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('agent_id', 'integer', (c) => c.notNull().references('agents.id').onDelete('cascade'))
    .addColumn('team_id', 'integer')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .execute();
  await db.schema.createIndex('chat_offers_one_open').on('chat_offers').column('ticket_id').unique().where(sql.ref('status'), '=', 'open').execute();
  await db.schema.createIndex('chat_offers_ticket').on('chat_offers').columns(['ticket_id', 'status']).execute();
  await db.schema.createIndex('chat_offers_status_expiry').on('chat_offers').columns(['status', 'expires_at']).execute();
  await db.schema.createIndex('chat_offers_agent').on('chat_offers').columns(['agent_id', 'status']).execute();
}
