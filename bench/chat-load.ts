// The load generator of `npm run bench:chat`, forked as its own process so it never shares the
// server's event loop. It speaks docs/chat-protocol.md over real sockets: A agents go online and
// accept every offer, C customers start a chat each, I more customers connect and stay idle,
// then the customers send messages (closed loop, then paced at half that rate and at a target rate) and the agents
// time each one from the customer's send to its arrival. Input: the JSON in BENCH_CHAT_LOAD.
// Output: one `{ type: 'result' }` IPC message (progress lines go to stderr).
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';

export type LoadPlan = {
  url: string;
  /** Agent logins: an admin API token acting for each agent id (the relay ignores them). */
  agents: Array<{ token: string; agentId: number }>;
  customers: number;
  idle: number;
  saturateSeconds: number;
  pacedSeconds: number;
  /** Messages per second over all customers in the paced phase. */
  rate: number;
  /** Least time between two messages of one customer (the server allows 20 frames/s). */
  minIntervalMs: number;
  /** The server's pid, to read its resident memory from /proc. */
  serverPid: number;
};

export type PhaseResult = {
  seconds: number;
  sent: number;
  acked: number;
  delivered: number;
  latencyMs: { p50: number; p99: number; max: number };
  ackMs: { p50: number; p99: number };
};

export type LoadResult = {
  routedSeconds: number;
  accepted: number;
  idle: { held: number; connectSeconds: number; rssBeforeMiB: number; rssAfterMiB: number; perConnectionKiB: number };
  saturate: PhaseResult;
  /** Paced at half the closed-loop rate: the latency of a load the server keeps up with. */
  half: PhaseResult & { rate: number };
  paced: PhaseResult;
  rssPeakMiB: number;
  /** The server's CPU seconds over the three message phases only (no routing, no hellos), from /proc. */
  messageCpuSeconds: number;
  errors: Record<string, number>;
  agentEventFrames: number;
};

const plan = JSON.parse(process.env.BENCH_CHAT_LOAD ?? '{}') as LoadPlan;
const errors: Record<string, number> = {};
const log = (line: string): void => void process.stderr.write(`  [load] ${line}\n`);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** CPU seconds (user + system) a process has used so far, from /proc/PID/stat (Linux). */
export function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Resident memory of a process in MiB, from /proc/PID/status (Linux). */
export function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

type Frame = Record<string, unknown> & { type: string };

/** A socket with a frame queue: `next(type)` waits for the next frame of that type. */
class Client {
  private waiters: Array<{ type: string; resolve: (f: Frame) => void; reject: (e: Error) => void }> = [];
  onFrame: (raw: string) => boolean = () => false;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const raw = data.toString('utf8');
      if (this.onFrame(raw)) return;
      const f = JSON.parse(raw) as Frame;
      if (f.type === 'error') errors[String(f.code)] = (errors[String(f.code)] ?? 0) + 1;
      const i = this.waiters.findIndex((w) => w.type === f.type);
      if (i >= 0) this.waiters.splice(i, 1)[0]!.resolve(f);
    });
    ws.on('close', () => {
      for (const w of this.waiters.splice(0)) w.reject(new Error('socket closed'));
    });
  }

  static async open(url: string): Promise<Client> {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    ws.on('error', () => (errors.socket = (errors.socket ?? 0) + 1));
    return new Client(ws);
  }

  send(frame: unknown): void {
    this.ws.send(JSON.stringify(frame));
  }

  next(type: string, timeoutMs = 60_000): Promise<Frame> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${type} frame within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ type, resolve: (f) => (clearTimeout(timer), resolve(f)), reject });
    });
  }
}

/** Runs jobs with at most `width` in flight. */
async function pool<T>(count: number, width: number, job: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array<T>(count);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(width, count) }, async () => {
    while (next < count) {
      const i = next++;
      out[i] = await job(i);
    }
  }));
  return out;
}

const pct = (sorted: number[], p: number): number => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN);

// What the agents see: accepted chats, and each customer message's send time → arrival.
const sentAt = new Map<string, number>();
const accepted = new Set<number>();
let delivered = 0;
let latencies: number[] = [];
let eventFrames = 0;
/** With BENCH_TRACE set: each delivered message's send time and latency, for the worst latency per 250 ms of a phase. */
const TRACE = Boolean(process.env.BENCH_TRACE);
const trace: Array<[number, number]> = [];

