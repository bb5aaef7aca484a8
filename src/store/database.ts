import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type SqliteDatabase, type Transaction } from 'kysely';
import pg from 'pg';
import { mkdirSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { AppError } from '../kernel/errors.ts';
import { migrationProvider } from './migrations/index.ts';
import { registerDirectSqlite } from './compiled-once.ts';
import { searchFeed } from './search-feed.ts';
import { walCheckpointer } from './wal-checkpointer.ts';
import { SqliteBatcher } from './sqlite-batcher.ts';
import type { Database } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';
export type Tx = Transaction<Database>;
export type Db = Kysely<Database>;

/** The database seam: one Kysely instance, one transaction primitive, and what ops need. */
export interface Store {
  readonly db: Db;
  readonly dialect: Dialect;
  /** Runs fn in a transaction; resolves only after COMMIT is durable. */
  transaction<T>(fn: (trx: Tx) => Promise<T>): Promise<T>;
  migrate(): Promise<string[]>;
  ping(): Promise<void>;
  /** Makes every committed row findable by ticket search before a search reads (SQLite feeds its FTS5 tables per commit; PostgreSQL needs nothing). */
  catchUpSearch(): Promise<void>;
  /** Online copy of an SQLite database to a file (PostgreSQL: use pg_dump). */
  backup(file: string): Promise<void>;
  close(): Promise<void>;
}

export type StoreOptions = {
  /** PostgreSQL schema to work in (search_path); tests give each run its own. */
  pgSchema?: string;
  /** SQLite only: batch concurrent transactions into one commit (default on). */
  groupCommit?: boolean;
  /** SQLite only: told the size of each group commit (metrics, tests). */
  onBatch?: (size: number) => void;
  /** SQLite only: WAL frames after which the writer waits for a checkpoint that restarts the WAL (default RESTART_FRAMES; tests). */
  walRestartFrames?: number;
};

/** Opens the store named by a DATABASE_URL: `sqlite:PATH` or `postgres://…[?schema=NAME]`. */
export function openStore(url: string, options: StoreOptions = {}): Store {
  if (url.startsWith('sqlite:')) return openSqlite(url.slice('sqlite:'.length), options);
  return openPostgres(url, options);
}

function openSqlite(path: string, options: StoreOptions): Store {
  const file = path === ':memory:' ? path : resolve(path);
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const raw = new BetterSqlite3(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  // Each caller of a group commit runs in a SAVEPOINT whose journal SQLite would move to a temp
  // file past 64 KiB: two more pwrite calls per changed page. In memory it costs only RAM.
  raw.pragma('temp_store = MEMORY');
  const statements = cachingStatements(raw);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: statements }) });
  registerDirectSqlite(db, (query, parameters) => {
    const statement = statements.prepare(query) as BetterSqlite3.Statement;
    if (statement.reader) return { rows: statement.all(parameters) };
    const { changes, lastInsertRowid } = statement.run(parameters);
    return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) };
  });
  const syncer = options.groupCommit === false || file === ':memory:' ? null : walSyncer(file);
  // Checkpoints leave the event loop with the fsync; SQLite's own stays as a backstop at 10,000 pages (~40 MB) should the worker fall behind.
  const checkpointer = syncer ? walCheckpointer(file, undefined, options.walRestartFrames) : null;
  if (checkpointer) raw.pragma('wal_autocheckpoint = 10000');
  const syncAndCheckpoint = syncer && checkpointer
    ? async () => {
        await syncer.sync();
        checkpointer.committed();
      }
    : null;
  const search = searchFeed(raw);
  const batcher = options.groupCommit === false ? null : new SqliteBatcher(db, options.onBatch, syncAndCheckpoint, search.feed, () => checkpointer?.restartDue() ?? null);
  const transaction = <T>(fn: (trx: Tx) => Promise<T>): Promise<T> =>
    batcher
      ? batcher.run(fn)
      : db.transaction().execute(async (trx) => {
          const result = await fn(trx);
          search.feed();
          return result;
        });
  return {
    db,
    dialect: 'sqlite',
    transaction,
    catchUpSearch: async () => {
      if (search.pending()) await transaction(async () => undefined);
    },
    migrate: () => migrate(db),
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    backup: async (target) => {
      await raw.backup(resolve(target));
    },
    close: async () => {
      await checkpointer?.close();
      await db.destroy();
      await syncer?.close();
    },
  };
}

