import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setPresence } from '../../modules/routing/index.ts';
import { assertProblem, call, testApp, type TestApp } from '../../../test/support/http.ts';
import { buildChat, ManualClock, routingDeps } from '../../../test/support/routing.ts';
import { DIALECTS, dialectSkip } from '../../../test/support/stores.ts';

const weekdays = (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({ day, open: '08:00', close: '18:00' }));

for (const dialect of DIALECTS) {
  describe(`routing API on ${dialect}`, { skip: await dialectSkip(dialect) }, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp(dialect);
    });
    after(() => t.close());

    test('admins set business hours; agents read them; a team without hours is always open', async () => {
      const admin = { token: await t.tokenFor('admin') };
      const agent = { token: await t.tokenFor('agent') };
      const team = (await call(t.app, 'POST', '/api/v1/teams', { as: admin, body: { name: 'Billing' } })).body;
      const before = await call(t.app, 'GET', `/api/v1/teams/${team.id}/business-hours`, { as: agent });
      assert.deepEqual(before.body, { team_id: team.id, time_zone: 'UTC', always_open: true, schedule: [] });
      const put = await call(t.app, 'PUT', `/api/v1/teams/${team.id}/business-hours`, { as: admin, body: { time_zone: 'europe/berlin', always_open: false, schedule: [...weekdays].reverse() } });
      assert.equal(put.status, 200, put.text);
      assert.deepEqual(put.body, { team_id: team.id, time_zone: 'Europe/Berlin', always_open: false, schedule: weekdays });
      assert.deepEqual((await call(t.app, 'GET', `/api/v1/teams/${team.id}/business-hours`, { as: agent })).body, put.body);
      assertProblem(await call(t.app, 'PUT', `/api/v1/teams/${team.id}/business-hours`, { as: agent, body: { time_zone: 'UTC', always_open: true } }), 403, /teams:manage/);
      const audit = await t.deps.store.db.selectFrom('audit_log').select(['action', 'target_id']).where('action', '=', 'team.business_hours_updated').execute();
      assert.deepEqual(audit, [{ action: 'team.business_hours_updated', target_id: String(team.id) }]);
    });

    test('bad business hours are a problem+json naming the field and change nothing', async () => {
      const admin = { token: await t.tokenFor('admin') };
      const team = (await call(t.app, 'POST', '/api/v1/teams', { as: admin, body: { name: 'Security' } })).body;
      const url = `/api/v1/teams/${team.id}/business-hours`;
      assertProblem(await call(t.app, 'PUT', url, { as: admin, body: { time_zone: 'Mars/Olympus', always_open: true } }), 400, /time zone/);
      assertProblem(await call(t.app, 'PUT', url, { as: admin, body: { time_zone: 'UTC', always_open: false, schedule: [{ day: 'mon', open: '18:00', close: '08:00' }] } }), 400, /open before it closes/);
      assertProblem(await call(t.app, 'PUT', url, { as: admin, body: { time_zone: 'UTC', always_open: false, schedule: [{ day: 'mon', open: '8am', close: '18:00' }] } }), 400);
      assertProblem(await call(t.app, 'PUT', url, { as: admin, body: { time_zone: 'UTC', always_open: false, schedule: [] } }), 400, /at least one opening/);
      assertProblem(await call(t.app, 'PUT', '/api/v1/teams/999999/business-hours', { as: admin, body: { time_zone: 'UTC', always_open: true } }), 404);
      assert.equal((await call(t.app, 'GET', url, { as: admin })).body.always_open, true);
    });

    test("admins set an agent's skills and capacity; unknown skills, capacities and agents are refused", async () => {
      const admin = { token: await t.tokenFor('admin') };
      const { agent } = await t.makeAgent('agent');
      const url = `/api/v1/agents/${agent.id}/routing`;
      assert.deepEqual((await call(t.app, 'GET', url, { as: { token: await t.tokenFor('viewer') } })).body, { agent_id: agent.id, skills: [], max_chats: 3 });
      const put = await call(t.app, 'PUT', url, { as: admin, body: { skills: ['sync', 'billing', 'sync'], max_chats: 5 } });
      assert.equal(put.status, 200, put.text);
      assert.deepEqual(put.body, { agent_id: agent.id, skills: ['billing', 'sync'], max_chats: 5 });
      assertProblem(await call(t.app, 'PUT', url, { as: admin, body: { skills: ['weather'], max_chats: 2 } }), 400);
      assertProblem(await call(t.app, 'PUT', url, { as: admin, body: { skills: [], max_chats: 51 } }), 400);
      assertProblem(await call(t.app, 'PUT', url, { as: { token: await t.tokenFor('agent') }, body: { skills: [], max_chats: 9 } }), 403);
      assertProblem(await call(t.app, 'PUT', '/api/v1/agents/999999/routing', { as: admin, body: { skills: [], max_chats: 1 } }), 404);
      assert.deepEqual((await call(t.app, 'GET', url, { as: admin })).body.max_chats, 5);
    });

    test('the queue lists waiting chats per team with position and wait, and online agents with load', async () => {
      const admin = { token: await t.tokenFor('admin') };
      const team = (await call(t.app, 'POST', '/api/v1/teams', { as: admin, body: { name: 'Support' } })).body;
      const { agent } = await t.makeAgent('agent', { teamIds: [team.id] });
      const rd = routingDeps(t.deps, new ManualClock(Date.now()));
      await setPresence(rd, agent.id, 'online', 'node-a');
      const chats = [await buildChat(t.deps, rd, team.id), await buildChat(t.deps, rd, team.id)];
      const res = await call(t.app, 'GET', '/api/v1/chat/queue', { as: { token: await t.tokenFor('agent') } });
      assert.equal(res.status, 200, res.text);
      const support = res.body.teams.find((x: { id: number }) => x.id === team.id);
      assert.equal(support.open, true);
      assert.deepEqual(support.waiting.map((w: { ticket_id: number; position: number }) => [w.ticket_id, w.position]), [[chats[0], 1], [chats[1], 2]]);
      assert.ok(support.waiting[1].estimated_wait_seconds > support.waiting[0].estimated_wait_seconds);
      assert.deepEqual(res.body.agents.map((a: { id: number; load: number; max_chats: number }) => [a.id, a.load, a.max_chats]), [[agent.id, 0, 3]]);
      assertProblem(await call(t.app, 'GET', '/api/v1/chat/queue'), 401);
      const spec = await call(t.app, 'GET', '/api/openapi.json');
      for (const path of ['/api/v1/chat/queue', '/api/v1/teams/{id}/business-hours', '/api/v1/agents/{id}/routing']) assert.ok(spec.body.paths[path], `${path} is in the OpenAPI description`);
    });
  });
}
