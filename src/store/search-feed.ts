import type BetterSqlite3 from 'better-sqlite3';

/** Ticket search's FTS5 tables on SQLite and the columns each indexes (migrations 0011 and 0014). */
const FEEDS = [
  { table: 'messages', fts: 'messages_fts', columns: 'text' },
  { table: 'tickets', fts: 'tickets_fts', columns: 'subject, reference' },
  { table: 'customers', fts: 'customers_fts', columns: 'name, email' },
] as const;

/**
 * Indexes, in the caller's open transaction, every row written since the last feed: one
 * statement per table that has such rows (one query finds which), so FTS5 builds one segment
 * per commit instead of one per row (see migration 0014). `pending` tells whether any committed
 * row is not indexed yet (written outside a store transaction): a search first runs an empty
 * transaction to index it.
 * Before migration 0014 has run there is nothing to feed (the old triggers index each row).
 */
export type SearchFeed = { feed: () => void; pending: () => boolean };

export function searchFeed(raw: BetterSqlite3.Database): SearchFeed {
  let statements: { feed: BetterSqlite3.Statement[][]; behind: BetterSqlite3.Statement } | null = null;
  const prepared = (): typeof statements => {
    if (statements) return statements;
    const exists = raw.prepare(`select 1 from sqlite_master where type = 'table' and name = 'search_feed'`).get();
    if (!exists) return null;
    const mark = (table: string): string => `(select last_id from search_feed where name = '${table}')`;
    statements = {
      feed: FEEDS.map(({ table, fts, columns }) => [
        raw.prepare(`insert into ${fts} (rowid, ${columns}) select id, ${columns} from ${table} where id > ${mark(table)} order by id`),
        raw.prepare(`update search_feed set last_id = (select max(id) from ${table}) where name = '${table}' and (select max(id) from ${table}) > last_id`),
      ]),
      // One row, a column per table: 1 where rows wait to be indexed. Feeding a table with none still costs FTS5 its setup.
      behind: raw.prepare(`select ${FEEDS.map(({ table }) => `coalesce((select max(id) from ${table}), 0) > ${mark(table)}`).join(', ')}`).raw(),
    };
    return statements;
  };
  /** Per table, in FEEDS order: whether rows wait to be indexed (none before migration 0014). */
  const behind = (): number[] => (prepared()?.behind.get() as number[] | undefined) ?? [];
  return {
    feed: () => {
      const waiting = behind();
      statements?.feed.forEach((table, i) => {
        if (waiting[i]) for (const statement of table) statement.run();
      });
    },
    pending: () => behind().some(Boolean),
  };
}
