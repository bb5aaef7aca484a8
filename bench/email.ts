// npm run bench:email: committed inbound mails/s of a real `careline serve` (SMTP, SQLite, demo
// workspace, no rate limits) against a bare smtp-server that parses and discards, the ceiling.
// Env: BENCH_CLIENTS (20 concurrent SMTP connections), BENCH_MAILS (3,000 in total),
// BENCH_SENDERS (1,000 distinct From addresses: the per-sender cap is 30 mails in 10 minutes),
// BENCH_SERVER_NODE_ARGS (node flags for the server only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
// Connections are spread over loopback addresses 127.0.0.1, .2, … 20 at a time, because the
// server caps connections per peer address at 20 whether or not rate limits are on.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { openStore } from '../src/store/database.ts';
import { freePort, serverEnv, startServer, type ServerProcess } from './server-process.ts';

const GOAL_MAILS_PER_SECOND = 300;
const GOAL_RATIO = 0.5;
const PER_ADDRESS = 20;
const RCPT = 'support@example.com';

function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return n;
}

const clients = numberFromEnv('BENCH_CLIENTS', 20);
const mails = numberFromEnv('BENCH_MAILS', 3_000);
const senders = numberFromEnv('BENCH_SENDERS', 1_000);
if (clients > PER_ADDRESS * 250) throw new Error(`BENCH_CLIENTS: at most ${PER_ADDRESS * 250}`);
if (Math.ceil(mails / senders) > 30) throw new Error(`BENCH_MAILS / BENCH_SENDERS must stay ≤ 30 (the per-sender cap); raise BENCH_SENDERS`);

