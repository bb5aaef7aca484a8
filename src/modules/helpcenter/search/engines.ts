import { PostgresAdapter } from 'kysely';
import type { Db, Dialect, Tx } from '../../../store/database.ts';
import { fts5Index } from './fts5-index.ts';
import { postgresIndex } from './postgres-index.ts';
import type { SearchIndex } from './search-index.ts';

/** Which dialect a connection or transaction speaks; commands get a transaction, not the store. */
export function dialectOf(db: Db | Tx): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** The search index of a dialect: SQLite FTS5 or PostgreSQL full text (tsvector). */
export function searchIndexFor(dialect: Dialect): SearchIndex {
  return dialect === 'postgres' ? postgresIndex : fts5Index;
}
