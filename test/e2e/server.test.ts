import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, test } from 'node:test';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/careline.mjs');

/** A port nobody listens on right now: bind to 0, read it, let it go. */
function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const server = net.createServer();
    server.unref();
    server.on('error', rej);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => res(port));
    });
  });
}

/** The parent's environment minus anything that would point Careline elsewhere. */
function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(CARELINE_|SMTP_|DATABASE_URL|REDIS_URL|PORT|HOST|PUBLIC_URL|LOG_LEVEL|NODE_TEST)/.test(k)) continue;
    env[k] = v;
  }
  return env;
}

type Exit = { code: number | null; signal: NodeJS.Signals | null };
type Server = { child: ChildProcess; base: string; exited: Promise<Exit>; output(): string };

const children = new Set<ChildProcess>();
const dirs: string[] = [];

function spawnCareline(args: string[], env: NodeJS.ProcessEnv): Omit<Server, 'base'> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<Exit>((res) => child.once('exit', (code, signal) => {
    children.delete(child);
    res({ code, signal });
  }));
  return { child, exited, output: () => out };
}

/** Starts `careline serve` and resolves once /healthz answers; fails fast if the process dies. */
async function startServer(dataDir: string, extra: Record<string, string> = {}): Promise<Server> {
  const port = await freePort();
  const env = { ...baseEnv(), ...serverEnv(dataDir), PORT: String(port), SMTP_PORT: String(await freePort()), ...extra };
  const started = spawnCareline(['serve'], env);
  const base = `http://127.0.0.1:${port}`;
  let dead: Exit | null = null;
  void started.exited.then((e) => (dead = e));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (dead) throw new Error(`careline serve exited early (${JSON.stringify(dead)}):\n${started.output()}`);
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.status === 200) return { ...started, base };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  started.child.kill('SIGKILL');
  throw new Error(`careline serve did not become healthy in 30 s:\n${started.output()}`);
}

function serverEnv(dataDir: string): Record<string, string> {
  return { DATABASE_URL: `sqlite:${join(dataDir, 'x.db')}`, CARELINE_DATA_DIR: dataDir, CARELINE_DEMO: '1', LOG_LEVEL: 'warn' };
}

/** Runs a one-shot careline command to completion. */
function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((res) => {
    const child = execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env, timeout: 30_000 }, (error, stdout, stderr) => {
      children.delete(child);
      res({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
    children.add(child);
  });
}

async function stop(server: Server): Promise<Exit> {
  server.child.kill('SIGTERM');
  const timeout = new Promise<Exit>((_, rej) => setTimeout(() => rej(new Error(`no exit 25 s after SIGTERM:\n${server.output()}`)), 25_000).unref());
  return Promise.race([server.exited, timeout]);
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'careline-e2e-'));
  dirs.push(dir);
  return dir;
}

after(() => {
  for (const child of children) child.kill('SIGKILL');
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('careline serve as a real process', { timeout: 120_000 }, () => {
  test('serves over a socket, seeds the demo once, takes CLI tokens and stops cleanly on SIGTERM', async () => {
    const dataDir = tempDir();
    const server = await startServer(dataDir);
    const env = { ...baseEnv(), ...serverEnv(dataDir) };

    const cli = await runCli(['token', 'create', '--name', 'e2e', '--role', 'admin'], env);
    assert.equal(cli.code, 0, cli.stderr);
    assert.match(cli.stdout, /^clt_[A-Za-z0-9_-]{40,}\n$/, `stdout must be exactly one token line: ${JSON.stringify(cli.stdout)}`);
    const auth = { authorization: `Bearer ${cli.stdout.trim()}` };

    const created = await fetch(`${server.base}/api/v1/tickets`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': 'e2e-1' },
      body: JSON.stringify({ subject: 'Autofill stopped working', body: 'Since Chrome 131 nothing fills in.', customer: { email: 'e2e@example.org', name: 'Eve' } }),
    });
    assert.equal(created.status, 201, await created.clone().text());
    const ticket = (await created.json()) as { reference: string; id: number };
    assert.match(ticket.reference, /^CL-[0-9A-HJKMNP-TV-Z]{8}$/);
    assert.equal(created.headers.get('location'), `/api/v1/tickets/${ticket.reference}`);
    const read = await fetch(`${server.base}/api/v1/tickets/${ticket.reference.toLowerCase()}`, { headers: auth });
    assert.equal(read.status, 200);
    const body = (await read.json()) as { id: number; messages: Array<{ text: string }> };
    assert.equal(body.id, ticket.id);
    assert.deepEqual(body.messages.map((m) => m.text), ['Since Chrome 131 nothing fills in.']);
    assert.match(read.headers.get('content-security-policy') ?? '', /default-src 'self'/);

    const list = (await (await fetch(`${server.base}/api/v1/tickets?limit=100`, { headers: auth })).json()) as { items: Array<{ channel: string; subject: string }> };
    const demoTickets = list.items.filter((t) => t.channel === 'email');
    assert.equal(demoTickets.length, 8, 'the demo workspace has its tickets');
    assert.ok(demoTickets.some((t) => t.subject === 'Charged twice for the Family plan'));

    const credentials = JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8')) as { email: string; password: string };
    const login = await fetch(`${server.base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(credentials),
    });
    assert.equal(login.status, 200, await login.clone().text());
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    assert.match(cookie, /^careline_session=/);
    const me = (await (await fetch(`${server.base}/api/v1/auth/me`, { headers: { cookie } })).json()) as { via: string; agent: { email: string; role: string } };
    assert.equal(me.via, 'session');
    assert.equal(me.agent.email, credentials.email);
    assert.equal(me.agent.role, 'admin');

    const exit = await stop(server);
    assert.deepEqual(exit, { code: 0, signal: null }, server.output());

    const again = await startServer(dataDir);
    const agents = (await (await fetch(`${again.base}/api/v1/agents`, { headers: auth })).json()) as { items: unknown[] };
    assert.equal(agents.items.length, 5, 'the demo agents were not seeded twice');
    const after = (await (await fetch(`${again.base}/api/v1/tickets?limit=100`, { headers: auth })).json()) as { items: Array<{ reference: string }> };
    assert.equal(after.items.length, list.items.length, 'the demo tickets were not seeded twice');
    assert.ok(after.items.some((t) => t.reference === ticket.reference), 'the ticket survived the restart');
    assert.deepEqual(JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8')), credentials);
    const relogin = await fetch(`${again.base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(credentials) });
    assert.equal(relogin.status, 200);
    assert.deepEqual(await stop(again), { code: 0, signal: null }, again.output());
  });

  test('a bad configuration value exits non-zero with a message naming the variable', async () => {
    const dataDir = tempDir();
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ PORT: 'abc' }, /PORT/],
      [{ PORT: '3000', SMTP_PORT: '99999' }, /SMTP_PORT/],
      [{ PORT: '3000', DATABASE_URL: 'mysql://db/careline' }, /DATABASE_URL/],
      [{ PORT: '3000', LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    ];
    const results = await Promise.all(cases.map(([extra]) => runCli(['serve'], { ...baseEnv(), ...serverEnv(dataDir), ...extra })));
    for (const [i, [extra, variable]] of cases.entries()) {
      const result = results[i]!;
      assert.notEqual(result.code, 0, JSON.stringify(extra));
      assert.match(result.stderr, variable, result.stderr);
      assert.match(result.stderr, /invalid configuration/);
      assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace for a config error');
    }
  });
});
