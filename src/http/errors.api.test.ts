import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertProblem, call, testApp, type TestApp } from '../../test/support/http.ts';
import { DIALECTS, dialectSkip } from '../../test/support/stores.ts';

const TICKET = { subject: 'Cannot log in', body: 'It says my password is wrong.', customer: { email: 'err@example.org', name: 'Erin' } };

for (const dialect of DIALECTS) {
  describe(`API errors on ${dialect}`, { skip: await dialectSkip(dialect) }, () => {
    let t: TestApp;
    let admin: { token: string };

    before(async () => {
      t = await testApp(dialect);
      t.app.get('/test/boom', { config: { access: 'public' } }, async () => {
        throw new Error('connection to 10.0.0.7 refused: password authentication failed');
      });
      admin = { token: await t.tokenFor('admin') };
    });
    after(() => t.close());

    test('an unknown route is a 404 problem, under /api/v1 and outside it', async () => {
      assertProblem(await call(t.app, 'GET', '/nope'), 404, /GET \/nope/);
      assertProblem(await call(t.app, 'GET', '/api/v1/nothing-here?x=1', { as: admin }), 404, /\/api\/v1\/nothing-here$/);
      assertProblem(await call(t.app, 'DELETE', '/api/v1/tickets', { as: admin }), 404);
    });

    test('an unknown reference is a 404 problem naming it', async () => {
      const body = assertProblem(await call(t.app, 'GET', '/api/v1/tickets/CL-ZZZZZZZZ', { as: admin }), 404, /CL-ZZZZZZZZ/);
      assert.equal(body.code, 'not_found');
      assert.equal(body.instance, '/api/v1/tickets/CL-ZZZZZZZZ');
    });

    test('malformed or mistyped bodies are 400 problems', async () => {
      assertProblem(await call(t.app, 'POST', '/api/v1/tickets', { as: admin, payload: '{"subject": "x",', headers: { 'content-type': 'application/json' } }), 400, /not valid JSON/);
      assertProblem(await call(t.app, 'POST', '/api/v1/tickets', { as: admin, payload: '', headers: { 'content-type': 'application/json' } }), 400);
      const plain = await call(t.app, 'POST', '/api/v1/tickets', { as: admin, payload: 'subject=x', headers: { 'content-type': 'text/plain' } });
      assert.ok(plain.status === 400 || plain.status === 415, plain.text);
      assertProblem(plain, plain.status);
    });

    test('an invalid body is a 400 problem that names the field', async () => {
      const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
        ['missing subject', { body: 'x', customer: { email: 'a@example.org' } }, 'subject', /required/],
        ['bad email', { ...TICKET, customer: { email: 'not an email' } }, 'customer.email', /email/],
        ['unknown field', { ...TICKET, urgency: 'very' }, 'urgency', /not a known field/],
        ['unknown customer field', { ...TICKET, customer: { email: 'a@example.org', phone: '1' } }, 'customer', /./],
        ['bad enum', { ...TICKET, priority: 'asap' }, 'priority', /low, normal, high, urgent/],
        ['bad channel', { ...TICKET, channel: 'fax' }, 'channel', /email, chat, web, social, api/],
        ['empty subject', { ...TICKET, subject: '' }, 'subject', /fewer than 1/],
        ['tags of objects', { ...TICKET, tags: [{ name: 'vip' }] }, 'tags.0', /string/],
      ];
      for (const [label, body, field, message] of cases) {
        const problem = assertProblem(await call(t.app, 'POST', '/api/v1/tickets', { as: admin, body }), 400);
        assert.equal(problem.code, 'validation_failed', label);
        assert.ok(problem.errors && field in problem.errors, `${label}: ${JSON.stringify(problem.errors)}`);
        assert.match(String(problem.errors[field]), message, label);
        assert.match(problem.detail, new RegExp(field.replace('.', '\\.')), label);
      }
      const list = await call(t.app, 'GET', '/api/v1/tickets', { as: admin });
      assert.deepEqual(list.body.items, [], 'no invalid request stored a ticket');
      const spaces = assertProblem(await call(t.app, 'POST', '/api/v1/tickets', { as: admin, body: { ...TICKET, subject: '   ' } }), 400);
      assert.deepEqual(spaces.errors, { subject: 'empty' });
    });

    test('no credentials, unknown, malformed or revoked tokens are 401 problems, before the body is read', async () => {
      assertProblem(await call(t.app, 'GET', '/api/v1/tickets'), 401);
      assertProblem(await call(t.app, 'POST', '/api/v1/tickets', { payload: '{broken', headers: { 'content-type': 'application/json' } }), 401);
      assertProblem(await call(t.app, 'GET', '/api/v1/tickets', { as: { token: 'clt_not-a-real-token' } }), 401, /unknown or revoked/);
      assertProblem(await call(t.app, 'GET', '/api/v1/tickets', { headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } }), 401, /Bearer/);
      assertProblem(await call(t.app, 'GET', '/api/v1/tickets', { headers: { cookie: 'careline_session=forged.value' } }), 401);
      const made = await call(t.app, 'POST', '/api/v1/tokens', { as: admin, body: { name: 'short-lived', role: 'agent' } });
      const token = { token: made.body.token as string };
      assert.equal((await call(t.app, 'GET', '/api/v1/tickets', { as: token })).status, 200);
      await call(t.app, 'DELETE', `/api/v1/tokens/${made.body.id}`, { as: admin });
      assertProblem(await call(t.app, 'GET', '/api/v1/tickets', { as: token }), 401, /revoked/);
    });

    test('roles are enforced with 403 problems', async () => {
      const viewer = { token: await t.tokenFor('viewer') };
      const agent = { token: await t.tokenFor('agent') };
      assertProblem(await call(t.app, 'POST', '/api/v1/tickets', { as: viewer, body: TICKET }), 403, /viewer/);
      assertProblem(await call(t.app, 'POST', '/api/v1/customers', { as: viewer, body: { email: 'v@example.org' } }), 403);
      const denied: Array<[Parameters<typeof call>[1], string, unknown?]> = [
        ['GET', '/api/v1/tokens'],
        ['POST', '/api/v1/tokens', { name: 'sneaky', role: 'admin' }],
        ['DELETE', '/api/v1/tokens/1'],
        ['POST', '/api/v1/agents', { email: 'new@careline.test', name: 'New', role: 'admin' }],
        ['PATCH', '/api/v1/agents/1', { role: 'admin' }],
        ['POST', '/api/v1/teams', { name: 'Rogue' }],
        ['GET', '/api/v1/jobs'],
        ['POST', '/api/v1/jobs/1/retry'],
        ['GET', '/api/v1/audit'],
      ];
      for (const [method, url, body] of denied) {
        const problem = assertProblem(await call(t.app, method, url, { as: agent, ...(body ? { body } : {}) }), 403);
        assert.match(problem.detail, /agent role/, `${method} ${url}`);
      }
      const tokens = await call(t.app, 'GET', '/api/v1/tokens', { as: admin });
      assert.ok(!tokens.body.items.some((x: { name: string }) => x.name === 'sneaky'));
    });

    test('an unexpected failure is a 500 problem with no stack trace and no internal message', async () => {
      const res = await call(t.app, 'GET', '/test/boom');
      const problem = assertProblem(res, 500);
      assert.equal(problem.code, 'internal');
      assert.doesNotMatch(res.text, /10\.0\.0\.7|password authentication|Error:/);
    });

    test('a body over the size limit is a 413 problem', async () => {
      const huge = JSON.stringify({ ...TICKET, body: 'x'.repeat(3 * 1024 * 1024) });
      assertProblem(await call(t.app, 'POST', '/api/v1/tickets', { as: admin, payload: huge, headers: { 'content-type': 'application/json' } }), 413);
    });
  });
}
