/**
 * Help center search figures (never pass/fail): builds a 10,000-article knowledge base from a
 * seeded generator in a temporary SQLite database, then measures
 *   1. in-process latency of searchArticles with its result cache off (p50/p99) against the raw
 *      FTS5 bm25() query alone, and the cached repeat,
 *   2. searches per second over HTTP under autocannon (a `careline serve` child, rate limits off),
 *      cycling through the same queries (so mostly served from the result cache, as popular
 *      queries are), against GET /healthz as the ceiling.
 * Environment: BENCH_ARTICLES (10000), BENCH_QUERIES (2000), BENCH_SECONDS (10), BENCH_CONNECTIONS (50);
 * BENCH_PG_URL=postgres://… also measures in-process search on PostgreSQL (in a throwaway schema,
 * analyzed after loading as autovacuum would). Alongside wall time, the in-process rows give the
 * CPU time per search, which a machine shared with other work disturbs far less.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { systemClock } from '../src/kernel/clock.ts';
import { MemoryEventBus } from '../src/kernel/event-bus.ts';
import { createLogger } from '../src/kernel/logger.ts';
import { createArticle, searchArticles } from '../src/modules/helpcenter/index.ts';
import { terms } from '../src/modules/helpcenter/search/analyze.ts';
import { ftsTerm } from '../src/modules/helpcenter/search/fts5-index.ts';
import { openStore, type Store } from '../src/store/database.ts';
import { createUnitOfWork } from '../src/store/unit-of-work.ts';
import { runLoad } from './load.ts';
import { generateArticles, generateQueries } from './search-corpus.ts';
import { freePort, serverEnv, startServer, type ServerProcess } from './server-process.ts';

const env = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const ARTICLES = env('BENCH_ARTICLES', 10_000);
const QUERIES = env('BENCH_QUERIES', 2_000);
const SECONDS = env('BENCH_SECONDS', 10);
const CONNECTIONS = env('BENCH_CONNECTIONS', 50);
const PG_URL = process.env.BENCH_PG_URL?.trim() || null;
const GOAL_P99_MS = 5;
const GOAL_HTTP = 3_000;

const fmt = (n: number, digits = 2): string => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function percentiles(samples: number[]): { p50: number; p99: number; mean: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  return { p50: at(0.5), p99: at(0.99), mean: sorted.reduce((s, x) => s + x, 0) / sorted.length };
}

/** Wall and CPU milliseconds of each run, after 200 warm-up runs. CPU time is this process's (user + system). */
async function timeEach(queries: string[], run: (q: string) => Promise<unknown>): Promise<{ wall: number[]; cpu: number[] }> {
  for (const q of queries.slice(0, 200)) await run(q);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (const q of queries) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    await run(q);
    const used = process.cpuUsage(cpuStarted);
    wall.push(performance.now() - started);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall, cpu };
}

type Stats = ReturnType<typeof percentiles>;
type Figures = { ours: Stats; oursCpu: Stats; raw: Stats; rawCpu: Stats; cached: Stats; found: number; indexSeconds: number };

/** The raw engine query for a search: the analyzed words OR-ed, ranked by the engine alone, top 10. */
async function rawQuery(store: Store, q: string): Promise<void> {
  const words = [...new Set(terms(q, 'en'))];
  if (words.length === 0) return;
  if (store.dialect === 'sqlite') {
    await sql`select rowid from helpcenter_fts where helpcenter_fts match ${words.map((w) => `"${ftsTerm('en', w)}"`).join(' OR ')} order by bm25(helpcenter_fts) limit 10`.execute(store.db);
  } else {
    await sql`select article_id from helpcenter_search_docs, cast(${words.map((w) => `'${w}'`).join(' | ')} as tsquery) q where tsv @@ q order by ts_rank_cd(tsv, q) desc limit 10`.execute(store.db);
  }
}

/** Builds the knowledge base in a store and measures search in-process. */
async function inProcess(store: Store, queries: string[]): Promise<Figures> {
  await store.migrate();
  const uow = createUnitOfWork(store, new MemoryEventBus(() => {}), systemClock, createLogger('silent'));
  const started = performance.now();
  const articles = generateArticles(ARTICLES);
  for (let i = 0; i < articles.length; i += 250) {
    await uow(async (work) => {
      for (const a of articles.slice(i, i + 250)) await createArticle(work, { ...a, status: 'published' }, { type: 'system' });
    });
  }
  const indexSeconds = (performance.now() - started) / 1000;
  // Steady state, as autovacuum leaves it: planner statistics for the freshly loaded table.
  if (store.dialect === 'postgres') await sql`analyze helpcenter_search_docs`.execute(store.db);
  const ours = await timeEach(queries, (q) => searchArticles(store.db, { q, limit: 10, cache: false }));
  const raw = await timeEach(queries, (q) => rawQuery(store, q));
  await timeEach(queries, (q) => searchArticles(store.db, { q, limit: 10 }));
  const cached = await timeEach(queries, (q) => searchArticles(store.db, { q, limit: 10 }));
  const counts = await Promise.all(queries.slice(0, 200).map(async (q) => (await searchArticles(store.db, { q, limit: 10 })).length));
  return {
    ours: percentiles(ours.wall), oursCpu: percentiles(ours.cpu), raw: percentiles(raw.wall), rawCpu: percentiles(raw.cpu), cached: percentiles(cached.wall),
    found: counts.filter((c) => c > 0).length / counts.length, indexSeconds,
  };
}

