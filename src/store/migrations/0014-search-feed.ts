import { sql, type Kysely } from 'kysely';
import { isPostgres } from './helpers.ts';

/** The FTS5 tables of ticket search and the columns each indexes (0011-console.ts made them), as of this migration. */
const SEARCH_FEEDS = [
  { table: 'messages', fts: 'messages_fts', columns: ['text'] },
  { table: 'tickets', fts: 'tickets_fts', columns: ['subject', 'reference'] },
  { table: 'customers', fts: 'customers_fts', columns: ['name', 'email'] },
] as const;

/**
 * SQLite: ticket search's FTS5 tables are fed once per commit instead of once per row. FTS5
 * writes out its pending terms at every statement of a transaction that follows an insert, so
 * the per-row insert triggers made one tiny index segment per message and slowed the next
 * statement (on the chat and email write paths, a third of the SQL time). The rows are now
 * indexed in one statement per table just before COMMIT (see search-feed.ts), up to a
 * watermark kept in `search_feed`; the delete and update triggers stay, for rows already
 * indexed. Every row existing now is indexed, so the watermarks start at the current ids.
 * PostgreSQL's GIN indexes are unchanged.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) return;
  await db.schema
    .createTable('search_feed')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('last_id', 'integer', (c) => c.notNull())
    .execute();
  for (const { table, fts, columns } of SEARCH_FEEDS) {
    const list = columns.join(', ');
    const of = (row: 'new' | 'old') => columns.map((c) => `${row}.${c}`).join(', ');
    const add = `insert into ${fts} (rowid, ${list}) values (new.id, ${of('new')});`;
    const drop = `insert into ${fts} (${fts}, rowid, ${list}) values ('delete', old.id, ${of('old')});`;
    const indexed = `old.id <= (select last_id from search_feed where name = '${table}')`;
    for (const kind of ['insert', 'delete', 'update']) await sql.raw(`drop trigger ${fts}_${kind}`).execute(db);
    await sql.raw(`insert into search_feed (name, last_id) values ('${table}', coalesce((select max(id) from ${table}), 0))`).execute(db);
    await sql.raw(`create trigger ${fts}_delete after delete on ${table} when ${indexed} begin ${drop} end`).execute(db);
    await sql.raw(`create trigger ${fts}_update after update of ${list} on ${table} when ${indexed} begin ${drop} ${add} end`).execute(db);
  }
}
