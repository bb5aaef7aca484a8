// npm run bench:chat: live chat over /chat/ws against a real `careline serve` (SQLite, WAL, group
// commit, no rate limits on HTTP) and, in the same run, a bare ws relay that stores nothing: the
// ceiling. The load generator runs in its own process (bench/chat-load.ts) so it never shares an
// event loop with a server. Per target: A agents online accepting every offer, C customers with
// a chat each, I idle customer sockets held (resident memory), C customers sending messages in a
// closed loop (delivered messages/s customer → agent), then paced at half that rate and at
// BENCH_RATE (p50/p99 latency from the customer's send to the agent's socket).
// Env: BENCH_CUSTOMERS (500), BENCH_AGENTS (10), BENCH_IDLE (10,000), BENCH_SECONDS (10 per phase),
// BENCH_RATE (5,000 messages/s), BENCH_SERVER_NODE_ARGS (node flags for the server only, e.g.
// "--cpu-prof --cpu-prof-dir=/tmp/prof"), BENCH_TRACE (set: prints the worst latency per 250 ms
// of each phase). 10,000 idle sockets need ~10,500 file descriptors in the server and in the
// generator: raise `ulimit -n` first if it is lower.
import { fork, spawn, execSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { openStore } from '../src/store/database.ts';
import type { LoadPlan, LoadResult, PhaseResult } from './chat-load.ts';
import { createAdminToken, freePort, serverEnv, startServer, type ServerProcess } from './server-process.ts';

const GOAL = { idle: 10_000, idleRssMiB: 1024, rate: 5_000, p99Ms: 50, ratio: 0.5 };
const HERE = fileURLToPath(new URL('.', import.meta.url));

function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, got "${raw}"`);
  return n;
}

const customers = numberFromEnv('BENCH_CUSTOMERS', 500);
const agentCount = numberFromEnv('BENCH_AGENTS', 10);
const idle = numberFromEnv('BENCH_IDLE', 10_000);
const seconds = numberFromEnv('BENCH_SECONDS', 10);
const rate = numberFromEnv('BENCH_RATE', 5_000);
const maxChats = Math.ceil(customers / Math.max(1, agentCount));
if (agentCount < 1 || customers < 1) throw new Error('BENCH_AGENTS and BENCH_CUSTOMERS must be at least 1');
if (maxChats > 50) throw new Error(`${customers} chats over ${agentCount} agents is ${maxChats} each; an agent holds at most 50: raise BENCH_AGENTS`);
if (rate > customers * 20) throw new Error(`BENCH_RATE ${rate}/s over ${customers} customers exceeds the 20 frames/s each customer may send: raise BENCH_CUSTOMERS`);

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); null elsewhere. */
function cpuSecondsOf(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** Runs the load generator in its own process and returns what it measured. */
function runLoad(plan: LoadPlan): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(join(HERE, 'chat-load.ts'), [], { execArgv: ['--import', 'tsx'], env: { ...process.env, BENCH_CHAT_LOAD: JSON.stringify(plan) }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let done = false;
    child.on('message', (m: { type: string; result?: LoadResult; message?: string }) => {
      done = true;
      if (m.type === 'result') resolve(m.result!);
      else reject(new Error(`load generator failed: ${m.message}`));
    });
    child.on('exit', (code) => {
      if (!done) reject(new Error(`load generator exited with ${code} before reporting`));
    });
  });
}

/** Whether a customer hello on /chat/ws is answered with welcome within 5 s. */
async function gatewayAnswers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    const timer = setTimeout(() => (ws.terminate(), resolve(false)), 5_000);
    ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', role: 'customer' })));
    ws.on('message', (data: Buffer) => {
      clearTimeout(timer);
      ws.terminate();
      resolve(data.toString('utf8').startsWith('{"type":"welcome"'));
    });
    ws.on('error', () => (clearTimeout(timer), resolve(false)));
  });
}

async function api(baseUrl: string, token: string, method: string, path: string, body: unknown): Promise<{ id: number }> {
  const response = await fetch(`${baseUrl}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { id: number };
}

