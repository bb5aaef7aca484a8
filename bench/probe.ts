// A preload for the benchmarked server only, to see inside without editing src/:
//   BENCH_SERVER_NODE_ARGS="--import tsx --import ./bench/probe.ts" BENCH_PROBE_OUT=/tmp/probe.txt npm run bench:api
// Records group-commit batch sizes, time per SQL statement (prepare and execute apart) and
// event-loop delay, written to BENCH_PROBE_OUT when the server exits. BENCH_PROBE_BATCHER
// swaps the batcher for an experiment: "off" (a transaction per call, like groupCommit: false)
// or "deferred" (the flush waits for setImmediate, so requests read in one poll phase share a commit);
// BENCH_PROBE_STMT_CACHE=on reuses prepared statements by SQL text (Kysely prepares every query anew).
import BetterSqlite3 from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { SqliteBatcher } from '../src/store/sqlite-batcher.ts';
import type { Db, Tx } from '../src/store/database.ts';

type SqlStat = { count: number; prepareMs: number; runMs: number; maxMs: number };
const sqlStats = new Map<string, SqlStat>();
const batchSizes = new Map<number, number>();
let batchMs = 0;
/** CPU and wall time from the first unit of work to the last, so start-up is left out. */
let windowStart: { cpu: NodeJS.CpuUsage; at: number } | null = null;
let windowEnd: { cpu: NodeJS.CpuUsage; at: number } | null = null;
let windowItems = 0;
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
const startedCpu = process.cpuUsage();
const startedAt = performance.now();

const keyOf = (sql: string): string => sql.replace(/\s+/g, ' ').replace(/\(\?(, \?)*\)/g, '(?…)').slice(0, 110);

function stat(sql: string): SqlStat {
  const key = keyOf(sql);
  let s = sqlStats.get(key);
  if (!s) sqlStats.set(key, (s = { count: 0, prepareMs: 0, runMs: 0, maxMs: 0 }));
  return s;
}

type Statement = { reader: boolean; all(...a: unknown[]): unknown; run(...a: unknown[]): unknown; get(...a: unknown[]): unknown };
const proto = BetterSqlite3.prototype as unknown as { prepare: (this: object, sql: string) => Statement };
const prepare = proto.prepare;
const statementCache = process.env.BENCH_PROBE_STMT_CACHE === 'on' ? new WeakMap<object, Map<string, Statement>>() : null;
proto.prepare = function (this: object, sql: string): Statement {
  const s = stat(sql);
  const t0 = performance.now();
  let cache = statementCache?.get(this);
  if (statementCache && !cache) statementCache.set(this, (cache = new Map<string, Statement>()));
  let statement = cache?.get(sql);
  if (!statement) {
    statement = prepare.call(this, sql);
    // DDL and transaction control stay uncached: a schema change invalidates statements anyway.
    if (cache && /^\s*(select|insert|update|delete)\b/i.test(sql)) cache.set(sql, statement);
  }
  s.prepareMs += performance.now() - t0;
  return new Proxy(statement, {
    get(target, prop) {
      const value = Reflect.get(target, prop) as unknown;
      if (typeof value !== 'function') return value;
      const method = value as (...a: unknown[]) => unknown;
      if (prop !== 'all' && prop !== 'run' && prop !== 'get') return method.bind(target);
      return (...args: unknown[]) => {
        const t1 = performance.now();
        try {
          return method.apply(target, args);
        } finally {
          const ms = performance.now() - t1;
          s.count++;
          s.runMs += ms;
          if (ms > s.maxMs) s.maxMs = ms;
        }
      };
    },
  });
};

