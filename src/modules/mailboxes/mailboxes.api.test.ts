import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertProblem, call, testApp, type TestApp } from '../../../test/support/http.ts';
import { DIALECTS, dialectSkip } from '../../../test/support/stores.ts';

for (const dialect of DIALECTS) {
  describe(`/api/v1/mailboxes on ${dialect}`, { skip: await dialectSkip(dialect) }, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp(dialect);
    });
    after(() => t.close());

    test('admins add mailboxes; everyone signed in lists them; agents may not add', async () => {
      const admin = { token: await t.tokenFor('admin') };
      const team = await call(t.app, 'POST', '/api/v1/teams', { as: admin, body: { name: 'Billing' } });
      const made = await call(t.app, 'POST', '/api/v1/mailboxes', { as: admin, body: { address: 'Billing@Example.com', name: 'Billing', category: 'billing', priority: 'high', team_id: team.body.id } });
      assert.equal(made.status, 201, made.text);
      assert.deepEqual({ ...made.body, id: 0, created_at: '', updated_at: '' }, { id: 0, address: 'billing@example.com', name: 'Billing', category: 'billing', priority: 'high', team_id: team.body.id, created_at: '', updated_at: '' });
      const listed = await call(t.app, 'GET', '/api/v1/mailboxes', { as: { token: await t.tokenFor('viewer') } });
      assert.deepEqual(listed.body.items.map((m: { address: string }) => m.address), ['billing@example.com']);
      assertProblem(await call(t.app, 'POST', '/api/v1/mailboxes', { as: { token: await t.tokenFor('agent') }, body: { address: 'x@example.com', category: 'general' } }), 403, /mailboxes:manage/);
    });

    test('bad input is a problem+json naming the field; a taken address is a conflict', async () => {
      const admin = { token: await t.tokenFor('admin') };
      assertProblem(await call(t.app, 'POST', '/api/v1/mailboxes', { as: admin, body: { address: 'nope', category: 'general' } }), 400);
      assertProblem(await call(t.app, 'POST', '/api/v1/mailboxes', { as: admin, body: { address: 'a@example.com', category: 'weather' } }), 400);
      assertProblem(await call(t.app, 'POST', '/api/v1/mailboxes', { as: admin, body: { address: 'a@example.com', category: 'general', team_id: 424242 } }), 400, /Team 424242/);
      assertProblem(await call(t.app, 'POST', '/api/v1/mailboxes', { as: admin, body: { address: 'BILLING@example.com', category: 'general' } }), 409);
      const spec = await call(t.app, 'GET', '/api/openapi.json');
      assert.ok(spec.body.paths['/api/v1/mailboxes'].post, 'the route is in the OpenAPI description');
    });
  });
}