function report(name: string, f: Figures): void {
  const row = (label: string, p: Figures['ours']): string => `${label.padEnd(24)} ${fmt(p.p50).padStart(8)} ${fmt(p.p99).padStart(8)} ${fmt(p.mean).padStart(8)}`;
  console.log(`\n${name}: indexed ${ARTICLES} articles in ${fmt(f.indexSeconds, 1)} s; ${fmt(f.found * 100, 0)} % of queries find something`);
  console.log(`${'in-process (ms)'.padEnd(24)} ${'p50'.padStart(8)} ${'p99'.padStart(8)} ${'mean'.padStart(8)}`);
  console.log(row('searchArticles, no cache', f.ours));
  console.log(row(name === 'SQLite' ? 'raw FTS5 bm25()' : 'raw tsvector ts_rank_cd', f.raw));
  console.log(row('searchArticles, cached', f.cached));
  if (name === 'SQLite') {
    console.log(row('  CPU: searchArticles', f.oursCpu));
    console.log(row('  CPU: raw FTS5 bm25()', f.rawCpu));
  }
  console.log(`ratio ours/raw: p50 ${fmt(f.ours.p50 / f.raw.p50, 1)}×, p99 ${fmt(f.ours.p99 / f.raw.p99, 1)}×; goal p99 ≤ ${GOAL_P99_MS} ms: ${f.ours.p99 <= GOAL_P99_MS ? 'met' : 'NOT met'}`);
}

async function main(): Promise<void> {
  const workDir = mkdtempSync(join(tmpdir(), 'careline-search-bench-'));
  const databaseUrl = `sqlite:${join(workDir, 'careline.db')}`;
  let server: ServerProcess | null = null;
  try {
    console.log(`Careline search bench: ${ARTICLES} articles, ${QUERIES} queries, node ${process.version}, ${cpus().length} CPUs, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    const queries = generateQueries(QUERIES);
    const store = openStore(databaseUrl);
    report('SQLite', await inProcess(store, queries));
    await store.close();
    if (PG_URL) {
      const schema = `bench_search_${process.pid}`;
      const pg = openStore(`${PG_URL}?schema=${schema}`);
      try {
        report('PostgreSQL', await inProcess(pg, queries));
      } finally {
        await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(pg.db);
        await pg.close();
      }
    }

    const envs = serverEnv({ port: await freePort(), smtpPort: await freePort(), databaseUrl, dataDir: join(workDir, 'data') });
    server = await startServer(envs);
    let n = 0;
    const search = { name: 'GET /api/v1/helpcenter/search', method: 'GET' as const, path: '/api/v1/helpcenter/search', next: () => ({ path: `/api/v1/helpcenter/search?q=${encodeURIComponent(queries[n++ % queries.length]!)}` }) };
    process.stderr.write(`HTTP (SQLite): ${SECONDS}s per scenario, ${CONNECTIONS} connections…\n`);
    await runLoad(server.baseUrl, search, 2, CONNECTIONS);
    const healthz = await runLoad(server.baseUrl, { name: 'GET /healthz', method: 'GET', path: '/healthz' }, SECONDS, CONNECTIONS);
    const http = await runLoad(server.baseUrl, search, SECONDS, CONNECTIONS);
    await server.stop();
    server = null;
    console.log('\nHTTP                               req/s    p50 ms   p99 ms   non-2xx');
    for (const m of [healthz, http]) console.log(`${m.name.padEnd(32)} ${fmt(m.rps, 0).padStart(8)} ${fmt(m.p50, 0).padStart(8)} ${fmt(m.p99, 0).padStart(8)} ${String(m.non2xx + m.errors).padStart(9)}`);
    console.log(`ratio search/healthz = ${fmt(http.rps / healthz.rps, 3)}`);
    console.log(`goal ≥ ${fmt(GOAL_HTTP, 0)} searches/s over HTTP: ${http.rps >= GOAL_HTTP ? 'met' : 'NOT met'} (${fmt(http.rps, 0)}/s)`);
  } finally {
    server?.kill();
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
