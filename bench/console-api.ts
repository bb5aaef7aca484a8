/**
 * Agent console figures (never pass/fail): seeds BENCH_TICKETS (100,000) tickets with two
 * messages each, 20,000 customers and a few agents and teams into a temporary SQLite database
 * by bulk insert in one store transaction (whose commit feeds FTS5), then measures in-process p50/p99 of
 * what the console asks for most: the inbox's first page (all, and unassigned open work), the
 * view counts, and full-text searches (a rare error code, a common word, a customer's email,
 * a reference, and a word found nowhere). BENCH_PG_URL=postgres://… measures PostgreSQL too,
 * in a throwaway schema. BENCH_RUNS (50) samples per figure.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { countTickets, listTickets } from '../src/modules/tickets/index.ts';
import { openStore, type Store } from '../src/store/database.ts';

const env = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const TICKETS = env('BENCH_TICKETS', 100_000);
const RUNS = env('BENCH_RUNS', 50);
const CUSTOMERS = Math.max(1, Math.floor(TICKETS / 5));
const PG_URL = process.env.BENCH_PG_URL?.trim() || null;

/** A small seeded generator: the same corpus every run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = 'vault sync password reset login device phone app desktop browser extension backup export import share family plan billing invoice refund charge card renew upgrade error crash freeze slow update version install windows mac android iphone autofill two factor code recovery email link account locked team admin folder item note attachment offline server'.split(' ');
const FIRST = ['Anna', 'Ben', 'Chloé', 'David', 'Emma', 'Felix', 'Greta', 'Hugo', 'Ines', 'Jonas', 'Klara', 'Lukas', 'Mia', 'Noah', 'Olga', 'Paul'];
const LAST = ['Schmidt', 'Müller', 'Garcia', 'Rossi', 'Novak', 'Dubois', 'Kowalski', 'Jensen', 'Silva', 'Costa'];
const STATUSES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
const CATEGORIES = ['account', 'installation', 'billing', 'sync', 'security', 'general'] as const;
const CHANNELS = ['email', 'chat', 'web', 'api'] as const;

const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const sentence = (rnd: () => number, n: number): string => Array.from({ length: n }, () => pick(rnd, WORDS)).join(' ');
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const reference = (i: number): string => `CL-${[...i.toString(32).padStart(8, '0')].map((d) => CROCKFORD[parseInt(d, 32)]).join('')}`;

async function insertChunks<T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/** Bulk-inserts the corpus with explicit ids, in one transaction. */
async function seed(store: Store): Promise<void> {
  const rnd = random(42);
  const at = (i: number): string => new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
  await store.transaction(async (trx) => {
    await trx.insertInto('teams').values([1, 2, 3].map((id) => ({ id, name: `Team ${id}`, slug: `team-${id}`, created_at: at(0) }))).execute();
    await trx.insertInto('agents').values([1, 2, 3, 4, 5].map((id) => ({ id, email: `agent${id}@vaultly.example`, name: `Agent ${id}`, role: 'agent', password_hash: null, active: 1, failed_logins: 0, locked_until: null, created_at: at(0), updated_at: at(0) }))).execute();
    const customers = Array.from({ length: CUSTOMERS }, (_, k) => {
      const id = k + 1;
      const name = `${pick(rnd, FIRST)} ${pick(rnd, LAST)}`;
      return { id, name, email: `customer${id}@example.org`, merged_into_id: null, created_at: at(0), updated_at: at(0), erased_at: null };
    });
    await insertChunks(customers, 1000, (c) => trx.insertInto('customers').values(c).execute());
    await insertChunks(customers, 1000, (c) => trx.insertInto('customer_identities').values(c.map((x) => ({ customer_id: x.id, kind: 'email', value: x.email, verified: 0, created_at: at(0) }))).execute());
    const tickets = Array.from({ length: TICKETS }, (_, k) => {
      const id = k + 1;
      const status = rnd() < 0.7 ? pick(rnd, ['solved', 'closed'] as const) : pick(rnd, STATUSES);
      return {
        id, reference: reference(id), subject: `${sentence(rnd, 3)} ${id % 100 === 0 ? 'E-4012' : ''}`.trim(), status, priority: 'normal', category: pick(rnd, CATEGORIES), channel: pick(rnd, CHANNELS),
        customer_id: 1 + Math.floor(rnd() * CUSTOMERS), assignee_id: rnd() < 0.4 ? null : 1 + Math.floor(rnd() * 5), team_id: rnd() < 0.3 ? null : 1 + Math.floor(rnd() * 3),
        follow_up_of_id: null, created_at: at(id), updated_at: at(id), first_response_at: null, solved_at: null, triage: null,
      };
    });
    await insertChunks(tickets, 500, (c) => trx.insertInto('tickets').values(c).execute());
    const messages = tickets.flatMap((t) => [0, 1].map((j) => {
      const text = `${sentence(rnd, 25)}${j === 0 && t.id % 1000 === 7 ? ' with the code ZX-99142' : ''}`;
      return { id: t.id * 2 - 1 + j, ticket_id: t.id, kind: 'reply', author_type: j === 0 ? 'customer' : 'agent', author_id: j === 0 ? t.customer_id : 1, channel: t.channel, text, html: `<p>${text}</p>`, external_id: null, created_at: t.created_at };
    }));
    await insertChunks(messages, 500, (c) => trx.insertInto('messages').values(c).execute());
  });
}