async function connectAgent(login: { token: string; agentId: number }): Promise<Client> {
  const c = await Client.open(plan.url);
  c.onFrame = (raw) => {
    // Every agent gets every committed domain event; count them, never parse them.
    if (raw.startsWith('{"type":"event"') || raw.startsWith('{"type":"viewers"')) {
      eventFrames++;
      return true;
    }
    if (raw.startsWith('{"type":"offer"')) {
      const id = ((JSON.parse(raw) as Frame).conversation as { id: number }).id;
      c.send({ type: 'accept', id: `a-${id}`, conversation_id: id });
      return true;
    }
    if (raw.startsWith('{"type":"ok"')) {
      const ref = (JSON.parse(raw) as { ref?: string | null }).ref ?? '';
      if (!ref.startsWith('a-')) return false;
      accepted.add(Number(ref.slice(2)));
      return true;
    }
    if (!raw.startsWith('{"type":"message"')) return false;
    const id = String((JSON.parse(raw) as Frame).client_id);
    const t = sentAt.get(id);
    if (t !== undefined) {
      sentAt.delete(id);
      delivered++;
      latencies.push(performance.now() - t);
      if (TRACE) trace.push([t, performance.now() - t]);
    }
    return true;
  };
  c.send({ type: 'hello', role: 'agent', token: login.token, agent_id: login.agentId });
  await c.next('welcome');
  c.send({ type: 'presence', id: 'p-1', status: 'online' });
  await c.next('ok');
  return c;
}

type Customer = { c: Client; index: number; n: number; inFlight: Map<string, number>; acked: number; ackMs: number[]; onAck: (() => void) | null };

async function connectCustomer(index: number, startChat: boolean): Promise<Customer> {
  const c = await Client.open(plan.url);
  c.send({ type: 'hello', role: 'customer' });
  await c.next('welcome');
  const customer: Customer = { c, index, n: 0, inFlight: new Map(), acked: 0, ackMs: [], onAck: null };
  if (!startChat) return customer;
  c.send({ type: 'start', client_id: `s-${index}`, text: `Sync stopped on my laptop (bench customer ${index})`, name: `Bench ${index}`, email: `bench-${index}@bench.example` });
  const ack = await c.next('ack');
  if (!ack.conversation) throw new Error(`start was not acked with a conversation: ${JSON.stringify(ack)}`);
  c.onFrame = (raw) => {
    if (!raw.startsWith('{"type":"ack"')) return raw.startsWith('{"type":"queue"') || raw.startsWith('{"type":"status"');
    const f = JSON.parse(raw) as Frame;
    const t = customer.inFlight.get(String(f.client_id));
    if (t === undefined) return true;
    customer.inFlight.delete(String(f.client_id));
    customer.acked++;
    customer.ackMs.push(performance.now() - t);
    customer.onAck?.();
    return true;
  };
  return customer;
}

function sendMessage(cu: Customer): void {
  const id = `b-${cu.index}-${++cu.n}`;
  const now = performance.now();
  sentAt.set(id, now);
  cu.inFlight.set(id, now);
  cu.c.send({ type: 'message', client_id: id, text: `Still no sync, attempt ${cu.n}; the app shows E-4012 again.` });
}

/** Prints the worst latency of each 250 ms of the phase (by send time), as `second:ms`: where a p99 comes from. */
function printTrace(started: number): void {
  const worst = new Map<number, number>();
  for (const [t, ms] of trace) {
    const slot = Math.floor((t - started) / 250);
    worst.set(slot, Math.max(worst.get(slot) ?? 0, ms));
  }
  trace.length = 0;
  log(`worst latency per 250 ms: ${[...worst].sort((a, b) => a[0] - b[0]).map(([slot, ms]) => `${(slot / 4).toFixed(2)}:${ms.toFixed(0)}`).join(' ')}`);
}

/** Measures one phase: resets the counters, runs `drive` for `seconds`, waits for stragglers. */
async function phase(customers: Customer[], seconds: number, drive: (until: number) => Promise<number>): Promise<PhaseResult> {
  delivered = 0;
  latencies = [];
  sentAt.clear();
  for (const cu of customers) {
    cu.acked = 0;
    cu.ackMs = [];
    cu.inFlight.clear();
  }
  const started = performance.now();
  const sent = await drive(started + seconds * 1000);
  const elapsed = (performance.now() - started) / 1000;
  const deliveredInWindow = delivered;
  const deadline = performance.now() + 5_000;
  while (sentAt.size > 0 && performance.now() < deadline) await sleep(20);
  if (TRACE) printTrace(started);
  const lat = [...latencies].sort((a, b) => a - b);
  const acks = customers.flatMap((c) => c.ackMs).sort((a, b) => a - b);
  return {
    seconds: elapsed,
    sent,
    acked: customers.reduce((n, c) => n + c.acked, 0),
    delivered: deliveredInWindow,
    latencyMs: { p50: pct(lat, 50), p99: pct(lat, 99), max: lat.at(-1) ?? NaN },
    ackMs: { p50: pct(acks, 50), p99: pct(acks, 99) },
  };
}

