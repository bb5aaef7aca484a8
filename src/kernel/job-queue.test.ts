import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { KyselyPlugin } from 'kysely';
import { openStore, type Store } from '../store/database.ts';
import { DIALECTS, dialectSkip, openTestStore, type TestStore } from '../../test/support/stores.ts';
import type { Clock } from './clock.ts';
import { backoffMs, JobQueue, type JobQueueOptions } from './job-queue.ts';
import { createLogger } from './logger.ts';

/** A clock that moves only when told to. */
class FakeClock implements Clock {
  private t = Date.parse('2030-01-01T00:00:00.000Z');
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

const log = createLogger('silent');
const BASE = 1_000;

let seq = 0;
/** A job type no other test registers, so each test sees only its own jobs. */
const freshType = (): string => `test.job.${++seq}`;

async function jobRow(store: Store, id: number) {
  return store.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

describe('backoffMs', () => {
  test('doubles from the base, adds at most 20% jitter, and stops at the cap', () => {
    assert.equal(backoffMs(1, 1000, 60_000, () => 0), 1000);
    assert.equal(backoffMs(2, 1000, 60_000, () => 0), 2000);
    assert.equal(backoffMs(4, 1000, 60_000, () => 0), 8000);
    assert.equal(backoffMs(4, 1000, 60_000, () => 0.999999), 9600);
    assert.equal(backoffMs(30, 1000, 60_000, () => 0), 60_000);
    assert.equal(backoffMs(0, 1000, 60_000, () => 0), 1000);
  });
});

for (const dialect of DIALECTS) {
  describe(`job queue on ${dialect}`, { skip: await dialectSkip(dialect) }, () => {
    let t: TestStore;
    let clock: FakeClock;
    const queues: JobQueue[] = [];
    const queue = (options: Partial<JobQueueOptions> = {}, store: Store = t.store): JobQueue => {
      const q = new JobQueue(store, clock, log, { nodeId: 'node-1', baseDelayMs: BASE, maxDelayMs: 3_600_000, staleAfterMs: 60_000, ...options });
      queues.push(q);
      return q;
    };

    before(async () => {
      t = await openTestStore(dialect);
      clock = new FakeClock();
    });
    after(async () => {
      for (const q of queues) await q.stop();
      await t.cleanup();
    });

    test('a job runs once and ends done', async () => {
      const q = queue();
      const type = freshType();
      const seen: unknown[] = [];
      q.register(type, async (payload) => void seen.push(payload));
      const id = await q.enqueue(t.store.db, { type, payload: { ticket: 'CL-00000000', n: 1 } });
      assert.ok(id);
      assert.equal(await q.runDue(), 1);
      assert.equal(await q.runDue(), 0);
      assert.deepEqual(seen, [{ ticket: 'CL-00000000', n: 1 }]);
      const row = await jobRow(t.store, id);
      assert.equal(row.status, 'done');
      assert.equal(row.attempts, 1);
      assert.equal(row.locked_by, null);
      assert.equal(row.last_error, null);
    });

    test('a job due later waits for its time', async () => {
      const q = queue();
      const type = freshType();
      let runs = 0;
      q.register(type, async () => void runs++);
      await q.enqueue(t.store.db, { type, payload: null, runAt: new Date(clock.now().getTime() + 10_000) });
      assert.equal(await q.runDue(), 0);
      clock.advance(10_000);
      assert.equal(await q.runDue(), 1);
      assert.equal(runs, 1);
    });

    test('a failing job is retried with exponential backoff, goes dead with its last error, and retry() requeues it', async () => {
      const q = queue();
      const type = freshType();
      let fail = true;
      let runs = 0;
      q.register(type, async () => {
        runs++;
        if (fail) throw new Error(`SMTP relay said 451 (run ${runs})`);
      });
      const id = (await q.enqueue(t.store.db, { type, payload: {}, maxAttempts: 4 }))!;

      for (let attempt = 1; attempt <= 3; attempt++) {
        const failedAt = clock.now().getTime();
        assert.equal(await q.runDue(), 1, `attempt ${attempt} runs`);
        const row = await jobRow(t.store, id);
        assert.equal(row.status, 'queued');
        assert.equal(row.attempts, attempt);
        assert.equal(row.last_error, `SMTP relay said 451 (run ${attempt})`);
        assert.equal(row.locked_by, null);
        const delay = Date.parse(row.run_at) - failedAt;
        const expected = BASE * 2 ** (attempt - 1);
        assert.ok(delay >= expected && delay <= expected * 1.2, `attempt ${attempt}: delay ${delay} within [${expected}, ${expected * 1.2}]`);
        clock.advance(expected - 1);
        assert.equal(await q.runDue(), 0, 'not due before its backoff');
        clock.advance(delay - expected + 1);
      }

      assert.equal(await q.runDue(), 1);
      const dead = await jobRow(t.store, id);
      assert.equal(dead.status, 'dead');
      assert.equal(dead.attempts, 4);
      assert.equal(dead.last_error, 'SMTP relay said 451 (run 4)');
      clock.advance(24 * 3_600_000);
      assert.equal(await q.runDue(), 0, 'a dead job stays dead');
      assert.deepEqual((await q.list('dead')).map((j) => j.id).includes(id), true);

      fail = false;
      const retried = await q.retry(id);
      assert.equal(retried.status, 'queued');
      assert.equal(retried.attempts, 0);
      assert.equal(await q.runDue(), 1);
      assert.equal((await jobRow(t.store, id)).status, 'done');
      assert.equal(runs, 5);
      await assert.rejects(q.retry(id), { code: 'not_found' });
    });

    test('the same uniqueKey enqueues once', async () => {
      const q = queue();
      const type = freshType();
      let runs = 0;
      q.register(type, async () => void runs++);
      const first = await q.enqueue(t.store.db, { type, payload: { n: 1 }, uniqueKey: `${type}:reply-42` });
      const second = await q.enqueue(t.store.db, { type, payload: { n: 2 }, uniqueKey: `${type}:reply-42` });
      const other = await q.enqueue(t.store.db, { type, payload: { n: 3 }, uniqueKey: `${type}:reply-43` });
      assert.ok(first);
      assert.equal(second, null);
      assert.ok(other);
      const rows = await t.store.db.selectFrom('jobs').select('payload').where('type', '=', type).orderBy('id').execute();
      assert.deepEqual(rows.map((r) => JSON.parse(r.payload)), [{ n: 1 }, { n: 3 }]);
      assert.equal(await q.runDue(), 2);
      assert.equal(runs, 2);
    });

    test('a job enqueued in a transaction that rolls back never runs', async () => {
      const q = queue();
      const type = freshType();
      let runs = 0;
      q.register(type, async () => void runs++);
      await assert.rejects(
        t.store.transaction(async (trx) => {
          await q.enqueue(trx, { type, payload: { n: 1 } });
          throw new Error('the reply could not be stored');
        }),
        /could not be stored/,
      );
      const committed = await t.store.transaction((trx) => q.enqueue(trx, { type, payload: { n: 2 } }));
      assert.ok(committed);
      assert.equal(await q.runDue(), 1);
      assert.equal(runs, 1);
      const rows = await t.store.db.selectFrom('jobs').select('id').where('type', '=', type).execute();
      assert.deepEqual(rows.map((r) => r.id), [committed]);
    });

    test('a running job whose lock is older than staleAfterMs is reclaimed; the stale worker cannot overwrite it', async () => {
      const type = freshType();
      const crashed = queue({ nodeId: 'node-crashed' });
      const rescuer = queue({ nodeId: 'node-rescuer' });
      let release!: () => void;
      const stuck = new Promise<void>((resolve) => (release = resolve));
      crashed.register(type, async () => {
        await stuck;
        throw new Error('late failure from the stale worker');
      });
      const runs: string[] = [];
      rescuer.register(type, async (_payload, job) => void runs.push(`attempt ${job.attempts}`));
      const id = (await crashed.enqueue(t.store.db, { type, payload: {} }))!;

      const inFlight = crashed.runDue();
      for (let i = 0; i < 50 && (await jobRow(t.store, id)).status !== 'running'; i++) await new Promise((r) => setTimeout(r, 10));
      assert.equal((await jobRow(t.store, id)).locked_by, 'node-crashed');

      clock.advance(59_000);
      assert.equal(await rescuer.runDue(), 0, 'a fresh lock is respected');
      clock.advance(2_000);
      assert.equal(await rescuer.runDue(), 1, 'a stale lock is taken over');
      assert.deepEqual(runs, ['attempt 2']);
      release();
      await inFlight;
      const row = await jobRow(t.store, id);
      assert.equal(row.status, 'done');
      assert.equal(row.last_error, null);
      assert.equal(row.locked_by, null);
    });

    test('start() works the queue in the background and stop() waits for the job in flight', async () => {
      const q = new JobQueue(t.store, { now: () => new Date() }, log, { nodeId: 'node-bg', pollMs: 10 });
      const type = freshType();
      let finished = 0;
      q.register(type, async () => {
        await new Promise((r) => setTimeout(r, 30));
        finished++;
      });
      await q.enqueue(t.store.db, { type, payload: {}, runAt: new Date(Date.now() - 1000) });
      q.start();
      for (let i = 0; i < 100 && finished === 0; i++) await new Promise((r) => setTimeout(r, 10));
      await q.stop();
      assert.equal(finished, 1);
      const rows = await t.store.db.selectFrom('jobs').select('status').where('type', '=', type).execute();
      assert.deepEqual(rows.map((r) => r.status), ['done']);
    });

    test('a backlog drains batch after batch without waiting a poll interval between them', async () => {
      const q = new JobQueue(t.store, { now: () => new Date() }, log, { nodeId: 'node-backlog', pollMs: 60_000, batch: 10 });
      const type = freshType();
      let finished = 0;
      q.register(type, async () => void finished++);
      for (let i = 0; i < 35; i++) await q.enqueue(t.store.db, { type, payload: { i }, runAt: new Date(Date.now() - 1000) });
      q.start();
      for (let i = 0; i < 200 && finished < 35; i++) await new Promise((r) => setTimeout(r, 25));
      await q.stop();
      assert.equal(finished, 35, 'four batches of 10 ran, though a poll interval is a minute');
    });

    test('stop() also waits for a poll that is claiming jobs, so nothing runs after it resolves', async () => {
      const slow: KyselyPlugin = {
        transformQuery: (args) => args.node,
        transformResult: async (args) => {
          await new Promise((r) => setTimeout(r, 60));
          return args.result;
        },
      };
      const slowStore: Store = { ...t.store, db: t.store.db.withPlugin(slow) };
      const q = new JobQueue(slowStore, { now: () => new Date() }, log, { nodeId: 'node-stopping', pollMs: 10 });
      const type = freshType();
      let stopped = false;
      const ranAfterStop: boolean[] = [];
      q.register(type, async () => void ranAfterStop.push(stopped));
      await q.enqueue(t.store.db, { type, payload: {}, runAt: new Date(Date.now() - 1000) });
      q.start();
      await new Promise((r) => setTimeout(r, 20));
      await q.stop();
      stopped = true;
      const statusAtStop = (await t.store.db.selectFrom('jobs').select('status').where('type', '=', type).executeTakeFirstOrThrow()).status;
      await new Promise((r) => setTimeout(r, 300));
      assert.deepEqual(ranAfterStop, [false], 'the job ran before stop() resolved, not after');
      assert.equal(statusAtStop, 'done');
    });

    if (dialect === 'postgres') {
      test('two nodes with their own connections working 200 jobs run each exactly once', async () => {
        const second = openStore(t.url);
        try {
          const type = freshType();
          const real: Clock = { now: () => new Date() };
          const nodes = [
            new JobQueue(t.store, real, log, { nodeId: 'node-a', batch: 10 }),
            new JobQueue(second, real, log, { nodeId: 'node-b', batch: 10 }),
          ];
          const runs = new Map<number, string[]>();
          for (const [i, q] of nodes.entries()) {
            q.register(type, async (payload) => {
              const n = (payload as { n: number }).n;
              runs.set(n, [...(runs.get(n) ?? []), `node-${'ab'[i]}`]);
              await new Promise((r) => setTimeout(r, Math.random() * 3));
            });
          }
          await t.store.transaction(async (trx) => {
            for (let n = 0; n < 200; n++) await nodes[0]!.enqueue(trx, { type, payload: { n }, runAt: new Date(Date.now() - 1000) });
          });
          const work = async (q: JobQueue): Promise<number> => {
            let total = 0;
            let idle = 0;
            while (idle < 3) {
              const ran = await q.runDue();
              total += ran;
              idle = ran === 0 ? idle + 1 : 0;
            }
            return total;
          };
          const [a, b] = await Promise.all(nodes.map((q) => work(q)));
          assert.equal(a! + b!, 200);
          assert.equal(runs.size, 200);
          for (const [n, by] of runs) assert.equal(by.length, 1, `job ${n} ran ${by.length} times (${by.join(', ')})`);
          assert.ok(a! > 0 && b! > 0, `both nodes worked (a ${a}, b ${b})`);
          const statuses = await t.store.db.selectFrom('jobs').select(['status', 'attempts']).where('type', '=', type).execute();
          assert.equal(statuses.length, 200);
          assert.ok(statuses.every((r) => r.status === 'done' && r.attempts === 1));
        } finally {
          await second.close();
        }
      });
    }
  });
}

describe('job queue on an SQLite file', () => {
  test('a claim joins the group commit of concurrent writers instead of committing (and fsyncing) on its own', async () => {
    const batches: number[] = [];
    const t = await openTestStore('sqlite', { onBatch: (n) => batches.push(n) });
    try {
      const q = new JobQueue(t.store, new FakeClock(), log, { nodeId: 'node-1', baseDelayMs: BASE, maxDelayMs: 3_600_000, staleAfterMs: 60_000 });
      const type = freshType();
      const ran: number[] = [];
      q.register(type, async (payload) => void ran.push(payload as number));
      for (let i = 0; i < 3; i++) await q.enqueue(t.store.db, { type, payload: i });
      batches.length = 0;
      // Five writers and a poll at once: the claim is a caller of the same batch as the writers.
      const writers = Array.from({ length: 5 }, (_, i) =>
        t.store.transaction((trx) => trx.insertInto('teams').values({ name: `Claim ${i}`, slug: `claim-${i}`, created_at: new Date().toISOString() }).execute()));
      const [count] = await Promise.all([q.runDue(), ...writers]);
      assert.equal(count, 3);
      assert.deepEqual(ran.sort(), [0, 1, 2]);
      assert.equal(batches[0], 6, `the first commit held the five writers and the claim (batches: ${batches.join(', ')})`);
      const rows = await t.store.db.selectFrom('jobs').select('status').where('type', '=', type).execute();
      assert.deepEqual(rows.map((r) => r.status), ['done', 'done', 'done']);
    } finally {
      await t.cleanup();
    }
  });
});
