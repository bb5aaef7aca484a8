import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import { markIdentityBouncing } from '../modules/customers/index.ts';
import { hashSecret } from '../kernel/ids.ts';
import { assertProblem, call, loginAs, testApp, type Reply, type Session, type TestApp } from '../../test/support/http.ts';
import { DIALECTS, dialectSkip } from '../../test/support/stores.ts';

/** The code an authenticator app would show for an otpauth:// URL, `ahead` time steps from now. */
const appCode = (otpauthUrl: string, ahead = 0): string => {
  const secret = new URL(otpauthUrl).searchParams.get('secret')!;
  return new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + ahead * 30_000 });
};

for (const dialect of DIALECTS) {
  describe(`agent console API on ${dialect}`, { skip: await dialectSkip(dialect) }, () => {
    let t: TestApp;
    let admin: { token: string };
    let ip = 0;
    const nextIp = (): string => `10.9.${Math.floor(++ip / 200)}.${ip % 200}`;
    let seq = 0;
    const email = (label: string): string => `${label}-${++seq}-${dialect}@example.org`;
    const ticket = async (over: Record<string, unknown> = {}): Promise<Reply['body']> => {
      const res = await call(t.app, 'POST', '/api/v1/tickets', { as: admin, body: { subject: `Vault locked ${++seq}`, body: 'It spins forever on unlock.', customer: { email: email('c'), name: 'Cam Lee' }, ...over } });
      assert.equal(res.status, 201, res.text);
      return res.body;
    };
    const login = (body: Record<string, unknown>) => call(t.app, 'POST', '/api/v1/auth/login', { body, ip: nextIp() });
    const sessionOf = (res: Reply): Session => ({ cookie: String(res.headers['set-cookie']).split(';')[0]!, csrf: res.body.csrf_token, agentId: res.body.agent.id, setCookie: String(res.headers['set-cookie']) });
    before(async () => {
      t = await testApp(dialect);
      admin = { token: await t.tokenFor('admin') };
    });
    after(() => t.close());

    test('two-factor: enrol with a session, then logins need a fresh code; bad codes change nothing; me shows it', async () => {
      const { agent, email: mail, password } = await t.makeAgent('agent');
      const session = await loginAs(t.app, mail, password, nextIp());
      assertProblem(await call(t.app, 'POST', '/api/v1/auth/totp/setup', { as: admin }), 400, /log in with a password/);
      const setup = await call(t.app, 'POST', '/api/v1/auth/totp/setup', { as: { session } });
      assert.equal(setup.status, 200, setup.text);
      assert.match(setup.body.otpauth_url, /^otpauth:\/\/totp\/Careline:/);
      assert.equal(new URL(setup.body.otpauth_url).searchParams.get('secret'), setup.body.secret);
      assertProblem(await call(t.app, 'POST', '/api/v1/auth/totp/enable', { as: { session }, body: { code: '000000' } }), 400, /not correct/);
      assertProblem(await call(t.app, 'POST', '/api/v1/auth/totp/enable', { as: { session }, body: { code: 123456 } }), 400);
      assertProblem(await call(t.app, 'POST', '/api/v1/auth/totp/enable', { as: { session, csrf: false }, body: { code: appCode(setup.body.otpauth_url) } }), 403, /CSRF/);
      assert.equal((await call(t.app, 'GET', '/api/v1/auth/me', { as: { session } })).body.totp.enabled, false, 'nothing changed');

      const enabled = await call(t.app, 'POST', '/api/v1/auth/totp/enable', { as: { session }, body: { code: appCode(setup.body.otpauth_url) } });
      assert.equal(enabled.status, 200, enabled.text);
      const renewed = sessionOf(enabled);
      assert.notEqual(renewed.cookie, session.cookie, 'a new session after the change');
      assertProblem(await call(t.app, 'GET', '/api/v1/auth/me', { as: { session } }), 401);
      const me = await call(t.app, 'GET', '/api/v1/auth/me', { as: { session: renewed } });
      assert.deepEqual({ totp: me.body.totp, session: me.body.session }, { totp: { enabled: true, required: false }, session: { idle_timeout_seconds: 7200, max_age_seconds: 43200 } });

      const needed = assertProblem(await login({ email: mail, password }), 401);
      assert.equal(needed.code, 'totp_required');
      assert.equal(assertProblem(await login({ email: mail, password, totp_code: '999999' }), 401, /not correct/).code, 'totp_required');
      const code = appCode(setup.body.otpauth_url, 1);
      const ok = await login({ email: mail, password, totp_code: code });
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.body.agent.id, agent.id);
      assert.equal(assertProblem(await login({ email: mail, password, totp_code: code }), 401).code, 'totp_required', 'a code works once');
      assert.equal(assertProblem(await login({ email: mail, password: 'wrong password', totp_code: appCode(setup.body.otpauth_url) }), 401).code, 'unauthorized');

      const row = await t.deps.store.db.selectFrom('agents').select(['totp_secret']).where('id', '=', agent.id).executeTakeFirstOrThrow();
      assert.ok(row.totp_secret && !row.totp_secret.includes(setup.body.secret), 'the secret is stored encrypted');
      const actions = (await t.deps.store.db.selectFrom('audit_log').select('action').where('actor_id', '=', agent.id).where('action', 'like', 'totp.%').execute()).map((r) => r.action).sort();
      assert.deepEqual(actions, ['totp.enable_failed', 'totp.enabled', 'totp.setup_started']);
    });

    test('an admin requires two-factor: agents without it enrol with a setup token that opens nothing else; admins reset it', async () => {
      const { agent: a, email: mail, password } = await t.makeAgent('agent');
      const agentSession = await loginAs(t.app, mail, password, nextIp());
      assertProblem(await call(t.app, 'PUT', '/api/v1/admin/security', { as: { session: agentSession }, body: { require_totp: true } }), 403);
      assertProblem(await call(t.app, 'PUT', '/api/v1/admin/security', { as: admin, body: { require_totp: 'yes' } }), 400);
      assert.equal((await call(t.app, 'GET', '/api/v1/admin/security', { as: admin })).body.require_totp, false);
      const put = await call(t.app, 'PUT', '/api/v1/admin/security', { as: admin, body: { require_totp: true } });
      assert.equal(put.status, 200, put.text);
      assert.equal(put.body.require_totp, true);
      try {
        const problem = assertProblem(await login({ email: mail, password }), 401, /requires two-factor/);
        assert.equal(problem.code, 'totp_setup_required');
        const token = problem.errors.setup_token as string;
        assert.match(token, /^clt_/);
        assertProblem(await call(t.app, 'GET', '/api/v1/tickets', { headers: { authorization: `Bearer ${token}` } }), 401, /token is unknown/);
        assertProblem(await call(t.app, 'POST', '/api/v1/auth/totp/enrol/setup', { body: { setup_token: 'clt_not-a-real-token' } }), 401, /setup token/);
        const setup = await call(t.app, 'POST', '/api/v1/auth/totp/enrol/setup', { body: { setup_token: token } });
        assert.equal(setup.status, 200, setup.text);
        assertProblem(await call(t.app, 'POST', '/api/v1/auth/totp/enrol/enable', { body: { setup_token: token, code: '000000' } }), 400);
        const enrolled = await call(t.app, 'POST', '/api/v1/auth/totp/enrol/enable', { body: { setup_token: token, code: appCode(setup.body.otpauth_url) } });
        assert.equal(enrolled.status, 200, enrolled.text);
        const me = await call(t.app, 'GET', '/api/v1/auth/me', { as: { session: sessionOf(enrolled) } });
        assert.deepEqual(me.body.totp, { enabled: true, required: true });
        assertProblem(await call(t.app, 'POST', '/api/v1/auth/totp/enrol/setup', { body: { setup_token: token } }), 401, /setup token/); // spent

        assertProblem(await call(t.app, 'DELETE', `/api/v1/agents/${a.id}/totp`, { as: { session: agentSession } }), 403);
        assertProblem(await call(t.app, 'DELETE', '/api/v1/agents/999999/totp', { as: admin }), 404);
        assert.equal((await call(t.app, 'DELETE', `/api/v1/agents/${a.id}/totp`, { as: admin })).status, 204);
        assert.equal(assertProblem(await login({ email: mail, password }), 401).code, 'totp_setup_required');
      } finally {
        await call(t.app, 'PUT', '/api/v1/admin/security', { as: admin, body: { require_totp: false } });
      }
    });

    test('a session unused for two hours ends with 401', async () => {
      const { email: mail, password } = await t.makeAgent('viewer');
      const session = await loginAs(t.app, mail, password, nextIp());
      assert.equal((await call(t.app, 'GET', '/api/v1/auth/me', { as: { session } })).status, 200);
      const id = decodeURIComponent(session.cookie.split('=')[1]!).replace(/\.[^.]+$/, '');
      const idle = new Date(Date.now() - 2 * 60 * 60 * 1000 - 1000).toISOString();
      const updated = await t.deps.store.db.updateTable('sessions').set({ last_seen_at: idle }).where('id_hash', '=', hashSecret(id)).executeTakeFirst();
      assert.equal(Number(updated.numUpdatedRows), 1);
      assertProblem(await call(t.app, 'GET', '/api/v1/auth/me', { as: { session } }), 401);
    });

    test('counts, assignee=me, customer_id and full-text q on the ticket list', async () => {
      const { agent, email: mail, password } = await t.makeAgent('agent');
      const session = await loginAs(t.app, mail, password, nextIp());
      const before = (await call(t.app, 'GET', '/api/v1/tickets/counts', { as: { session } })).body;
      const mine = await ticket({ assignee_id: agent.id, channel: 'chat', subject: `Autofill broke on Firefox ${dialect}` });
      const customerId = mine.customer.id as number;
      const second = await ticket({ customer: { id: customerId }, body: `Crash code W-${dialect}-5521 on start` });
      const counts = await call(t.app, 'GET', '/api/v1/tickets/counts', { as: { session } });
      assert.equal(counts.status, 200, counts.text);
      assert.equal(counts.body.views.mine - before.views.mine, 1);
      assert.equal(counts.body.views.open - before.views.open, 2);
      assert.equal(counts.body.by_channel.chat - before.by_channel.chat, 1);
      assert.deepEqual(Object.keys(counts.body.by_status), ['new', 'open', 'pending', 'on_hold', 'solved', 'closed']);
      assert.equal((await call(t.app, 'GET', '/api/v1/tickets/counts', { as: admin })).body.views.mine, null);
      const refs = async (query: string) => {
        const res = await call(t.app, 'GET', `/api/v1/tickets?${query}`, { as: { session } });
        assert.equal(res.status, 200, res.text);
        return res.body.items.map((i: { reference: string }) => i.reference).sort();
      };
      assert.deepEqual(await refs('assignee=me'), [mine.reference]);
      assert.deepEqual(await refs(`customer_id=${customerId}`), [mine.reference, second.reference].sort());
      assert.deepEqual(await refs(`q=${encodeURIComponent(`autofill broke on firefox ${dialect}`)}`), [mine.reference]);
      assert.deepEqual(await refs(`q=${encodeURIComponent(`W-${dialect}-5521`)}`), [second.reference]);
      assert.deepEqual(await refs(`q=${encodeURIComponent(mine.customer.email)}`), [mine.reference, second.reference].sort());
      assertProblem(await call(t.app, 'GET', '/api/v1/tickets?customer_id=abc', { as: admin }), 400);
      assertProblem(await call(t.app, 'GET', `/api/v1/tickets?q=${'x'.repeat(201)}`, { as: admin }), 400);
      assertProblem(await call(t.app, 'GET', '/api/v1/tickets/counts'), 401);
    });

    test('macros: CRUD with validation, and applying one sets fields (in the history) and returns the rendered reply', async () => {
      const { agent, email: mail, password } = await t.makeAgent('agent', { name: 'Robin Park' });
      const session = await loginAs(t.app, mail, password, nextIp());
      const viewer = { token: await t.tokenFor('viewer') };
      const body = { title: `Password reset steps ${dialect}`, body: 'Hi {{customer.first_name | there}},\n\nreset it at vaultly.example/reset ({{ticket.reference}}).\n\n{{agent.first_name}}', actions: { status: 'pending', assignee: 'me', add_tags: ['password'] } };
      assertProblem(await call(t.app, 'POST', '/api/v1/macros', { as: viewer, body }), 403);
      assertProblem(await call(t.app, 'POST', '/api/v1/macros', { as: { session }, body: { ...body, body: 'Hi {{customer.password}}' } }), 400, /customer\.password/);
      assertProblem(await call(t.app, 'POST', '/api/v1/macros', { as: { session }, body: { ...body, actions: { status: 'done' } } }), 400);
      assertProblem(await call(t.app, 'POST', '/api/v1/macros', { as: { session }, body: { ...body, extra: 1 } }), 400);
      const made = await call(t.app, 'POST', '/api/v1/macros', { as: { session }, body });
      assert.equal(made.status, 201, made.text);
      assert.equal(made.headers.location, `/api/v1/macros/${made.body.id}`);
      assert.deepEqual(made.body.actions, { status: 'pending', assignee: 'me', add_tags: ['password'] });
      assertProblem(await call(t.app, 'POST', '/api/v1/macros', { as: { session }, body }), 409);
      assert.ok((await call(t.app, 'GET', '/api/v1/macros', { as: viewer })).body.items.some((m: { id: number }) => m.id === made.body.id));
      assertProblem(await call(t.app, 'PATCH', `/api/v1/macros/${made.body.id}`, { as: { session }, body: {} }), 400);
      const patched = await call(t.app, 'PATCH', `/api/v1/macros/${made.body.id}`, { as: { session }, body: { actions: { status: 'pending', assignee: 'me', add_tags: ['password'], priority: 'high' } } });
      assert.equal(patched.status, 200, patched.text);

      const target = await ticket({ customer: { email: email('macro'), name: 'Ines <i>Moreau</i>' } });
      const applied = await call(t.app, 'POST', `/api/v1/tickets/${target.reference.toLowerCase()}/macros/${made.body.id}/apply`, { as: { session } });
      assert.equal(applied.status, 200, applied.text);
      assert.equal(applied.body.ticket.status, 'pending');
      assert.equal(applied.body.ticket.priority, 'high');
      assert.equal(applied.body.ticket.assignee_id, agent.id);
      assert.deepEqual(applied.body.ticket.tags, ['password']);
      assert.equal(applied.body.text, `Hi Ines,\n\nreset it at vaultly.example/reset (${target.reference}).\n\nRobin`);
      assert.equal(applied.body.html, `<p>Hi Ines,</p>\n<p>reset it at vaultly.example/reset (${target.reference}).</p>\n<p>Robin</p>`);
      const events = (await call(t.app, 'GET', `/api/v1/tickets/${target.reference}/events`, { as: admin })).body.items;
      assert.deepEqual(events.filter((e: { type: string }) => e.type === 'ticket.updated').map((e: { actor: unknown }) => e.actor), [{ type: 'agent', id: agent.id }]);
      assert.equal((await call(t.app, 'GET', `/api/v1/tickets/${target.reference}/messages`, { as: admin })).body.items.length, 1, 'nothing was sent');

      assertProblem(await call(t.app, 'POST', `/api/v1/tickets/${target.reference}/macros/999999/apply`, { as: { session } }), 404);
      assertProblem(await call(t.app, 'POST', `/api/v1/tickets/CL-00000000/macros/${made.body.id}/apply`, { as: { session } }), 404);
      assertProblem(await call(t.app, 'POST', `/api/v1/tickets/${target.reference}/macros/${made.body.id}/apply`, { as: viewer }), 403);
      assert.equal((await call(t.app, 'DELETE', `/api/v1/macros/${made.body.id}`, { as: { session } })).status, 204);
      assertProblem(await call(t.app, 'GET', `/api/v1/macros/${made.body.id}`, { as: { session } }), 404);
    });

    test('merge: same customer only (409 otherwise), the target comes back, a retry is harmless, bad input changes nothing', async () => {
      const first = await ticket();
      const second = await ticket({ customer: { id: first.customer.id } });
      const stranger = await ticket();
      assertProblem(await call(t.app, 'POST', `/api/v1/tickets/${second.reference}/merge`, { as: admin, body: { into: stranger.reference } }), 409, /same customer/);
      assertProblem(await call(t.app, 'POST', `/api/v1/tickets/${second.reference}/merge`, { as: admin, body: {} }), 400);
      assertProblem(await call(t.app, 'POST', `/api/v1/tickets/${second.reference}/merge`, { as: admin, body: { into: second.reference } }), 400, /itself/);
      assertProblem(await call(t.app, 'POST', `/api/v1/tickets/${second.reference}/merge`, { as: { token: await t.tokenFor('viewer') }, body: { into: first.reference } }), 403);
      assert.equal((await call(t.app, 'GET', `/api/v1/tickets/${second.reference}`, { as: admin })).body.status, 'new');
      const merged = await call(t.app, 'POST', `/api/v1/tickets/${second.reference}/merge`, { as: admin, body: { into: first.reference } });
      assert.equal(merged.status, 200, merged.text);
      assert.equal(merged.body.reference, first.reference);
      const again = await call(t.app, 'POST', `/api/v1/tickets/${second.reference}/merge`, { as: admin, body: { into: first.reference } });
      assert.equal(again.status, 200);
      const target = (await call(t.app, 'GET', `/api/v1/tickets/${first.reference}`, { as: admin })).body;
      assert.deepEqual(target.messages.map((m: { author: { type: string } }) => m.author.type), ['customer', 'customer', 'system']);
      const source = (await call(t.app, 'GET', `/api/v1/tickets/${second.reference}`, { as: admin })).body;
      assert.equal(source.status, 'closed');
      assert.match(source.messages[0].text, new RegExp(`Merged into ${first.reference}`));
      const sourceEvents = (await call(t.app, 'GET', `/api/v1/tickets/${second.reference}/events`, { as: admin })).body.items.map((e: { type: string }) => e.type);
      assert.ok(sourceEvents.includes('ticket.merged'));
    });

    test('the customer sidebar: identities with verified and bouncing flags, and the previous tickets', async () => {
      const made = await ticket({ customer: { email: email('bouncy'), name: 'Bo Bounce' } });
      await t.deps.uow((work) => markIdentityBouncing(work, { kind: 'email', value: made.customer.email }, '550 5.1.1 mailbox unavailable'));
      const customer = await call(t.app, 'GET', `/api/v1/customers/${made.customer.id}`, { as: { token: await t.tokenFor('viewer') } });
      assert.equal(customer.status, 200, customer.text);
      assert.equal(customer.body.identities.length, 1);
      const identity = customer.body.identities[0];
      assert.deepEqual({ ...identity, bouncing_since: typeof identity.bouncing_since }, { kind: 'email', value: made.customer.email, verified: false, bouncing: true, bouncing_since: 'string', bounce_reason: '550 5.1.1 mailbox unavailable' });
      const previous = await call(t.app, 'GET', `/api/v1/tickets?customer_id=${made.customer.id}`, { as: admin });
      assert.deepEqual(previous.body.items.map((i: { reference: string }) => i.reference), [made.reference]);
    });

    test('the OpenAPI document describes the console endpoints', async () => {
      const doc = (await call(t.app, 'GET', '/api/openapi.json')).body;
      for (const path of ['/api/v1/tickets/counts', '/api/v1/tickets/{reference}/merge', '/api/v1/macros', '/api/v1/macros/{id}', '/api/v1/tickets/{reference}/macros/{id}/apply', '/api/v1/auth/totp/setup', '/api/v1/auth/totp/enable', '/api/v1/auth/totp/enrol/setup', '/api/v1/auth/totp/enrol/enable', '/api/v1/admin/security', '/api/v1/agents/{id}/totp']) {
        assert.ok(doc.paths[path], path);
      }
    });
  });
}
