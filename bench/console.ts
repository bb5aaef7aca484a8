// The agent console's first render with 100,000 tickets in SQLite: seeds a temporary database in
// bulk, starts `careline serve`, logs in through the console in Chromium, and prints the time
// from navigation to the inbox list painted (cold cache, then warm), the list and counts API
// times, and the bundle's size raw and gzipped. Figures only, never pass/fail.
//
//   npm run bench:console            (TICKETS=100000 by default; RUNS=5 warm loads; KEEP=1 keeps the database)
import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { freePort, runCli, spawnServer } from '../test/support/spawn-server.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TICKETS = Number(process.env.TICKETS ?? 100_000);
const RUNS = Number(process.env.RUNS ?? 5);
const CHROMIUM = process.env.CARELINE_CHROMIUM ?? '/usr/bin/chromium';
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const STATUSES = ['solved', 'closed', 'solved', 'closed', 'solved', 'closed', 'solved', 'new', 'open', 'pending', 'on_hold'];
const CHANNELS = ['email', 'email', 'email', 'chat', 'web', 'api'];
const CATEGORIES = ['account', 'installation', 'billing', 'sync', 'security', 'general'];
const PRIORITIES = ['low', 'normal', 'normal', 'normal', 'high', 'urgent'];
const WORDS = 'vault sync password unlock export import invoice refund family plan browser extension phone laptop login alert recovery code share folder'.split(' ');

const reference = (n: number): string => {
  let s = '';
  for (let i = 0; i < 8; i++, n = Math.floor(n / 32)) s = CROCKFORD[n % 32]! + s;
  return `CL-${s}`;
};
const pick = <T>(list: readonly T[], i: number): T => list[i % list.length]!;
const ms = (n: number): string => `${n.toFixed(0)} ms`;
const kb = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;

