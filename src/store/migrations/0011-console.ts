import { sql, type Kysely } from 'kysely';
import { isPostgres, withId } from './helpers.ts';

/**
 * The agent console: TOTP two-factor per agent (secret encrypted at rest, last accepted time
 * step against replays), short-lived enrolment tokens for agents a workspace rule forces to set
 * it up, sessions that end when idle, the workspace's security settings, macros, merged
 * tickets, and full-text ticket search kept by the database itself on every write: FTS5
 * external-content tables with triggers on SQLite, GIN expression indexes on PostgreSQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('agents').addColumn('totp_secret', 'text').execute();
  await db.schema.alterTable('agents').addColumn('totp_pending_secret', 'text').execute();
  await db.schema.alterTable('agents').addColumn('totp_enabled_at', 'text').execute();
  await db.schema.alterTable('agents').addColumn('totp_last_step', 'integer').execute();
  await db.schema.alterTable('sessions').addColumn('last_seen_at', 'text').execute();
  await db.schema
    .createTable('totp_setup_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('agent_id', 'integer', (c) => c.notNull().references('agents.id').onDelete('cascade'))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('security_settings')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('require_totp', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('macros'))
    .addColumn('title', 'text', (c) => c.notNull().unique())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('actions', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema.alterTable('tickets').addColumn('merged_into_id', 'integer', (c) => c.references('tickets.id')).execute();
  // Open work counted per view: the counts read these instead of the table.
  await db.schema.createIndex('tickets_status_assignee').on('tickets').columns(['status', 'assignee_id']).execute();
  await db.schema.createIndex('tickets_status_team').on('tickets').columns(['status', 'team_id']).execute();
  await db.schema.createIndex('tickets_status_channel_category').on('tickets').columns(['status', 'channel', 'category']).execute();
  // Each listed ticket's latest customer email (the "unverified sender" flag): without it SQLite walks every email message.
  await db.schema.createIndex('messages_ticket_author').on('messages').columns(['ticket_id', 'author_type', 'channel', 'id']).execute();

  if (isPostgres(db)) {
    // Words as SQLite's unicode61 sees them (letters and digits), so both dialects match alike; a
    // message's first 100,000 characters keep its tsvector under PostgreSQL's 1 MB limit.
    await sql`create index messages_search on messages using gin (to_tsvector('simple', regexp_replace(left(text, 100000), '[^[:alnum:]]+', ' ', 'g')))`.execute(db);
    await sql`create index tickets_search on tickets using gin (to_tsvector('simple', regexp_replace(subject || ' ' || reference, '[^[:alnum:]]+', ' ', 'g')))`.execute(db);
    await sql`create index customers_search on customers using gin (to_tsvector('simple', regexp_replace(coalesce(name, '') || ' ' || coalesce(email, ''), '[^[:alnum:]]+', ' ', 'g')))`.execute(db);
    return;
  }
  const tokenize = sql.raw(`tokenize="unicode61 remove_diacritics 2"`);
  await sql`create virtual table messages_fts using fts5(text, content='messages', content_rowid='id', ${tokenize})`.execute(db);
  await sql`create virtual table tickets_fts using fts5(subject, reference, content='tickets', content_rowid='id', ${tokenize})`.execute(db);
  await sql`create virtual table customers_fts using fts5(name, email, content='customers', content_rowid='id', ${tokenize})`.execute(db);
  const feeds: [string, string, string[]][] = [
    ['messages', 'messages_fts', ['text']],
    ['tickets', 'tickets_fts', ['subject', 'reference']],
    ['customers', 'customers_fts', ['name', 'email']],
  ];
  for (const [table, fts, columns] of feeds) {
    const list = columns.join(', ');
    const of = (row: 'new' | 'old') => columns.map((c) => `${row}.${c}`).join(', ');
    const add = `insert into ${fts} (rowid, ${list}) values (new.id, ${of('new')});`;
    const drop = `insert into ${fts} (${fts}, rowid, ${list}) values ('delete', old.id, ${of('old')});`;
    await sql.raw(`create trigger ${fts}_insert after insert on ${table} begin ${add} end`).execute(db);
    await sql.raw(`create trigger ${fts}_delete after delete on ${table} begin ${drop} end`).execute(db);
    await sql.raw(`create trigger ${fts}_update after update of ${list} on ${table} begin ${drop} ${add} end`).execute(db);
    await sql.raw(`insert into ${fts} (${fts}) values ('rebuild')`).execute(db);
  }
}