/** One mail of the run: a new Message-ID and subject each, From cycling through `senders`. */
function message(n: number, runId: string): { from: string; data: Buffer } {
  const from = `customer-${n % senders}@bench.example`;
  const text = [
    `From: Customer ${n % senders} <${from}>`,
    `To: ${RCPT}`,
    `Subject: Sync stopped on my laptop (bench ${runId} #${n})`,
    `Message-ID: <bench-${runId}-${n}@bench.example>`,
    `Date: ${new Date().toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Hello,',
    '',
    `since this morning my vault does not sync between my Windows laptop and my phone (case ${n}).`,
    'I already signed out and in again, and reinstalled the browser extension. The error says E-4012.',
    'Could you help me? I have not changed my password recently.',
    '',
    'Thanks,',
    `Customer ${n % senders}`,
    '',
  ].join('\r\n');
  return { from, data: Buffer.from(`${text.replace(/^\./gm, '..')}.\r\n`, 'utf8') };
}

/** A raw SMTP connection that reads replies in order; multi-line replies collapse to their code. */
class Conn {
  private buffer = '';
  private readonly codes: number[] = [];
  private waiters: Array<() => void> = [];
  private closed = false;

  constructor(readonly socket: net.Socket) {
    socket.setEncoding('latin1');
    socket.setNoDelay(true);
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      let at: number;
      while ((at = this.buffer.indexOf('\r\n')) >= 0) {
        const line = this.buffer.slice(0, at);
        this.buffer = this.buffer.slice(at + 2);
        if (line[3] !== '-') this.codes.push(Number(line.slice(0, 3)));
      }
      this.wake();
    });
    const end = (): void => {
      this.closed = true;
      this.wake();
    };
    socket.on('close', end);
    socket.on('error', end);
  }

  static async open(port: number, localAddress: string): Promise<Conn> {
    const socket = net.connect({ port, host: '127.0.0.1', localAddress });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    return new Conn(socket);
  }

  private wake(): void {
    const ws = this.waiters;
    this.waiters = [];
    for (const w of ws) w();
  }

  async code(): Promise<number> {
    while (this.codes.length === 0) {
      if (this.closed) throw new Error('connection closed while waiting for a reply');
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    return this.codes.shift()!;
  }

  write(data: string | Buffer): void {
    this.socket.write(data);
  }
}

type Result = { name: string; ok: number; refused: Record<string, number>; seconds: number; latencies: number[] };

/** Sends `mails` mails over `clients` connections, MAIL/RCPT/DATA pipelined, several mails per connection. */
async function blast(name: string, port: number): Promise<Result> {
  const runId = `${name.replace(/\W+/g, '')}${Date.now().toString(36)}`;
  let next = 0;
  let ok = 0;
  const refused: Record<string, number> = {};
  const latencies: number[] = [];
  const started = performance.now();
  const worker = async (i: number): Promise<void> => {
    const conn = await Conn.open(port, `127.0.0.${1 + Math.floor(i / PER_ADDRESS)}`);
    const greeting = await conn.code();
    if (greeting !== 220) throw new Error(`${name}: greeting ${greeting} on connection ${i}`);
    conn.write('EHLO bench.example\r\n');
    await conn.code();
    while (next < mails) {
      const n = next++;
      const { from, data } = message(n, runId);
      conn.write(`MAIL FROM:<${from}>\r\nRCPT TO:<${RCPT}>\r\nDATA\r\n`);
      const codes = [await conn.code(), await conn.code(), await conn.code()];
      if (codes[2] !== 354) {
        const key = codes.find((c) => c >= 400) ?? codes[2]!;
        refused[key] = (refused[key] ?? 0) + 1;
        if (codes[2]! < 400) conn.write('RSET\r\n');
        if (codes[2]! < 400) await conn.code();
        continue;
      }
      conn.write(data);
      const t0 = performance.now();
      const code = await conn.code();
      latencies.push(performance.now() - t0);
      if (code === 250) ok++;
      else refused[code] = (refused[code] ?? 0) + 1;
    }
    conn.write('QUIT\r\n');
    await conn.code().catch(() => 0);
    conn.socket.destroy();
  };
  await Promise.all(Array.from({ length: clients }, (_, i) => worker(i)));
  return { name, ok, refused, seconds: (performance.now() - started) / 1000, latencies };
}

/** CPU seconds (user + system) a process (or, with `thread`, one of its threads) has used so far, from /proc (Linux); null elsewhere. */
function cpuSecondsOf(pid: number, thread?: number): number | null {
  try {
    const fields = readFileSync(thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** CPU seconds per thread of a process, keyed `name/tid` (Linux /proc; empty elsewhere): where the non-main CPU goes. */
function threadCpuOf(pid: number): Map<string, number> {
  const threads = new Map<string, number>();
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const name = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
      const seconds = cpuSecondsOf(pid, Number(tid));
      if (seconds !== null) threads.set(`${name}/${tid}`, seconds);
    }
  } catch {
    // not Linux, or the process is gone
  }
  return threads;
}

/** The threads but the main one that used CPU between two snapshots, in ms per mail, by thread id (in start order: V8 platform, tsx's loader, libuv pool, workers). */
function otherThreads(pid: number, before: Map<string, number>, after: Map<string, number>, mails: number): string {
  const used: Array<[string, number]> = [];
  for (const [key, seconds] of after) {
    const ms = ((seconds - (before.get(key) ?? 0)) * 1000) / Math.max(1, mails);
    if (!key.endsWith(`/${pid}`) && ms >= 0.01) used.push([key, ms]);
  }
  const tid = (key: string): number => Number(key.slice(key.lastIndexOf('/') + 1));
  return used.sort((a, b) => tid(a[0]) - tid(b[0])).map(([key, ms]) => `${key} ${fmt(ms, 2)}`).join(', ') || 'none';
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function summary(r: Result): string {
  const sorted = [...r.latencies].sort((a, b) => a - b);
  const refused = Object.entries(r.refused).map(([c, n]) => `${c}×${n}`).join(' ') || 'none';
  return `${r.name}: ${fmt(r.ok / r.seconds)} committed mails/s, end-of-DATA→reply p50 ${fmt(percentile(sorted, 50), 1)} ms, p99 ${fmt(percentile(sorted, 99), 1)} ms, ${r.ok} × 250, refused ${refused}, ${fmt(r.seconds, 2)} s`;
}

/** The ceiling: smtp-server with the same SMTP options, parsing every mail with simpleParser and discarding it. */
async function measureCeiling(): Promise<Result> {
  const server = new SMTPServer({
    disabledCommands: ['AUTH', 'STARTTLS'],
    hideSTARTTLS: true,
    authOptional: true,
    disableReverseLookup: true,
    logger: false,
    maxClients: 500,
    onData: (stream, _session, cb) => {
      simpleParser(stream, { skipHtmlToText: true, skipTextLinks: true, skipTextToHtml: true })
        .then(() => cb(null, 'Parsed and discarded'))
        .catch((error: unknown) => cb(error instanceof Error ? error : new Error(String(error))));
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  try {
    return await blast('bare smtp-server + simpleParser (ceiling)', port);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

async function countRows(databaseUrl: string): Promise<{ inbound: number; tickets: number }> {
  const store = openStore(databaseUrl, { groupCommit: false });
  try {
    const count = async (table: 'inbound_emails' | 'tickets'): Promise<number> =>
      Number((await store.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    return { inbound: await count('inbound_emails'), tickets: await count('tickets') };
  } finally {
    await store.close();
  }
}

async function main(): Promise<number> {
  const workDir = mkdtempSync(join(tmpdir(), 'careline-bench-email-'));
  const databaseUrl = `sqlite:${join(workDir, 'careline.db')}`;
  let server: ServerProcess | null = null;
  const killServer = (): void => server?.kill();
  process.on('exit', killServer);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killServer();
      rmSync(workDir, { recursive: true, force: true });
      process.exit(130);
    });
  }
  try {
    const smtpPort = await freePort();
    const env = { ...serverEnv({ port: await freePort(), smtpPort, databaseUrl, dataDir: join(workDir, 'data') }), CARELINE_DEMO: '1' };
    console.log(`Careline email bench: SQLite (WAL, group commit), demo workspace, ${clients} SMTP clients, ${mails} mails to ${RCPT} ` +
      `from ${Math.min(senders, mails)} senders, node ${process.version}, ${cpus().length} CPUs, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    server = await startServer(env, process.env.BENCH_SERVER_NODE_ARGS?.split(/\s+/).filter(Boolean));
    const before = await countRows(databaseUrl);
    const serverPid = server.pid;
    const cpuBefore = cpuSecondsOf(server.pid);
    const mainBefore = cpuSecondsOf(server.pid, server.pid);
    const threadsBefore = threadCpuOf(server.pid);
    const careline = await blast('careline serve (SQLite)', smtpPort);
    const cpuAfter = cpuSecondsOf(server.pid);
    const mainAfter = cpuSecondsOf(server.pid, server.pid);
    const threadsAfter = threadCpuOf(server.pid);
    const exitCode = await server.stop();
    if (exitCode !== 0) process.stderr.write(`bench: server exited with ${exitCode}\n${server.output()}\n`);
    server = null;
    const after = await countRows(databaseUrl);
    const ceiling = await measureCeiling();

    console.log('');
    console.log(summary(careline));
    console.log(summary(ceiling));
    const rate = careline.ok / careline.seconds;
    const ratio = rate / (ceiling.ok / ceiling.seconds);
    console.log(`ratio careline/ceiling = ${fmt(ratio, 3)}`);
    if (cpuBefore !== null && cpuAfter !== null) {
      // On a shared machine mails/s swing with the neighbours' load; the server's CPU per mail does not.
      const perMail = (seconds: number): string => fmt((seconds * 1000) / Math.max(1, careline.ok), 2);
      const main = mainBefore !== null && mainAfter !== null ? `, of which the main thread (event loop, SQLite) ${perMail(mainAfter - mainBefore)} ms` : '';
      console.log(`server CPU: ${perMail(cpuAfter - cpuBefore)} ms per committed mail${main} (${fmt(cpuAfter - cpuBefore, 2)} s over the run)`);
      console.log(`other threads, ms per mail: ${otherThreads(serverPid, threadsBefore, threadsAfter, careline.ok)}`);
    }
    console.log(`goal: ≥ ${GOAL_MAILS_PER_SECOND} committed mails/s: ${rate >= GOAL_MAILS_PER_SECOND ? 'met' : 'NOT met'}; ≥ ${GOAL_RATIO}× ceiling: ${ratio >= GOAL_RATIO ? 'met' : 'NOT met'}`);
    const stored = { inbound: after.inbound - before.inbound, tickets: after.tickets - before.tickets };
    const consistent = stored.inbound === careline.ok && stored.tickets === careline.ok;
    console.log(`stored after SIGTERM: ${stored.inbound} inbound_emails, ${stored.tickets} tickets for ${careline.ok} × 250: ${consistent ? 'consistent' : 'MISMATCH'}`);
    return consistent && exitCode === 0 ? 0 : 1;
  } finally {
    killServer();
    rmSync(workDir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