/** The bare relay as a child process on a free port, resolved once it listens. */
async function startRelay(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(HERE, 'chat-relay.ts'), String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => String(d).includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`relay exited with ${code}`)));
  });
  return { url: `ws://127.0.0.1:${port}/chat/ws`, child };
}

const fmt = (n: number, digits = 0): string => (Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : 'n/a');
const perSecond = (p: PhaseResult): number => p.delivered / p.seconds;
const phaseLine = (p: PhaseResult): string =>
  `${fmt(perSecond(p))} delivered/s (${p.delivered} in ${fmt(p.seconds, 1)} s; ${p.sent} sent, ${p.acked} acked), customer→agent p50 ${fmt(p.latencyMs.p50, 1)} ms, p99 ${fmt(p.latencyMs.p99, 1)} ms, max ${fmt(p.latencyMs.max, 0)} ms; ack p50 ${fmt(p.ackMs.p50, 1)} ms, p99 ${fmt(p.ackMs.p99, 1)} ms`;

function report(name: string, r: LoadResult): void {
  console.log(`${name}:`);
  console.log(`  routing: ${r.accepted}/${customers} chats offered and accepted in ${fmt(r.routedSeconds, 1)} s`);
  console.log(`  idle: ${r.idle.held} sockets connected in ${fmt(r.idle.connectSeconds, 1)} s; RSS ${fmt(r.idle.rssBeforeMiB)} → ${fmt(r.idle.rssAfterMiB)} MiB (${fmt(r.idle.perConnectionKiB, 1)} KiB each), peak ${fmt(r.rssPeakMiB)} MiB`);
  console.log(`  closed loop: ${phaseLine(r.saturate)}`);
  console.log(`  paced at ${r.half.rate}/s (half the closed loop): ${phaseLine(r.half)}`);
  console.log(`  paced at ${rate}/s (the goal): ${phaseLine(r.paced)}`);
  const errors = Object.entries(r.errors).map(([c, n]) => `${c}×${n}`).join(' ');
  console.log(`  error frames: ${errors || 'none'}; event frames to agents: ${r.agentEventFrames}`);
}

async function countCustomerMessages(databaseUrl: string): Promise<number> {
  const store = openStore(databaseUrl, { groupCommit: false });
  try {
    const row = await store.db.selectFrom('messages').select((eb) => eb.fn.countAll().as('n')).where('channel', '=', 'chat').where('author_type', '=', 'customer').executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await store.close();
  }
}

