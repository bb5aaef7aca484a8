import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertProblem, call, loginAs, testApp, type TestApp } from '../../test/support/http.ts';
import { DIALECTS, dialectSkip } from '../../test/support/stores.ts';

const TICKET = { subject: 'Family plan question', body: 'Can my partner join?', customer: { email: 'auth@example.org' } };

for (const dialect of DIALECTS) {
  describe(`API tokens, sessions and login on ${dialect}`, { skip: await dialectSkip(dialect) }, () => {
    let t: TestApp;
    let admin: { token: string };
    // Every test logs in from its own address so the per-IP login limit is only met where it is tested.
    let ipSeq = 0;
    const nextIp = (): string => `10.1.${dialect === 'sqlite' ? 1 : 2}.${++ipSeq}`;
    const audit = async (): Promise<Array<{ action: string; actor_id: number | null; target_id: string | null; ip: string | null }>> =>
      (await call(t.app, 'GET', '/api/v1/audit?limit=500', { as: admin })).body.items;

    before(async () => {
      t = await testApp(dialect);
      admin = { token: await t.tokenFor('admin') };
    });
    after(() => t.close());

    test('an admin creates a token whose secret is shown once; the list never shows secrets', async () => {
      const made = await call(t.app, 'POST', '/api/v1/tokens', { as: admin, body: { name: 'Zapier', role: 'viewer' } });
      assert.equal(made.status, 201, made.text);
      const secret: string = made.body.token;
      assert.match(secret, /^clt_[A-Za-z0-9_-]{40,}$/);
      assert.equal(made.body.name, 'Zapier');
      assert.equal(made.body.role, 'viewer');
      assert.equal(made.body.prefix, secret.slice(0, 10));
      assert.equal(made.body.revoked_at, null);

      const list = await call(t.app, 'GET', '/api/v1/tokens', { as: admin });
      assert.equal(list.status, 200);
      assert.ok(!list.text.includes(secret), 'the list leaks a secret');
      assert.ok(!list.text.includes(secret.slice(10)), 'the list leaks part of a secret');
      const listed = list.body.items.find((x: { id: number }) => x.id === made.body.id);
      assert.deepEqual(Object.keys(listed).sort(), ['created_at', 'id', 'last_used_at', 'name', 'prefix', 'revoked_at', 'role']);

      const me = await call(t.app, 'GET', '/api/v1/auth/me', { as: { token: secret } });
      assert.deepEqual(me.body, { name: 'Zapier', role: 'viewer', via: 'token', agent: null, totp: null, session: null, csrf_token: null });
      assertProblem(await call(t.app, 'POST', '/api/v1/tokens', { as: admin, body: { name: 'x', role: 'root' } }), 400, /role/);
      assertProblem(await call(t.app, 'POST', '/api/v1/tokens', { as: { token: secret }, body: { name: 'x', role: 'admin' } }), 403);
    });

    test('DELETE revokes a token and it stops working at once', async () => {
      const made = await call(t.app, 'POST', '/api/v1/tokens', { as: admin, body: { name: 'CI', role: 'agent' } });
      const token = { token: made.body.token as string };
      assert.equal((await call(t.app, 'POST', '/api/v1/tickets', { as: token, body: TICKET })).status, 201);
      const revoked = await call(t.app, 'DELETE', `/api/v1/tokens/${made.body.id}`, { as: admin });
      assert.equal(revoked.status, 200, revoked.text);
      assert.ok(revoked.body.revoked_at);
      assert.equal(revoked.body.token, undefined);
      assertProblem(await call(t.app, 'GET', '/api/v1/tickets', { as: token }), 401, /revoked/);
      assertProblem(await call(t.app, 'POST', '/api/v1/tickets', { as: token, body: TICKET }), 401);
      const listed = (await call(t.app, 'GET', '/api/v1/tokens', { as: admin })).body.items.find((x: { id: number }) => x.id === made.body.id);
      assert.equal(listed.revoked_at, revoked.body.revoked_at);
      assertProblem(await call(t.app, 'DELETE', `/api/v1/tokens/${made.body.id}`, { as: admin }), 404);
      assertProblem(await call(t.app, 'DELETE', '/api/v1/tokens/999999', { as: admin }), 404);
      const actions = (await audit()).filter((a) => a.target_id === String(made.body.id)).map((a) => a.action);
      assert.deepEqual(actions, ['token.revoked', 'token.created']);
    });

    test('password login sets an HttpOnly, SameSite, signed session cookie and returns the CSRF token', async () => {
      const { agent, email, password } = await t.makeAgent('agent', { name: 'Priya Raman' });
      const res = await call(t.app, 'POST', '/api/v1/auth/login', { body: { email: email.toUpperCase(), password }, ip: nextIp() });
      assert.equal(res.status, 200, res.text);
      const cookie = String(res.headers['set-cookie']);
      assert.match(cookie, /^careline_session=cls_[^;]+\.[^;]+;/);
      assert.match(cookie, /; HttpOnly/i);
      assert.match(cookie, /; SameSite=(Lax|Strict)/i);
      assert.match(cookie, /; Path=\//);
      assert.match(cookie, /; Max-Age=43200/);
      assert.equal(typeof res.body.csrf_token, 'string');
      assert.ok(res.body.csrf_token.length >= 20);
      assert.equal(res.body.agent.id, agent.id);
      assert.equal(res.body.agent.name, 'Priya Raman');
      assert.doesNotMatch(res.text, /password|hash|argon/i);
      const ttl = Date.parse(res.body.expires_at) - Date.now();
      assert.ok(ttl > 11 * 3600_000 && ttl <= 12 * 3600_000, `expires in ${ttl} ms`);

      const wrong = assertProblem(await call(t.app, 'POST', '/api/v1/auth/login', { body: { email, password: 'not-the-password' }, ip: nextIp() }), 401);
      const unknown = assertProblem(await call(t.app, 'POST', '/api/v1/auth/login', { body: { email: 'ghost@careline.test', password: 'whatever-123' }, ip: nextIp() }), 401);
      assert.equal(wrong.detail, unknown.detail, 'the error must not say whether the email exists');
      assertProblem(await call(t.app, 'POST', '/api/v1/auth/login', { body: { email }, ip: nextIp() }), 400, /password/);
    });

    test('cookie writes need the X-CSRF-Token from login; reads do not', async () => {
      const { agent, email, password } = await t.makeAgent('agent');
      const session = await loginAs(t.app, email, password, nextIp());
      const before = (await call(t.app, 'GET', '/api/v1/tickets', { as: admin })).body.items.length;

      assertProblem(await call(t.app, 'POST', '/api/v1/tickets', { as: { session, csrf: false }, body: TICKET }), 403, /CSRF/);
      assertProblem(await call(t.app, 'POST', '/api/v1/tickets', { as: { session, csrf: false }, body: TICKET, headers: { 'x-csrf-token': `${session.csrf}x` } }), 403, /CSRF/);
      const other = await t.makeAgent('agent');
      const otherSession = await loginAs(t.app, other.email, other.password, nextIp());
      assertProblem(await call(t.app, 'POST', '/api/v1/tickets', { as: { session, csrf: false }, body: TICKET, headers: { 'x-csrf-token': otherSession.csrf } }), 403, /CSRF/);
      assert.equal((await call(t.app, 'GET', '/api/v1/tickets', { as: admin })).body.items.length, before, 'a refused write stored nothing');

      const created = await call(t.app, 'POST', '/api/v1/tickets', { as: { session }, body: TICKET });
      assert.equal(created.status, 201, created.text);
      const ref: string = created.body.reference;
      assertProblem(await call(t.app, 'PATCH', `/api/v1/tickets/${ref}`, { as: { session, csrf: false }, body: { status: 'open' } }), 403);
      assertProblem(await call(t.app, 'POST', `/api/v1/tickets/${ref}/messages`, { as: { session, csrf: false }, body: { body: 'hi' } }), 403);
      const patched = await call(t.app, 'PATCH', `/api/v1/tickets/${ref}`, { as: { session }, body: { status: 'open' } });
      assert.equal(patched.status, 200, patched.text);
      assert.equal(patched.body.status, 'open');
      const read = await call(t.app, 'GET', `/api/v1/tickets/${ref}/events`, { as: { session, csrf: false } });
      assert.equal(read.status, 200);
      assert.deepEqual(read.body.items.map((e: { actor: unknown }) => e.actor), [
        { type: 'agent', id: agent.id },
        { type: 'agent', id: agent.id },
        { type: 'agent', id: agent.id },
      ]);
    });

    test('GET /auth/me says who is calling; logout ends the session', async () => {
      const { agent, email, password } = await t.makeAgent('admin', { name: 'Alex Morgan' });
      const session = await loginAs(t.app, email, password, nextIp());
      const me = await call(t.app, 'GET', '/api/v1/auth/me', { as: { session, csrf: false } });
      assert.equal(me.status, 200);
      assert.equal(me.body.via, 'session');
      assert.equal(me.body.role, 'admin');
      assert.equal(me.body.name, 'Alex Morgan');
      assert.equal(me.body.agent.id, agent.id);
      assert.equal(me.body.agent.email, email);
      // A reloaded console gets its session's CSRF token back here (same origin), instead of keeping it in storage.
      assert.equal(me.body.csrf_token, session.csrf);
      assert.equal((await call(t.app, 'POST', '/api/v1/tickets', { as: { session: { ...session, csrf: me.body.csrf_token } }, body: TICKET })).status, 201);
      assert.equal(me.headers['access-control-allow-origin'], undefined, 'no other origin may read it');
      assertProblem(await call(t.app, 'GET', '/api/v1/auth/me'), 401);

      assertProblem(await call(t.app, 'POST', '/api/v1/auth/logout', { as: { session, csrf: false } }), 403);
      assert.equal((await call(t.app, 'GET', '/api/v1/auth/me', { as: { session } })).status, 200, 'a refused logout keeps the session');
      const out = await call(t.app, 'POST', '/api/v1/auth/logout', { as: { session } });
      assert.equal(out.status, 204);
      assert.match(String(out.headers['set-cookie']), /^careline_session=;.*Expires=Thu, 01 Jan 1970/);
      assertProblem(await call(t.app, 'GET', '/api/v1/auth/me', { as: { session } }), 401);
      assertProblem(await call(t.app, 'POST', '/api/v1/tickets', { as: { session }, body: TICKET }), 401);
    });

    test('five wrong passwords lock the account (423 even with the right one), all audited', async () => {
      const { agent, email, password } = await t.makeAgent('agent');
      const ip = nextIp();
      for (let i = 0; i < 5; i++) assertProblem(await call(t.app, 'POST', '/api/v1/auth/login', { body: { email, password: `wrong-password-${i}` }, ip }), 401);
      const locked = assertProblem(await call(t.app, 'POST', '/api/v1/auth/login', { body: { email, password }, ip: nextIp() }), 423, /locked/);
      assert.equal(locked.code, 'locked');
      assert.equal(locked.title, 'Locked');

      const mine = (await audit()).filter((a) => a.actor_id === agent.id).map((a) => a.action).reverse();
      assert.deepEqual(mine, ['login.failed', 'login.failed', 'login.failed', 'login.failed', 'login.lockout', 'login.locked']);
      assert.equal((await audit()).find((a) => a.actor_id === agent.id && a.action === 'login.lockout')!.ip, ip);

      const agentToken = { token: await t.tokenFor('agent') };
      assertProblem(await call(t.app, 'GET', '/api/v1/audit', { as: agentToken }), 403);

      const reset = await call(t.app, 'PATCH', `/api/v1/agents/${agent.id}`, { as: admin, body: { password: 'a-brand-new-password' } });
      assert.equal(reset.status, 200, reset.text);
      const session = await loginAs(t.app, email, 'a-brand-new-password', nextIp());
      assert.equal(session.agentId, agent.id);
    });

    test('login is limited to 10 attempts a minute per IP with a 429 problem; other IPs are unaffected', async () => {
      const ip = '10.200.0.1';
      const attempt = (from: string, headers: Record<string, string> = {}) =>
        call(t.app, 'POST', '/api/v1/auth/login', { body: { email: 'nobody@careline.test', password: 'guess-guess-guess' }, ip: from, headers });
      for (let i = 0; i < 10; i++) assertProblem(await attempt(ip), 401);
      const limited = await attempt(ip);
      const problem = assertProblem(limited, 429);
      assert.equal(problem.code, 'rate_limited');
      assert.ok(Number(limited.headers['retry-after']) > 0);
      assertProblem(await attempt(ip, { authorization: 'Bearer anything-at-all-123456' }), 429);
      assertProblem(await attempt(ip, { authorization: 'Bearer something-else-7890123' }), 429);
      assertProblem(await attempt('10.200.0.2'), 401);
      const { email, password } = await t.makeAgent('agent');
      assertProblem(await call(t.app, 'POST', '/api/v1/auth/login', { body: { email, password }, ip }), 429);
    });
  });
}
