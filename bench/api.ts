// npm run bench:api: HTTP throughput of a real `careline serve` on a fresh database.
// Env: BENCH_SECONDS (10), BENCH_CONNECTIONS (50), BENCH_WARMUP_SECONDS (1), BENCH_CUSTOMERS (500),
// BENCH_DATABASE_URL (postgres://…@127.0.0.1…?schema=bench_x; default a temporary SQLite file),
// BENCH_SCENARIOS (healthz,create,list,customer: a subset to run, e.g. "create" when profiling),
// BENCH_SERVER_NODE_ARGS (node flags for the server only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/database.ts';
import { runLoad, type Measurement, type Scenario } from './load.ts';
import { createAdminToken, freePort, serverEnv, startServer, type ServerProcess } from './server-process.ts';
import { createPgSchema, dropPgSchema, pgSchemaOf } from './pg-schema.ts';

const GOAL_CREATES_PER_SECOND = 1_000;

function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`);
  return n;
}

const seconds = numberFromEnv('BENCH_SECONDS', 10);
const connections = Math.max(1, Math.round(numberFromEnv('BENCH_CONNECTIONS', 50)));
const warmupSeconds = numberFromEnv('BENCH_WARMUP_SECONDS', 1);
const customers = Math.max(1, Math.round(numberFromEnv('BENCH_CUSTOMERS', 500)));
const pgUrl = process.env.BENCH_DATABASE_URL?.trim() || null;
const SCENARIOS = ['healthz', 'create', 'list', 'customer'] as const;
type ScenarioKey = (typeof SCENARIOS)[number];
const selected = (process.env.BENCH_SCENARIOS?.trim() || SCENARIOS.join(',')).split(',').map((s) => s.trim());
for (const s of selected) if (!(SCENARIOS as readonly string[]).includes(s)) throw new Error(`BENCH_SCENARIOS: unknown "${s}"; use ${SCENARIOS.join(',')}`);

const emailOf = (n: number): string => `customer-${n % customers}@bench.example`;

/** The create scenario's request bodies: a new subject each time, customers cycling through `customers`. */
function createBodies(): () => { body: string } {
  let seq = 0;
  return () => {
    const n = seq++;
    return {
      body: JSON.stringify({
        subject: `Bench ticket ${n}: my order has not arrived`,
        body: `Hello,\n\nI ordered a blue kettle (order ${100_000 + n}) two weeks ago and it has not arrived yet.\nCan you check where it is?\n\nThanks`,
        customer: { email: emailOf(n), name: `Customer ${n % customers}` },
      }),
    };
  };
}

function customerPaths(): () => { path: string } {
  let seq = 0;
  return () => ({ path: `/api/v1/tickets?customer=${encodeURIComponent(emailOf(seq++))}` });
}

/** Runs a warm-up (not reported) and then the measured run; returns both. */
async function measure(baseUrl: string, scenario: Scenario): Promise<{ warmup: Measurement | null; run: Measurement }> {
  process.stderr.write(`  ${scenario.name}: ${warmupSeconds > 0 ? `${warmupSeconds}s warm-up, ` : ''}${seconds}s measured…\n`);
  const warmup = warmupSeconds > 0 ? await runLoad(baseUrl, scenario, warmupSeconds, connections) : null;
  const run = await runLoad(baseUrl, scenario, seconds, connections);
  return { warmup, run };
}

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function printTable(rows: Measurement[], ceiling: number): void {
  const header = ['scenario', 'req/s (2xx)', 'p50 ms', 'p99 ms', '2xx', 'non-2xx', 'errors', 'vs healthz'];
  const lines = rows.map((m) => [m.name, fmt(m.rps), fmt(m.p50), fmt(m.p99), fmt(m.ok), fmt(m.non2xx), fmt(m.errors), ceiling > 0 ? fmt(m.rps / ceiling, 3) : '-']);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const row = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(row(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const l of lines) console.log(row(l));
}

function summaryLine(m: Measurement): string {
  const codes = Object.entries(m.statusCounts).map(([code, count]) => `${code}×${count}`).join(' ');
  return `${m.name}: ${fmt(m.rps)} req/s mean, p50 ${fmt(m.p50)} ms, p99 ${fmt(m.p99)} ms, ${m.ok} ok, ${m.non2xx} non-2xx, ${m.errors} errors (${m.timeouts} timeouts) over ${fmt(m.seconds, 1)} s [${codes}]`;
}

async function countRows(databaseUrl: string): Promise<{ tickets: number; customers: number }> {
  const store = openStore(databaseUrl, { groupCommit: false });
  try {
    const count = async (table: 'tickets' | 'customers'): Promise<number> =>
      Number((await store.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    return { tickets: await count('tickets'), customers: await count('customers') };
  } finally {
    await store.close();
  }
}

async function main(): Promise<number> {
  const schema = pgUrl ? pgSchemaOf(pgUrl) : null;
  const workDir = mkdtempSync(join(tmpdir(), 'careline-bench-'));
  const databaseUrl = pgUrl ?? `sqlite:${join(workDir, 'careline.db')}`;
  let server: ServerProcess | null = null;
  const killServer = (): void => server?.kill();
  const onSignal = (signal: NodeJS.Signals): void => {
    killServer();
    rmSync(workDir, { recursive: true, force: true });
    process.stderr.write(`bench: ${signal}, server killed${schema ? `; schema ${schema} is left for the next run to drop` : ''}\n`);
    process.exit(130);
  };
  process.on('exit', killServer);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    if (pgUrl && schema) await createPgSchema(pgUrl, schema);
    const env = serverEnv({ port: await freePort(), smtpPort: await freePort(), databaseUrl, dataDir: join(workDir, 'data') });
    console.log(`Careline API bench: ${pgUrl ? `PostgreSQL schema ${schema}` : 'SQLite (WAL, synchronous=FULL, group commit)'}, ` +
      `${connections} connections, ${seconds}s per scenario (+${warmupSeconds}s warm-up), ${customers} customers, ` +
      `node ${process.version}, ${cpus().length} CPUs, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    server = await startServer(env, process.env.BENCH_SERVER_NODE_ARGS?.split(/\s+/).filter(Boolean));
    const token = await createAdminToken(env);
    const auth = { authorization: `Bearer ${token}` };

    const scenarios: Record<ScenarioKey, Scenario> = {
      healthz: { name: 'GET /healthz', method: 'GET', path: '/healthz' },
      create: { name: 'POST /api/v1/tickets', method: 'POST', path: '/api/v1/tickets', headers: { ...auth, 'content-type': 'application/json' }, next: createBodies() },
      list: { name: 'GET /api/v1/tickets?limit=25', method: 'GET', path: '/api/v1/tickets?limit=25', headers: auth },
      customer: { name: 'GET /api/v1/tickets?customer=…', method: 'GET', path: '/api/v1/tickets', headers: auth, next: customerPaths() },
    };
    const results = new Map<ScenarioKey, { warmup: Measurement | null; run: Measurement }>();
    for (const key of SCENARIOS) if (selected.includes(key)) results.set(key, await measure(server.baseUrl, scenarios[key]));

    const exitCode = await server.stop();
    if (exitCode !== 0) process.stderr.write(`bench: server exited with ${exitCode}\n${server.output()}\n`);
    server = null;

    const rows = [...results.values()].map((r) => r.run);
    const ceiling = results.get('healthz')?.run.rps ?? 0;
    const rps = (key: ScenarioKey): number | undefined => results.get(key)?.run.rps;
    console.log('');
    printTable(rows, ceiling);
    console.log('');
    const ratio = (key: ScenarioKey): string => (ceiling > 0 && rps(key) !== undefined ? fmt(rps(key)! / ceiling, 3) : 'n/a');
    console.log(`ratio create/healthz = ${ratio('create')}, list/healthz = ${ratio('list')}, customer-list/healthz = ${ratio('customer')}`);
    const creates = rps('create');
    if (creates !== undefined) console.log(`goal: ${fmt(GOAL_CREATES_PER_SECOND)} tickets/s created: ${creates >= GOAL_CREATES_PER_SECOND ? 'met' : 'NOT met'} (${fmt(creates)} tickets/s)`);
    console.log('');
    for (const m of rows) console.log(summaryLine(m));

    const create = results.get('create');
    const created = [create?.warmup, create?.run].reduce((sum, m) => sum + (m?.statusCounts['201'] ?? 0), 0);
    const stored = await countRows(databaseUrl);
    console.log('');
    console.log(`tickets stored: ${stored.tickets}; 201 responses: ${created} (warm-up included); customers stored: ${stored.customers} (requests cycle through ${customers} emails)`);
    if (stored.tickets !== created) {
      console.log(`MISMATCH: ${stored.tickets - created} tickets stored without a 201 (or 201s without a ticket)`);
      return 1;
    }
    console.log('ok: every 201 is a stored ticket and every stored ticket got its 201');
    return 0;
  } finally {
    killServer();
    if (pgUrl && schema) await dropPgSchema(pgUrl, schema).catch((error: unknown) => process.stderr.write(`bench: could not drop schema ${schema}: ${String(error)}\n`));
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