type BatcherInternals = {
  db: Db;
  queue: unknown[];
  flushing: boolean;
  scheduled?: boolean;
  flush: () => Promise<void>;
  commit: (this: BatcherInternals, batch: unknown[]) => Promise<void>;
  run: <T>(this: BatcherInternals, fn: (trx: Tx) => Promise<T>) => Promise<T>;
};
const batcher = SqliteBatcher.prototype as unknown as BatcherInternals;
const commit = batcher.commit;
const countWork = (items: number): void => {
  windowStart ??= { cpu: process.cpuUsage(), at: performance.now() };
  windowItems += items;
  batchSizes.set(items, (batchSizes.get(items) ?? 0) + 1);
};
const markEnd = (): void => {
  windowEnd = { cpu: process.cpuUsage(), at: performance.now() };
};
batcher.commit = async function (this: BatcherInternals, batch: unknown[]): Promise<void> {
  countWork(batch.length);
  const t0 = performance.now();
  try {
    await commit.call(this, batch);
  } finally {
    batchMs += performance.now() - t0;
    markEnd();
  }
};

const mode = process.env.BENCH_PROBE_BATCHER ?? 'as-is';
if (mode === 'off') {
  batcher.run = function <T>(this: BatcherInternals, fn: (trx: Tx) => Promise<T>): Promise<T> {
    countWork(1);
    return this.db.transaction().execute(fn).finally(markEnd);
  };
} else if (mode === 'deferred') {
  batcher.run = function <T>(this: BatcherInternals, fn: (trx: Tx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, resolve, reject });
      if (this.flushing || this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        void this.flush();
      });
    });
  };
}

process.on('exit', () => {
  const out = process.env.BENCH_PROBE_OUT;
  if (!out) return;
  const cpu = process.cpuUsage(startedCpu);
  const wallMs = performance.now() - startedAt;
  const rows = [...sqlStats.entries()].sort((a, b) => b[1].prepareMs + b[1].runMs - (a[1].prepareMs + a[1].runMs));
  const sqlMs = rows.reduce((sum, [, s]) => sum + s.prepareMs + s.runMs, 0);
  const prepareMs = rows.reduce((sum, [, s]) => sum + s.prepareMs, 0);
  const batches = [...batchSizes.entries()].sort((a, b) => a[0] - b[0]);
  const transactions = batches.reduce((sum, [, n]) => sum + n, 0);
  const items = batches.reduce((sum, [size, n]) => sum + size * n, 0);
  const window = windowStart && windowEnd
    ? (() => {
        const ms = (windowEnd.cpu.user - windowStart.cpu.user + windowEnd.cpu.system - windowStart.cpu.system) / 1000;
        const wall = windowEnd.at - windowStart.at;
        return `first to last unit of work: ${windowItems} units, ${wall.toFixed(0)} ms wall, ${ms.toFixed(0)} ms cpu = ${(ms / Math.max(windowItems, 1)).toFixed(2)} ms cpu per unit, server busy ${((100 * ms) / wall).toFixed(0)}% of one core`;
      })()
    : 'no unit of work ran';
  const lines = [
    window,
    `batcher mode: ${mode}; statement cache: ${statementCache ? 'on' : 'off'}`,
    `server cpu: user ${(cpu.user / 1000).toFixed(0)} ms + system ${(cpu.system / 1000).toFixed(0)} ms over ${wallMs.toFixed(0)} ms wall`,
    `sqlite (better-sqlite3 prepare+run): ${sqlMs.toFixed(0)} ms, of which prepare ${prepareMs.toFixed(0)} ms`,
    `group-commit transactions: ${transactions} for ${items} units of work (mean batch ${(items / Math.max(transactions, 1)).toFixed(2)}), ${batchMs.toFixed(0)} ms inside commit()`,
    `batch sizes: ${batches.map(([size, n]) => `${size}:${n}`).join(' ')}`,
    `event-loop delay ms: p50 ${(loopDelay.percentile(50) / 1e6).toFixed(1)} p99 ${(loopDelay.percentile(99) / 1e6).toFixed(1)} max ${(loopDelay.max / 1e6).toFixed(1)}`,
    '',
    '  calls  prepare ms   run ms   max ms  sql',
    ...rows.slice(0, 40).map(([sql, s]) => `${String(s.count).padStart(7)}  ${s.prepareMs.toFixed(0).padStart(10)}  ${s.runMs.toFixed(0).padStart(7)}  ${s.maxMs.toFixed(1).padStart(7)}  ${sql}`),
  ];
  writeFileSync(out, lines.join('\n') + '\n');
});