/** Customers, their email identities, tickets and one message each, in one transaction. */
function seed(file: string, agentId: number, teamIds: number[]): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  const customers = Math.ceil(TICKETS / 5);
  const start = Date.parse('2025-01-01T00:00:00Z');
  const at = (i: number): string => new Date(start + i * 240_000).toISOString();
  const insertCustomer = db.prepare('insert into customers (id, name, email, created_at, updated_at) values (?, ?, ?, ?, ?)');
  const insertIdentity = db.prepare("insert into customer_identities (customer_id, kind, value, verified, created_at) values (?, 'email', ?, 0, ?)");
  const insertTicket = db.prepare('insert into tickets (id, reference, subject, status, priority, category, channel, customer_id, assignee_id, team_id, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const insertMessage = db.prepare("insert into messages (ticket_id, kind, author_type, author_id, channel, text, html, created_at, redactions) values (?, 'reply', 'customer', ?, ?, ?, '', ?, '[]')");
  const base = (db.prepare('select coalesce(max(id), 0) as n from tickets').get() as { n: number }).n;
  const customerBase = (db.prepare('select coalesce(max(id), 0) as n from customers').get() as { n: number }).n;
  db.transaction(() => {
    for (let c = 1; c <= customers; c++) {
      const id = customerBase + c;
      insertCustomer.run(id, `Customer ${c}`, `customer${c}@bench.example`, at(c), at(c));
      insertIdentity.run(id, `customer${c}@bench.example`, at(c));
    }
    for (let i = 1; i <= TICKETS; i++) {
      const id = base + i;
      const customer = customerBase + 1 + (i % customers);
      const subject = `${pick(WORDS, i)} ${pick(WORDS, i * 7 + 3)} problem #${i}`;
      const channel = pick(CHANNELS, i);
      insertTicket.run(id, reference(1_000_000 + i), subject, pick(STATUSES, i), pick(PRIORITIES, i), pick(CATEGORIES, i), channel, customer, i % 9 === 0 ? agentId : null, i % 4 === 0 ? null : pick(teamIds, i), at(i), at(i));
      insertMessage.run(id, customer, channel, `My ${pick(WORDS, i * 3)} and ${pick(WORDS, i * 5 + 1)} stopped working after the update. Ticket ${i}.`, at(i));
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

function bundleSizes(): Array<{ file: string; raw: number; gzip: number }> {
  const dir = join(ROOT, 'dist/console/assets');
  return readdirSync(dir).map((file) => {
    const body = readFileSync(join(dir, file));
    return { file, raw: statSync(join(dir, file)).size, gzip: gzipSync(body, { level: 9 }).length };
  });
}

async function main(): Promise<void> {
  await build({ configFile: join(ROOT, 'web/console/vite.config.ts'), logLevel: 'warn' });
  const dir = mkdtempSync(join(tmpdir(), 'careline-bench-console-ui-'));
  const dbFile = join(dir, 'careline.db');
  const env = {
    PORT: String(await freePort()), SMTP_PORT: String(await freePort()), DATABASE_URL: `sqlite:${dbFile}`, CARELINE_DATA_DIR: dir,
    CARELINE_DEMO: '0', CARELINE_RATE_LIMITS: 'off', LOG_LEVEL: 'warn',
  };
  const cleanUp = (): void => {
    if (process.env.KEEP === '1') console.log(`kept the database in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', cleanUp);
  await runCli(['migrate'], env);
  // A generous start-up limit: on a busy shared machine tsx alone can take half a minute.
  const start = () => spawnServer(env, 180_000);
  let server = await start();
  const token = (await runCli(['token', 'create', '--name', 'bench', '--role', 'admin'], env)).stdout.trim();
  const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(`${server.url}/api/v1${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const password = 'bench-console-password';
  const teams = [await call('POST', '/teams', { name: 'Support' }), await call('POST', '/teams', { name: 'Billing' })] as Array<{ id: number }>;
  const agent = (await call('POST', '/agents', { email: 'bench@example.com', name: 'Bench Agent', role: 'admin', password, team_ids: teams.map((t) => t.id) })) as { id: number };
  await server.stop();

  const seeding = Date.now();
  seed(dbFile, agent.id, teams.map((t) => t.id));
  console.log(`seeded ${TICKETS.toLocaleString('en')} tickets (and as many messages) in ${ms(Date.now() - seeding)}`);
  server = await start();
  try {
    const timed = async (path: string): Promise<number> => {
      const t = performance.now();
      await call('GET', path);
      return performance.now() - t;
    };
    await timed('/tickets?limit=100&status=new,open,pending,on_hold');
    console.log(`GET /tickets (open, 100 rows): ${ms(await timed('/tickets?limit=100&status=new,open,pending,on_hold'))}`);
    console.log(`GET /tickets (all, 100 rows): ${ms(await timed('/tickets?limit=100'))}`);
    console.log(`GET /tickets/counts: ${ms(await timed('/tickets/counts'))}`);
    console.log(`GET /teams (baseline, not audited): ${ms(await timed('/teams'))}`);
    console.log(`GET /tickets?q=unlock: ${ms(await timed('/tickets?limit=100&q=unlock'))}`);

    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto(`${server.url}/console/`);
      await page.getByLabel('Email').fill('bench@example.com');
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.locator('.ticket-row').first().waitFor();
      const firstRender = async (cache: 'cold' | 'warm'): Promise<number> => {
        if (cache === 'cold') {
          const cdp = await context.newCDPSession(page);
          await cdp.send('Network.clearBrowserCache');
          await cdp.detach();
        }
        await page.goto(`${server.url}/console/`);
        // A string, not a function: tsx's helpers do not exist in the page.
        return page.evaluate<number>(`new Promise((resolve) => {
          const look = () => {
            const mark = performance.getEntriesByName('careline:inbox-painted')[0];
            if (mark) resolve(mark.startTime);
            else setTimeout(look, 10);
          };
          look();
        })`);
      };
      const cold = await firstRender('cold');
      const warm: number[] = [];
      for (let i = 0; i < RUNS; i++) warm.push(await firstRender('warm'));
      warm.sort((a, b) => a - b);
      const rows = await page.locator('.vlist .row').count();
      const timeline = await page.evaluate<Array<{ name: string; start: number; end: number }>>(
        `performance.getEntriesByType('resource').filter((e) => /\\/(assets|api)\\//.test(e.name)).map((e) => ({ name: new URL(e.name).pathname + new URL(e.name).search.slice(0, 40), start: Math.round(e.startTime), end: Math.round(e.responseEnd) }))`,
      );
      console.log('last warm load, what the browser fetched (ms from navigation):');
      for (const e of timeline) console.log(`  ${String(e.start).padStart(5)} → ${String(e.end).padStart(5)}  ${e.name}`);
      console.log(`console first render (navigation → inbox list painted, logged in, ${TICKETS.toLocaleString('en')} tickets): cold cache ${ms(cold)}, warm median ${ms(warm[Math.floor(warm.length / 2)]!)} (min ${ms(warm[0]!)}, max ${ms(warm.at(-1)!)}); ${rows} rows in the DOM`);
      const scroll = performance.now();
      await page.evaluate(`document.querySelector('.vlist').scrollTop = 100 * 58 - 800`);
      await page.waitForFunction(`(document.querySelector('.list-foot')?.textContent ?? '').startsWith('200')`, undefined, { timeout: 10_000 }).catch(() => undefined);
      console.log(`next page on scroll (cursor): ${ms(performance.now() - scroll)}`);
    } finally {
      await browser.close();
    }
  } finally {
    await server.stop();
  }
  const sizes = bundleSizes();
  const entry = sizes.filter((s) => /^index-/.test(s.file));
  for (const s of sizes) console.log(`bundle ${s.file}: ${kb(s.raw)} raw, ${kb(s.gzip)} gzipped${/^index-/.test(s.file) ? ' (loaded first)' : ' (loaded on demand)'}`);
  console.log(`bundle loaded first (JS + CSS): ${kb(entry.reduce((n, s) => n + s.raw, 0))} raw, ${kb(entry.reduce((n, s) => n + s.gzip, 0))} gzipped`);
  console.log('figures from a shared machine; compare runs on the same host only');
}

await main();