/**
 * fdatasync of the database's WAL on libuv's thread pool: what synchronous=FULL does inside
 * COMMIT, without stopping the event loop (the group commit's durability step). The first call
 * also syncs the directory, so the WAL file's own entry is durable. The WAL is opened once and
 * kept: SQLite only removes it when the last connection closes, and ours stays open until
 * close(); after a failed sync the next one reopens it.
 */
function walSyncer(file: string): { sync: () => Promise<void>; close: () => Promise<void> } {
  let wal: FileHandle | null = null;
  let directorySynced = false;
  return {
    sync: async () => {
      wal ??= await open(`${file}-wal`, 'r');
      try {
        await wal.datasync();
      } catch (error) {
        const failed = wal;
        wal = null;
        await failed.close().catch(() => undefined);
        throw error;
      }
      if (!directorySynced) {
        const directory = await open(dirname(file), 'r');
        try {
          await directory.datasync();
        } finally {
          await directory.close();
        }
        directorySynced = true;
      }
    },
    close: async () => {
      const handle = wal;
      wal = null;
      await handle?.close();
    },
  };
}

/**
 * better-sqlite3 with prepared statements reused by SQL text: Kysely prepares every query
 * anew, which costs as much as running it. Bounded so ad-hoc SQL cannot grow it forever.
 */
function cachingStatements(raw: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => raw.close(),
    prepare: (query: string) => {
      let statement = cache.get(query);
      if (!statement) {
        statement = raw.prepare(query);
        if (cache.size >= 1000) cache.clear();
        cache.set(query, statement);
      }
      return statement;
    },
  };
}

function openPostgres(url: string, options: StoreOptions): Store {
  const parsed = new URL(url);
  const schema = options.pgSchema ?? parsed.searchParams.get('schema') ?? undefined;
  parsed.searchParams.delete('schema');
  if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid PostgreSQL schema name: ${schema}`);
  const pool = new pg.Pool({
    connectionString: parsed.toString(),
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    transaction: (fn) => db.transaction().execute(fn),
    catchUpSearch: async () => undefined,
    migrate: async () => {
      if (schema) await createSchema(db, schema);
      const { rows } = await sql<{ name: string }>`select current_schema() as name`.execute(db);
      return migrate(db, schema ?? rows[0]?.name);
    },
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    backup: async () => {
      throw new AppError('bad_request', 'careline backup copies SQLite databases; back PostgreSQL up with pg_dump');
    },
    close: () => db.destroy(),
  };
}

/**
 * CREATE SCHEMA IF NOT EXISTS, safe when several nodes start at once: PostgreSQL can still
 * fail the loser of that race with a duplicate key, which only means the schema is there.
 */
async function createSchema(db: Db, schema: string): Promise<void> {
  try {
    await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  } catch (error) {
    const { rows } = await sql`select 1 from pg_namespace where nspname = ${schema}`.execute(db);
    if (rows.length === 0) throw error instanceof Error ? error : new Error(String(error));
  }
}

/**
 * Applies pending migrations. On PostgreSQL the bookkeeping tables are pinned to the store's
 * schema: Kysely otherwise finds them in any schema of the database and skips creating its own.
 */
async function migrate(db: Db, pgSchema?: string): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider, ...(pgSchema ? { migrationTableSchema: pgSchema } : {}) });
  let { error, results } = await migrator.migrateToLatest();
  // Kysely's table check reads every schema's catalog; a schema another process drops meanwhile fails it (3F000). Try again.
  for (let attempt = 0; error && (error as { code?: string }).code === '3F000' && attempt < 3; attempt++) {
    ({ error, results } = await migrator.migrateToLatest());
  }
  if (error) throw error instanceof Error ? error : new Error(`migration failed: ${JSON.stringify(error)}`);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
