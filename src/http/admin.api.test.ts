import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertProblem, call, loginAs, testApp, type TestApp } from '../../test/support/http.ts';
import { DIALECTS, dialectSkip } from '../../test/support/stores.ts';

for (const dialect of DIALECTS) {
  describe(`agents, teams, jobs and audit API on ${dialect}`, { skip: await dialectSkip(dialect) }, () => {
    let t: TestApp;
    let admin: { token: string };
    let agent: { token: string };
    let ipSeq = 0;
    const nextIp = (): string => `10.2.${dialect === 'sqlite' ? 1 : 2}.${++ipSeq}`;

    before(async () => {
      t = await testApp(dialect);
      admin = { token: await t.tokenFor('admin') };
      agent = { token: await t.tokenFor('agent') };
    });
    after(() => t.close());

    test('an admin creates teams; an agent may list them but not create one', async () => {
      const made = await call(t.app, 'POST', '/api/v1/teams', { as: admin, body: { name: 'Tier 2 Support' } });
      assert.equal(made.status, 201, made.text);
      assert.equal(made.body.name, 'Tier 2 Support');
      assert.equal(made.body.slug, 'tier-2-support');
      assertProblem(await call(t.app, 'POST', '/api/v1/teams', { as: admin, body: { name: 'tier 2 support!' } }), 409);
      assertProblem(await call(t.app, 'POST', '/api/v1/teams', { as: admin, body: { name: '!!!' } }), 400);
      assertProblem(await call(t.app, 'POST', '/api/v1/teams', { as: agent, body: { name: 'Rogue' } }), 403);
      const list = await call(t.app, 'GET', '/api/v1/teams', { as: agent });
      assert.equal(list.status, 200);
      assert.deepEqual(list.body.items.map((x: { slug: string }) => x.slug), ['tier-2-support']);
    });

    test('an admin creates agents with teams; an agent cannot; passwords never come back', async () => {
      const billing = (await call(t.app, 'POST', '/api/v1/teams', { as: admin, body: { name: 'Billing' } })).body;
      const security = (await call(t.app, 'POST', '/api/v1/teams', { as: admin, body: { name: 'Security' } })).body;
      const res = await call(t.app, 'POST', '/api/v1/agents', {
        as: admin,
        body: { email: 'Jordan.Lee@Vaultly.example', name: 'Jordan Lee', role: 'agent', password: 'correct horse battery', team_ids: [security.id, billing.id] },
      });
      assert.equal(res.status, 201, res.text);
      assert.equal(res.body.email, 'jordan.lee@vaultly.example');
      assert.equal(res.body.role, 'agent');
      assert.equal(res.body.active, true);
      assert.deepEqual(res.body.team_ids, [billing.id, security.id].sort((a, b) => a - b));
      assert.doesNotMatch(res.text, /password|correct horse/);

      const got = await call(t.app, 'GET', `/api/v1/agents/${res.body.id}`, { as: agent });
      assert.deepEqual(got.body, res.body);
      const list = await call(t.app, 'GET', '/api/v1/agents', { as: { token: await t.tokenFor('viewer') } });
      assert.ok(list.body.items.some((a: { id: number }) => a.id === res.body.id));
      assert.doesNotMatch(list.text, /password|argon/);

      const session = await loginAs(t.app, 'jordan.lee@vaultly.example', 'correct horse battery', nextIp());
      assert.equal(session.agentId, res.body.id);

      assertProblem(await call(t.app, 'POST', '/api/v1/agents', { as: agent, body: { email: 'x@vaultly.example', name: 'X', role: 'admin' } }), 403);
      assertProblem(await call(t.app, 'POST', '/api/v1/agents', { as: { session }, body: { email: 'y@vaultly.example', name: 'Y', role: 'admin' } }), 403);
      assertProblem(await call(t.app, 'PATCH', `/api/v1/agents/${res.body.id}`, { as: { session }, body: { role: 'admin' } }), 403);
      assertProblem(await call(t.app, 'POST', '/api/v1/agents', { as: admin, body: { email: 'jordan.lee@vaultly.example', name: 'Again', role: 'agent' } }), 409);
      assertProblem(await call(t.app, 'POST', '/api/v1/agents', { as: admin, body: { email: 'z@vaultly.example', name: 'Z', role: 'agent', team_ids: [999_999] } }), 400, /team/);
      assertProblem(await call(t.app, 'POST', '/api/v1/agents', { as: admin, body: { email: 'z@vaultly.example', name: 'Z', role: 'agent', password: 'short' } }), 400, /password/);
      assertProblem(await call(t.app, 'POST', '/api/v1/agents', { as: admin, body: { email: 'z@vaultly.example', name: 'Z', role: 'owner' } }), 400, /role/);
      assertProblem(await call(t.app, 'GET', '/api/v1/agents/999999', { as: admin }), 404);
      const z = await call(t.app, 'GET', '/api/v1/agents', { as: admin });
      assert.ok(!z.body.items.some((a: { email: string }) => a.email === 'z@vaultly.example'), 'a failed create stored nothing');
    });

    test('changing an agent: role and teams apply at once; deactivating ends their sessions and logins', async () => {
      const team = (await call(t.app, 'POST', '/api/v1/teams', { as: admin, body: { name: 'Night shift' } })).body;
      const { agent: who, email, password } = await t.makeAgent('viewer');
      const session = await loginAs(t.app, email, password, nextIp());
      const body = { subject: 'Hello', body: 'x', customer: { email: 'deact@example.org' } };
      assertProblem(await call(t.app, 'POST', '/api/v1/tickets', { as: { session }, body }), 403);

      const promoted = await call(t.app, 'PATCH', `/api/v1/agents/${who.id}`, { as: admin, body: { role: 'agent', team_ids: [team.id], name: 'Vic Alvarez' } });
      assert.equal(promoted.status, 200, promoted.text);
      assert.equal(promoted.body.role, 'agent');
      assert.equal(promoted.body.name, 'Vic Alvarez');
      assert.deepEqual(promoted.body.team_ids, [team.id]);
      assert.equal((await call(t.app, 'POST', '/api/v1/tickets', { as: { session }, body })).status, 201, 'the new role applies to the open session');

      const off = await call(t.app, 'PATCH', `/api/v1/agents/${who.id}`, { as: admin, body: { active: false } });
      assert.equal(off.status, 200);
      assert.equal(off.body.active, false);
      assertProblem(await call(t.app, 'GET', '/api/v1/auth/me', { as: { session } }), 401);
      assertProblem(await call(t.app, 'POST', '/api/v1/tickets', { as: { session }, body }), 401);
      assertProblem(await call(t.app, 'POST', '/api/v1/auth/login', { body: { email, password }, ip: nextIp() }), 401);
      const reactivated = await call(t.app, 'PATCH', `/api/v1/agents/${who.id}`, { as: admin, body: { active: true } });
      assert.equal(reactivated.body.active, true);
      assertProblem(await call(t.app, 'GET', '/api/v1/auth/me', { as: { session } }), 401, undefined);
      const fresh = await loginAs(t.app, email, password, nextIp());
      assert.equal((await call(t.app, 'GET', '/api/v1/auth/me', { as: { session: fresh } })).body.agent.id, who.id);

      const changes = (await call(t.app, 'GET', '/api/v1/audit', { as: admin })).body.items.filter((a: { action: string; target_id: string }) => a.action === 'agent.updated' && a.target_id === String(who.id));
      assert.deepEqual(changes.map((a: { data: { fields: string[] } }) => a.data.fields).reverse(), [['role', 'team_ids', 'name'], ['active'], ['active']]);
      assertProblem(await call(t.app, 'PATCH', `/api/v1/agents/${who.id}`, { as: admin, body: {} }), 400);
      assertProblem(await call(t.app, 'PATCH', '/api/v1/agents/999999', { as: admin, body: { active: false } }), 404);
    });

    test('a job that always fails goes dead, is listed with its error, and retry queues it again', async () => {
      t.deps.jobs.register('test.always-fails', async () => {
        throw new Error('SMTP 550: mailbox unavailable');
      });
      const id = await t.deps.jobs.enqueue(t.deps.store.db, { type: 'test.always-fails', payload: { to: 'x@example.org' }, maxAttempts: 1 });
      assert.ok(id);
      assert.equal(await t.deps.jobs.runDue(), 1);

      const dead = await call(t.app, 'GET', '/api/v1/jobs?status=dead', { as: admin });
      assert.equal(dead.status, 200, dead.text);
      const job = dead.body.items.find((j: { id: number }) => j.id === id);
      assert.ok(job, dead.text);
      assert.equal(job.type, 'test.always-fails');
      assert.equal(job.status, 'dead');
      assert.equal(job.attempts, 1);
      assert.equal(job.max_attempts, 1);
      assert.equal(job.last_error, 'SMTP 550: mailbox unavailable');
      const queuedBefore = await call(t.app, 'GET', '/api/v1/jobs?status=queued', { as: admin });
      assert.ok(!queuedBefore.body.items.some((j: { id: number }) => j.id === id));

      const retried = await call(t.app, 'POST', `/api/v1/jobs/${id}/retry`, { as: admin });
      assert.equal(retried.status, 200, retried.text);
      assert.equal(retried.body.id, id);
      assert.equal(retried.body.status, 'queued');
      assert.equal(retried.body.attempts, 0);
      const queued = await call(t.app, 'GET', '/api/v1/jobs?status=queued', { as: admin });
      assert.ok(queued.body.items.some((j: { id: number }) => j.id === id));
      assert.ok(!(await call(t.app, 'GET', '/api/v1/jobs?status=dead', { as: admin })).body.items.some((j: { id: number }) => j.id === id));

      assert.equal(await t.deps.jobs.runDue(), 1);
      const again = (await call(t.app, 'GET', '/api/v1/jobs', { as: admin })).body.items.find((j: { id: number }) => j.id === id);
      assert.equal(again.status, 'dead');
      assert.equal(again.attempts, 1);

      assertProblem(await call(t.app, 'GET', '/api/v1/jobs?status=dead', { as: agent }), 403);
      assertProblem(await call(t.app, 'POST', `/api/v1/jobs/${id}/retry`, { as: agent }), 403);
      assertProblem(await call(t.app, 'GET', '/api/v1/jobs?status=zombie', { as: admin }), 400, /status/);
      assertProblem(await call(t.app, 'POST', '/api/v1/jobs/999999/retry', { as: admin }), 404);
    });

    test('the audit log lists newest first and pages with before', async () => {
      const all = (await call(t.app, 'GET', '/api/v1/audit?limit=500', { as: admin })).body.items as Array<{ id: number; action: string }>;
      assert.ok(all.length >= 4);
      assert.deepEqual(all.map((a) => a.id), [...all.map((a) => a.id)].sort((a, b) => b - a));
      assert.ok(all.some((a) => a.action === 'team.created'));
      assert.ok(all.some((a) => a.action === 'agent.created'));
      const page = await call(t.app, 'GET', `/api/v1/audit?limit=2&before=${all[1]!.id}`, { as: admin });
      assert.deepEqual(page.body.items.map((a: { id: number }) => a.id), [all[2]!.id, all[3]!.id]);
    });
  });
}
