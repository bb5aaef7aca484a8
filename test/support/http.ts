import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, HTTPMethods } from 'fastify';
import { buildApp } from '../../src/app.ts';
import type { Deps } from '../../src/deps.ts';
import { createAgent, createToken, type Agent, type Role } from '../../src/modules/identity/index.ts';
import type { Dialect } from '../../src/store/database.ts';
import { testDeps } from './builders.ts';

/** A fresh app over a fresh store, with an API token per role and one teardown. */
export type TestApp = {
  app: FastifyInstance;
  deps: Deps;
  /** An API token of the role, made once per app. */
  tokenFor(role: Role): Promise<string>;
  /** A new agent with a password, for cookie-session tests. */
  makeAgent(role: Role, over?: { teamIds?: number[]; name?: string }): Promise<{ agent: Agent; email: string; password: string }>;
  close(): Promise<void>;
};

let agentSeq = 0;

/** Builds the app the way `careline serve` does (rate limits on), minus listen(). */
export async function testApp(dialect: Dialect, env: Record<string, string> = {}): Promise<TestApp> {
  const deps = await testDeps(dialect, env);
  const app = await buildApp(deps);
  const tokens = new Map<Role, Promise<string>>();
  const now = (): string => deps.clock.now().toISOString();
  return {
    app,
    deps,
    tokenFor(role) {
      if (!tokens.has(role)) tokens.set(role, createToken(deps.store.db, `test ${role}`, role, now()).then((t) => t.token));
      return tokens.get(role)!;
    },
    async makeAgent(role, over = {}) {
      agentSeq++;
      const email = `${role}${agentSeq}-${process.pid}@careline.test`;
      const password = `pw-${randomBytes(9).toString('base64url')}`;
      const agent = await createAgent(deps.store.db, { email, name: over.name ?? `${role} ${agentSeq}`, role, password, teamIds: over.teamIds ?? [] }, now());
      return { agent, email, password };
    },
    async close() {
      await app.close();
      await deps.close();
    },
  };
}

/** A logged-in agent: the session cookie to send back and the CSRF token for writes. */
export type Session = { cookie: string; csrf: string; agentId: number; setCookie: string };

/** Who makes a request: an API token, a session (with or without its CSRF header), or nobody. */
export type Caller = { token: string } | { session: Session; csrf?: boolean } | null;

export type CallOptions = { as?: Caller; body?: unknown; payload?: string; headers?: Record<string, string>; ip?: string };

/** A response with its JSON parsed; tests read fields freely, so the body is loosely typed. */
export type Reply = {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  text: string;
};

/** One request through app.inject(): no socket, the full hook and error pipeline. */
export async function call(app: FastifyInstance, method: HTTPMethods, url: string, options: CallOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  const as = options.as ?? null;
  if (as && 'token' in as) headers.authorization = `Bearer ${as.token}`;
  if (as && 'session' in as) {
    headers.cookie = as.session.cookie;
    if (as.csrf !== false) headers['x-csrf-token'] = as.session.csrf;
  }
  let payload = options.payload;
  if (options.body !== undefined) {
    payload = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await app.inject({ method, url, headers, ...(payload !== undefined ? { payload } : {}), ...(options.ip ? { remoteAddress: options.ip } : {}) });
  const type = String(res.headers['content-type'] ?? '');
  return { status: res.statusCode, headers: res.headers, body: /json/.test(type) && res.body ? JSON.parse(res.body) : undefined, text: res.body };
}

/** Logs an agent in with a password; throws with the problem when it fails. */
export async function loginAs(app: FastifyInstance, email: string, password: string, ip?: string): Promise<Session> {
  const res = await call(app, 'POST', '/api/v1/auth/login', { body: { email, password }, ...(ip ? { ip } : {}) });
  if (res.status !== 200) throw new Error(`login as ${email} failed: ${res.status} ${res.text}`);
  const setCookie = String(res.headers['set-cookie']);
  return { cookie: setCookie.split(';')[0]!, csrf: res.body.csrf_token as string, agentId: res.body.agent.id as number, setCookie };
}

/** Asserts a problem+json error: the status, title and detail, and no stack trace; returns the body. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function assertProblem(res: Reply, status: number, detail?: RegExp): any {
  const where = `${res.status} ${res.text.slice(0, 500)}`;
  assert.equal(res.status, status, where);
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/, where);
  assert.equal(res.body.status, status, where);
  assert.equal(typeof res.body.title, 'string', where);
  assert.ok(res.body.title.length > 0, where);
  assert.equal(typeof res.body.detail, 'string', where);
  assert.doesNotMatch(res.text, /\bat .+\.(ts|js):\d+|node_modules|"stack"/, where);
  if (detail) assert.match(res.body.detail, detail, where);
  return res.body;
}
