import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = 'bin/careline.mjs';
const HOST = '127.0.0.1';

/** A port on 127.0.0.1 that was free a moment ago (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, HOST, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('no port from the OS'))));
    });
  });
}

/** The environment a benchmarked Careline runs with: no demo, no rate limits, nothing outside 127.0.0.1. */
export function serverEnv(options: { port: number; smtpPort: number; databaseUrl: string; dataDir: string }): NodeJS.ProcessEnv {
  return {
    ...process.env,
    HOST,
    PORT: String(options.port),
    SMTP_PORT: String(options.smtpPort),
    DATABASE_URL: options.databaseUrl,
    CARELINE_DATA_DIR: options.dataDir,
    CARELINE_DEMO: '0',
    CARELINE_RATE_LIMITS: 'off',
    LOG_LEVEL: 'warn',
    PUBLIC_URL: '',
    REDIS_URL: '',
    SMTP_OUTBOUND_URL: '',
  };
}

/** A `careline serve` child process; stop() sends SIGTERM and waits, kill() is the last resort. */
export type ServerProcess = {
  readonly baseUrl: string;
  readonly pid: number;
  /** The last few kilobytes the server wrote to stderr, for error messages. */
  output(): string;
  stop(timeoutMs?: number): Promise<number | null>;
  kill(): void;
};

/** Starts `node [nodeArgs] careline serve` and resolves once GET /healthz answers 200. */
export async function startServer(env: NodeJS.ProcessEnv, nodeArgs: string[] = []): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, CLI, 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  const keep = (chunk: Buffer): void => {
    tail = (tail + chunk.toString()).slice(-8_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const running = (): boolean => child.exitCode === null && child.signalCode === null;
  const server: ServerProcess = {
    baseUrl: `http://${HOST}:${env.PORT}`,
    pid: child.pid ?? 0,
    output: () => tail,
    stop: async (timeoutMs = 30_000) => {
      if (!running()) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
    kill: () => {
      if (running()) child.kill('SIGKILL');
    },
  };
  try {
    await waitForHealth(server.baseUrl, running, 30_000);
  } catch (error) {
    server.kill();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- server output ---\n${tail}`);
  }
  return server;
}

async function waitForHealth(baseUrl: string, running: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!running()) throw new Error('careline serve exited before /healthz answered');
    try {
      const response = await fetch(`${baseUrl}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`/healthz did not answer 200 within ${timeoutMs / 1000}s`);
}

/** Runs `careline token create --role admin` against the same database and returns the token. */
export async function createAdminToken(env: NodeJS.ProcessEnv): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [CLI, 'token', 'create', '--name', 'bench', '--role', 'admin'], { cwd: ROOT, env });
  const token = stdout.trim();
  if (!token.startsWith('clt_')) throw new Error(`token create printed no token: ${JSON.stringify(stdout.slice(0, 200))}`);
  return token;
}