function percentiles(samples: number[]): { p50: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: sorted[Math.floor(sorted.length * 0.5)]!, p99: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]! };
}

async function measure(label: string, run: () => Promise<number>): Promise<void> {
  let found = await run();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    found = await run();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const { p50, p99 } = percentiles(samples);
  console.log(`  ${label.padEnd(48)} p50 ${p50.toFixed(2).padStart(7)} ms   p99 ${p99.toFixed(2).padStart(7)} ms   (${found} found)`);
}

async function benchStore(label: string, store: Store): Promise<void> {
  const started = Date.now();
  await seed(store);
  console.log(`${label}: seeded ${TICKETS.toLocaleString('en-US')} tickets, ${(TICKETS * 2).toLocaleString('en-US')} messages, ${CUSTOMERS.toLocaleString('en-US')} customers in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (store.dialect === 'postgres') await sql`analyze`.execute(store.db);
  const db = store.db;
  const page = (f: Parameters<typeof listTickets>[1]) => async () => (await listTickets(db, f)).items.length;
  await measure('list: first page, all tickets', page({ limit: 25 }));
  await measure('list: first page, unassigned open work', page({ limit: 25, status: ['new', 'open', 'pending', 'on_hold'], assigneeId: 'none' }));
  await measure('list: first page, mine (agent 3), open', page({ limit: 25, status: ['new', 'open'], assigneeId: 3 }));
  await measure('counts (views, status, channel, category, team)', async () => (await countTickets(db, 3)).views.open);
  await measure('search: rare code "ZX-99142" (in messages)', page({ limit: 25, text: 'ZX-99142' }));
  await measure('search: "E-4012" (1% of subjects)', page({ limit: 25, text: 'E-4012' }));
  await measure('search: common word "sync"', page({ limit: 25, text: 'sync' }));
  await measure('search: customer email', page({ limit: 25, text: `customer${Math.floor(CUSTOMERS / 2)}@example.org` }));
  await measure('search: reference', page({ limit: 25, text: reference(Math.floor(TICKETS / 3)) }));
  await measure('search: a word found nowhere', page({ limit: 25, text: 'xylophone' }));
  await measure('search: "sync" + open + unassigned', page({ limit: 25, text: 'sync', status: ['new', 'open'], assigneeId: 'none' }));
}

async function main(): Promise<void> {
  console.log(`console API bench: ${TICKETS.toLocaleString('en-US')} tickets, ${RUNS} runs per figure, ${cpus().length} CPUs, load ${loadavg().map((l) => l.toFixed(1)).join(' ')} (a shared machine: figures vary)`);
  const dir = mkdtempSync(join(tmpdir(), 'careline-bench-console-'));
  const sqlite = openStore(`sqlite:${join(dir, 'bench.db')}`);
  try {
    await sqlite.migrate();
    await benchStore('SQLite', sqlite);
  } finally {
    await sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  }
  if (!PG_URL) return;
  const schema = `bench_console_${process.pid}`;
  const pg = openStore(`${PG_URL}${PG_URL.includes('?') ? '&' : '?'}schema=${schema}`);
  try {
    await pg.migrate();
    await benchStore('PostgreSQL', pg);
  } finally {
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(pg.db);
    await pg.close();
  }
}

await main();
