/**
 * Scores help center search against judged queries and prints P@1, MRR@10 and nDCG@5.
 *
 *   npm run eval:search -- KB_DIR QUERIES.jsonl [--synonyms FILE] [--dialect sqlite|postgres] [--baseline] [--worst N]
 *
 * Imports KB_DIR (Markdown articles) into a temporary SQLite database or PostgreSQL schema
 * (EVAL_PG_URL, default postgres://postgres@127.0.0.1:5432/test), loads synonyms from
 * KB_DIR/synonyms.json or --synonyms, then runs every query. --baseline scores the engine's
 * plain full text instead of ours. Exits 2 on bad arguments or files.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { systemClock } from '../src/kernel/clock.ts';
import { MemoryEventBus } from '../src/kernel/event-bus.ts';
import { createLogger } from '../src/kernel/logger.ts';
import { importArticles, isLocale, parseSynonymsJson, searchArticles, upsertSynonyms } from '../src/modules/helpcenter/index.ts';
import { parseJudgements, scoreQuery, summarize, JudgementError, type QueryScore } from '../src/modules/helpcenter/search/relevance.ts';
import { openStore, type Store } from '../src/store/database.ts';
import { createUnitOfWork } from '../src/store/unit-of-work.ts';
import { baselineSearch, buildBaseline } from './search-baseline.ts';

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args.splice(i, 2)[1] : undefined;
};
const synonymsFlag = flag('synonyms');
const dialect = flag('dialect') ?? 'sqlite';
const worst = Number(flag('worst') ?? 10);
const baseline = args.includes('--baseline');
const [kbDir, queriesFile] = args.filter((a) => !a.startsWith('--'));
if (!kbDir || !queriesFile) fail('usage: eval-search KB_DIR QUERIES.jsonl [--synonyms FILE] [--dialect sqlite|postgres] [--baseline] [--worst N]');
if (dialect !== 'sqlite' && dialect !== 'postgres') fail('--dialect is sqlite or postgres');

async function openTemp(): Promise<{ store: Store; cleanup: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'careline-eval-'));
    const store = openStore(`sqlite:${join(dir, 'eval.db')}`);
    return { store, cleanup: async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); } };
  }
  const schema = `eval_${process.pid}_${randomBytes(3).toString('hex')}`;
  const store = openStore(`${process.env.EVAL_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'}?schema=${schema}`);
  return { store, cleanup: async () => { await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(store.db); await store.close(); } };
}

async function main(): Promise<void> {
  let judged;
  try {
    judged = parseJudgements(readFileSync(queriesFile!, 'utf8'));
  } catch (error) {
    fail(error instanceof JudgementError ? `${queriesFile}:${error.line}: ${error.message}` : `cannot read ${queriesFile}: ${(error as Error).message}`);
  }
  const synonymsFile = synonymsFlag ?? (existsSync(join(kbDir!, 'synonyms.json')) ? join(kbDir!, 'synonyms.json') : undefined);
  const { store, cleanup } = await openTemp();
  try {
    await store.migrate();
    const uow = createUnitOfWork(store, new MemoryEventBus(() => {}), systemClock, createLogger('silent'));
    const report = await importArticles(uow, kbDir!);
    for (const f of report.failed) console.error(`skipped ${f.file}: ${f.reason}`);
    let synonyms = 0;
    if (synonymsFile && !baseline) {
      const entries = parseSynonymsJson(JSON.parse(readFileSync(synonymsFile, 'utf8')));
      synonyms = await store.transaction((trx) => upsertSynonyms(trx, entries, new Date().toISOString()));
    }
    if (baseline) await buildBaseline(store, 'en');
    const scores: QueryScore[] = [];
    const started = performance.now();
    for (const j of judged) {
      const locale = j.locale && isLocale(j.locale) ? j.locale : 'en';
      const got = baseline ? await baselineSearch(store, j.q) : (await searchArticles(store.db, { q: j.q, locale, limit: 10 })).map((h) => h.slug);
      scores.push(scoreQuery(j, got));
    }
    const ms = (performance.now() - started) / Math.max(judged.length, 1);
    const s = summarize(scores);
    const pct = (x: number): string => x.toFixed(3);
    console.log(`${baseline ? 'baseline (plain engine full text)' : 'Careline search'} on ${dialect}: ${report.created} articles, ${synonyms} synonym entries, ${s.queries} queries, ${ms.toFixed(2)} ms/query`);
    console.log(`P@1 ${pct(s.p1)}  P@1(best) ${pct(s.p1best)}  MRR@10 ${pct(s.mrr10)}  nDCG@5 ${pct(s.ndcg5)}`);
    if (worst > 0) {
      console.log(`\nworst ${worst} by nDCG@5:`);
      for (const w of [...scores].sort((a, b) => a.ndcg5 - b.ndcg5 || a.mrr10 - b.mrr10).slice(0, worst)) {
        console.log(`  ${w.ndcg5.toFixed(2)}  "${w.q}"  want ${w.expected}; got ${w.got.slice(0, 3).join(', ') || '(nothing)'}`);
      }
    }
  } finally {
    await cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