async function main(): Promise<number> {
  const fds = Number(execSync('ulimit -n', { shell: '/bin/sh' }).toString().trim());
  const workDir = mkdtempSync(join(tmpdir(), 'careline-bench-chat-'));
  const databaseUrl = `sqlite:${join(workDir, 'careline.db')}`;
  let server: ServerProcess | null = null;
  let relay: ChildProcess | null = null;
  const killAll = (): void => {
    server?.kill();
    relay?.kill('SIGKILL');
  };
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killAll();
      rmSync(workDir, { recursive: true, force: true });
      process.exit(130);
    });
  }
  console.log(`Careline chat bench: ${customers} customers, ${agentCount} agents (${maxChats} chats each), ${idle} idle sockets, ${seconds} s per phase, paced at ${rate}/s; ` +
    `SQLite (WAL, group commit), node ${process.version}, ${cpus().length} CPUs, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}, ulimit -n ${fds}`);
  if (fds < idle + customers + agentCount + 200) console.log(`warning: ulimit -n ${fds} is below the ${idle + customers + agentCount + 200} sockets this run opens; raise it (ulimit -n 65536) or lower BENCH_IDLE`);
  const plan = { customers, idle, saturateSeconds: seconds, pacedSeconds: seconds, rate };
  let careline: LoadResult | null = null;
  let cpu: number | null = null;
  let stored: number | null = null;
  try {
    const env = serverEnv({ port: await freePort(), smtpPort: await freePort(), databaseUrl, dataDir: join(workDir, 'data') });
    server = await startServer(env, process.env.BENCH_SERVER_NODE_ARGS?.split(/\s+/).filter(Boolean));
    const url = `${server.baseUrl.replace(/^http/, 'ws')}/chat/ws`;
    if (!(await gatewayAnswers(url))) {
      console.log('careline: /chat/ws does not answer hello with welcome yet; measuring the bare relay only');
    } else {
      const token = await createAdminToken(env);
      const agents = [];
      for (let i = 0; i < agentCount; i++) {
        const agent = await api(server.baseUrl, token, 'POST', '/api/v1/agents', { email: `bench-agent-${i}@bench.example`, name: `Bench Agent ${i}`, role: 'agent' });
        await api(server.baseUrl, token, 'PUT', `/api/v1/agents/${agent.id}/routing`, { skills: [], max_chats: maxChats });
        agents.push({ token, agentId: agent.id });
      }
      const before = await countCustomerMessages(databaseUrl);
      const cpuBefore = cpuSecondsOf(server.pid);
      careline = await runLoad({ ...plan, url, agents, minIntervalMs: 50, serverPid: server.pid });
      const cpuAfter = cpuSecondsOf(server.pid);
      cpu = cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : null;
      const code = await server.stop();
      if (code !== 0) process.stderr.write(`bench: server exited with ${code}\n${server.output()}\n`);
      server = null;
      // Every start plus every acked message is a stored customer message.
      stored = (await countCustomerMessages(databaseUrl)) - before;
    }
    const bare = await startRelay();
    relay = bare.child;
    const ceiling = await runLoad({ ...plan, url: bare.url, agents: Array.from({ length: agentCount }, () => ({ token: '', agentId: 0 })), minIntervalMs: 0, serverPid: bare.child.pid! });
    relay.kill('SIGTERM');
    relay = null;

    console.log('');
    if (careline) report('careline serve (SQLite, persisted)', careline);
    report('bare ws relay (nothing stored, ceiling)', ceiling);
    if (!careline) return 1;
    const acked = customers + careline.saturate.acked + careline.half.acked + careline.paced.acked;
    console.log(`stored: ${stored} customer chat messages for ${customers} starts + ${acked - customers} acked messages: ${stored !== null && stored >= acked ? 'every ack was committed' : 'MISMATCH'}`);
    // On a shared machine rates swing with the neighbours' load; the server's CPU per message does not.
    if (cpu !== null && stored) console.log(`server CPU: ${fmt(cpu, 1)} s over the run, ${fmt((cpu * 1000) / stored, 2)} ms per stored message (routing and ${idle} idle hellos included)`);
    const phaseAcked = acked - customers;
    if (phaseAcked > 0) console.log(`server CPU in the message phases alone: ${fmt(careline.messageCpuSeconds, 1)} s, ${fmt((careline.messageCpuSeconds * 1000) / phaseAcked, 3)} ms per acked message (the yardstick on a shared machine)`);
    const ratio = perSecond(careline.saturate) / perSecond(ceiling.saturate);
    console.log(`ratio careline/relay, closed loop = ${fmt(ratio, 3)}; paced p99 careline/relay = ${fmt(careline.paced.latencyMs.p99 / ceiling.paced.latencyMs.p99, 1)}×`);
    const met = (ok: boolean): string => (ok ? 'met' : 'NOT met');
    console.log(`goal: ${GOAL.idle} idle sockets under ${GOAL.idleRssMiB} MiB RSS: ${met(careline.idle.held >= GOAL.idle && careline.idle.rssAfterMiB < GOAL.idleRssMiB)}; ` +
      `≥ ${GOAL.rate} persisted messages/s with p99 ≤ ${GOAL.p99Ms} ms: ${met(perSecond(careline.paced) >= GOAL.rate * 0.98 && careline.paced.latencyMs.p99 <= GOAL.p99Ms)}; ` +
      `≥ ${GOAL.ratio}× the relay: ${met(ratio >= GOAL.ratio)}`);
    return stored !== null && stored >= acked ? 0 : 1;
  } finally {
    killAll();
    rmSync(workDir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