/** Closed loop: every customer sends its next message once the previous one is acked (at most one per minIntervalMs). */
function saturate(customers: Customer[]) {
  return async (until: number): Promise<number> => {
    let sent = 0;
    await Promise.all(customers.map(async (cu) => {
      while (performance.now() < until) {
        const t0 = performance.now();
        sendMessage(cu);
        sent++;
        if (cu.inFlight.size > 0) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, 5_000);
            cu.onAck = () => (clearTimeout(timer), resolve());
          });
          cu.onAck = null;
        }
        const wait = plan.minIntervalMs - (performance.now() - t0);
        if (wait > 0) await sleep(wait);
      }
    }));
    return sent;
  };
}

/** Open loop: customers take turns so that `rate` messages per second go out in total, acked or not. */
function paced(customers: Customer[], rate: number) {
  return async (until: number): Promise<number> => {
    const interval = 1000 / rate;
    const start = performance.now();
    let sent = 0;
    while (performance.now() < until) {
      const due = Math.floor((performance.now() - start) / interval);
      while (sent < due) sendMessage(customers[sent++ % customers.length]!);
      await sleep(1);
    }
    return sent;
  };
}

async function main(): Promise<LoadResult> {
  let rssPeak = 0;
  const peak = setInterval(() => (rssPeak = Math.max(rssPeak, rssMiB(plan.serverPid))), 250);
  const agents = await Promise.all(plan.agents.map(connectAgent));
  log(`${agents.length} agents online`);
  const routeStart = performance.now();
  const customers = await pool(plan.customers, 50, (i) => connectCustomer(i, true));
  log(`${customers.length} customers started a chat`);
  const deadline = performance.now() + 180_000;
  while (accepted.size < customers.length && performance.now() < deadline) await sleep(100);
  const routedSeconds = (performance.now() - routeStart) / 1000;
  log(`${accepted.size} chats offered and accepted in ${routedSeconds.toFixed(1)} s`);
  if (accepted.size < customers.length) log(`only ${accepted.size} of ${customers.length} chats were accepted; messages of the others reach no agent`);

  const rssBefore = rssMiB(plan.serverPid);
  const idleStart = performance.now();
  const idle = await pool(plan.idle, 100, (i) => connectCustomer(plan.customers + i, false));
  const connectSeconds = (performance.now() - idleStart) / 1000;
  await sleep(2_000);
  const rssAfter = rssMiB(plan.serverPid);
  log(`${idle.length} idle customers connected in ${connectSeconds.toFixed(1)} s; server RSS ${rssBefore.toFixed(0)} → ${rssAfter.toFixed(0)} MiB`);

  const cpuBefore = cpuSecondsOf(plan.serverPid);
  const sat = await phase(customers, plan.saturateSeconds, saturate(customers));
  log(`closed loop: ${(sat.delivered / sat.seconds).toFixed(0)} delivered/s`);
  await sleep(1_000);
  // Latency at a load the server sustains (half its closed-loop rate), then at the goal rate, last: an overload leaves a backlog behind.
  const halfRate = Math.max(1, Math.round(sat.delivered / sat.seconds / 2));
  const half = await phase(customers, plan.pacedSeconds, paced(customers, halfRate));
  log(`paced at ${halfRate}/s: ${(half.delivered / half.seconds).toFixed(0)} delivered/s, p99 ${half.latencyMs.p99.toFixed(1)} ms`);
  await sleep(1_000);
  const pac = await phase(customers, plan.pacedSeconds, paced(customers, plan.rate));
  log(`paced at ${plan.rate}/s: ${(pac.delivered / pac.seconds).toFixed(0)} delivered/s, p99 ${pac.latencyMs.p99.toFixed(1)} ms`);
  const messageCpuSeconds = cpuSecondsOf(plan.serverPid) - cpuBefore;
  clearInterval(peak);
  for (const c of [...agents, ...customers.map((cu) => cu.c), ...idle.map((cu) => cu.c)]) c.ws.terminate();
  return {
    routedSeconds,
    accepted: accepted.size,
    idle: { held: idle.length, connectSeconds, rssBeforeMiB: rssBefore, rssAfterMiB: rssAfter, perConnectionKiB: idle.length ? ((rssAfter - rssBefore) * 1024) / idle.length : NaN },
    saturate: sat,
    half: { ...half, rate: halfRate },
    paced: pac,
    rssPeakMiB: rssPeak,
    messageCpuSeconds,
    errors,
    agentEventFrames: eventFrames,
  };
}

main().then(
  (result) => process.send!({ type: 'result', result }, () => process.exit(0)),
  (error: unknown) => {
    process.send!({ type: 'failed', message: error instanceof Error ? error.stack ?? error.message : String(error) }, () => process.exit(1));
  },
);
