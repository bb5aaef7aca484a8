import { sql } from 'kysely';
import type { Db, Tx } from './database.ts';

type Work = {
  fn: (trx: Tx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
};

const MAX_BATCH = 200;

/**
 * Group commit for SQLite: transactions that arrive while one commit is in flight share the
 * next COMMIT (one fsync), each inside its own SAVEPOINT so one failure rolls back only its
 * own writes. better-sqlite3 is synchronous, so a batch is gathered by waiting one turn of the
 * event loop (setImmediate) before each commit: the requests read in that turn share it. Idle,
 * that costs microseconds; busy, throughput grows with the batch and every caller still
 * resolves only after its data is durable.
 */
export class SqliteBatcher {
  private queue: Work[] = [];
  private flushing = false;

  constructor(
    private readonly db: Db,
    private readonly onBatch: (size: number) => void = () => {},
  ) {}

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
        const batch = this.queue.splice(0, MAX_BATCH);
        this.onBatch(batch.length);
        await this.commit(batch);
      }
    } finally {
      this.flushing = false;
    }
  }

  private async commit(batch: Work[]): Promise<void> {
    if (batch.length === 1) {
      const only = batch[0]!;
      await this.db.transaction().execute(only.fn).then(only.resolve, only.reject);
      return;
    }
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      await this.db.transaction().execute(async (trx) => {
        for (const work of batch) {
          await sql`savepoint batch_item`.execute(trx);
          try {
            const value = await work.fn(trx);
            await sql`release savepoint batch_item`.execute(trx);
            outcomes.push({ ok: true, value });
          } catch (error) {
            await sql`rollback to savepoint batch_item`.execute(trx);
            await sql`release savepoint batch_item`.execute(trx);
            outcomes.push({ ok: false, error });
          }
        }
      });
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
}
