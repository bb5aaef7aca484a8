import { CompiledQuery } from 'kysely';
import { directSqliteOf } from './compiled-once.ts';
import type { Db, Tx } from './database.ts';

type Work = {
  fn: (trx: Tx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
};

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

const MAX_BATCH = 200;

/** The savepoint statements around each caller, compiled once: they run for every transaction of a batch. */
const SAVEPOINT = CompiledQuery.raw('savepoint batch_item');
const RELEASE = CompiledQuery.raw('release savepoint batch_item');
const ROLLBACK_TO = CompiledQuery.raw('rollback to savepoint batch_item');
const SYNC_NORMAL = CompiledQuery.raw('pragma synchronous = normal');
const SYNC_FULL = CompiledQuery.raw('pragma synchronous = full');

/**
 * Group commit for SQLite: transactions that arrive while one commit is in flight share the
 * next COMMIT (one fsync), each inside its own SAVEPOINT so one failure rolls back only its
 * own writes. A batch is gathered by waiting one turn of the event loop (setImmediate) before
 * each commit, so a lone transaction commits at once.
 *
 * With `syncWal` (a file database in WAL mode) the fsync leaves the main thread: the batch
 * commits with synchronous=NORMAL (frames written, not synced) and `syncWal` fdatasyncs the
 * WAL on libuv's thread pool before any caller resolves. better-sqlite3 is synchronous, so
 * with synchronous=FULL every COMMIT stopped the event loop for the fsync and nothing could
 * arrive to join the next batch (1–2 per commit under load); now the work of other callers
 * (parsing, checks, queries) goes on during the fsync and joins the next batch. The next batch
 * starts only after the fsync, so nothing in it can read data that is not yet durable. Every
 * write outside the batcher keeps synchronous=FULL.
 */
export class SqliteBatcher {
  private queue: Work[] = [];
  private flushing = false;

  constructor(
    private readonly db: Db,
    private readonly onBatch: (size: number) => void = () => {},
    private readonly syncWal: (() => Promise<void>) | null = null,
    /** Runs inside each batch's transaction after its last caller, before COMMIT (the search feed). */
    private readonly beforeCommit: () => void = () => {},
    /** Before each batch: a promise to wait for first, or null (the WAL checkpointer's restart). */
    private readonly beforeBatch: () => Promise<void> | null = () => null,
  ) {}

  /**
   * A statement without results on the connection the batch holds: on the store's registered
   * connection directly when there is one (see registerDirectSqlite), else through Kysely. The
   * savepoints and pragmas run two per caller and two per batch, and each trip through Kysely's
   * executor costs several promise hops.
   */
  private async exec(db: Db | Tx, query: CompiledQuery): Promise<void> {
    const direct = directSqliteOf(db);
    if (direct) direct(query.sql, []);
    else await db.executeQuery(query);
  }

  run<T>(fn: (trx: Tx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      if (!this.flushing) {
        this.flushing = true;
        void this.flush();
      }
    });
  }

  private async flush(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        const pause = this.beforeBatch();
        if (pause) await pause;
        const batch = this.queue.splice(0, MAX_BATCH);
        this.onBatch(batch.length);
        await this.commit(batch);
      }
    } finally {
      this.flushing = false;
    }
  }

  private async commit(batch: Work[]): Promise<void> {
    let outcomes: Outcome[];
    try {
      outcomes = this.syncWal ? await this.commitThenSync(batch, this.syncWal) : await this.transact(this.db, batch);
    } catch (error) {
      for (const work of batch) work.reject(error);
      return;
    }
    batch.forEach((work, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) work.resolve(outcome.value);
      else work.reject(outcome.error);
    });
  }

  /** COMMIT without the fsync on one held connection (no other statement can slip in unsynced), then fsync off the main thread. */
  private async commitThenSync(batch: Work[], syncWal: () => Promise<void>): Promise<Outcome[]> {
    const outcomes = await this.db.connection().execute(async (conn) => {
      await this.exec(conn, SYNC_NORMAL);
      try {
        return await this.transact(conn, batch);
      } finally {
        await this.exec(conn, SYNC_FULL);
      }
    });
    if (outcomes.some((o) => o.ok)) await syncWal();
    return outcomes;
  }

  /** One transaction for the batch: a lone caller runs bare, several each get a SAVEPOINT. */
  private async transact(db: Db, batch: Work[]): Promise<Outcome[]> {
    if (batch.length === 1) {
      try {
        const fn = batch[0]!.fn;
        const value = await db.transaction().execute(async (trx) => {
          const result = await fn(trx);
          this.beforeCommit();
          return result;
        });
        return [{ ok: true, value }];
      } catch (error) {
        return [{ ok: false, error }];
      }
    }
    const outcomes: Outcome[] = [];
    await db.transaction().execute(async (trx) => {
      for (const work of batch) {
        await this.exec(trx, SAVEPOINT);
        try {
          const value = await work.fn(trx);
          await this.exec(trx, RELEASE);
          outcomes.push({ ok: true, value });
        } catch (error) {
          await this.exec(trx, ROLLBACK_TO);
          await this.exec(trx, RELEASE);
          outcomes.push({ ok: false, error });
        }
      }
      this.beforeCommit();
    });
    return outcomes;
  }
}
