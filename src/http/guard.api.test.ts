import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertProblem, call, testApp, type Reply, type TestApp } from '../../test/support/http.ts';
import { DIALECTS, dialectSkip } from '../../test/support/stores.ts';

for (const dialect of DIALECTS) {
  describe(`outbound guard API on ${dialect}`, { skip: await dialectSkip(dialect) }, () => {
    let t: TestApp;
    let admin: { token: string };
    let agent: { token: string };
    let seq = 0;
    const ticket = async (): Promise<string> => {
      const res = await call(t.app, 'POST', '/api/v1/tickets', { as: admin, body: { subject: `Locked out ${++seq}`, body: 'I lost my phone and cannot log in.', customer: { email: `guard-${seq}-${dialect}@example.org` } } });
      assert.equal(res.status, 201, res.text);
      return res.body.reference as string;
    };
    const reply = (ref: string, as: { token: string }, body: Record<string, unknown>): Promise<Reply> => call(t.app, 'POST', `/api/v1/tickets/${ref}/messages`, { as, body, headers: { 'user-agent': 'guard-test/1.0' } });

    before(async () => {
      t = await testApp(dialect);
      admin = { token: await t.tokenFor('admin') };
      agent = { token: await t.tokenFor('agent') };
    });
    after(() => t.close());

    test('a public reply asking for the master password is refused with 422 naming the phrase; nothing is stored', async () => {
      const ref = await ticket();
      const problem = assertProblem(await reply(ref, agent, { body: 'Hi! To fix this, please send us your master password.' }), 422, /never asks customers for secrets.*master password.*"send us your master password"/);
      assert.equal(problem.code, 'guard_blocked');
      assert.deepEqual(problem.errors, { phrase: 'send us your master password', secret: 'master_password' });
      const html = assertProblem(await reply(ref, agent, { html: "<p>Quick one: <b>what's your recovery key</b>?</p>" }), 422);
      assert.equal(html.errors.secret, 'recovery_code');
      const messages = await call(t.app, 'GET', `/api/v1/tickets/${ref}/messages`, { as: agent });
      assert.equal(messages.body.items.length, 1, 'only the customer message');
    });

    test('warnings, notes and customer messages pass', async () => {
      const ref = await ticket();
      assert.equal((await reply(ref, agent, { body: 'We will never ask for your master password. You can reset your password here: https://vaultly.example/reset' })).status, 201);
      assert.equal((await reply(ref, agent, { kind: 'note', body: 'Customer may try to send us the master password, watch out' })).status, 201);
      assert.equal((await reply(ref, agent, { author: 'customer', body: 'What is your password policy?' })).status, 201);
    });

    test('an agent may not override the guard (403); an admin may, with a reason, and the audit log records it', async () => {
      const ref = await ticket();
      const asked = { body: 'Please confirm your password below.' };
      assertProblem(await reply(ref, agent, { ...asked, override_guard: true, guard_reason: 'testing' }), 403, /trust:override/);
      assertProblem(await reply(ref, admin, { ...asked, override_guard: true }), 400, /guard_reason/);
      const sent = await reply(ref, admin, { ...asked, override_guard: true, guard_reason: 'Quoting the phishing mail the customer received' });
      assert.equal(sent.status, 201, sent.text);
      const audit = await call(t.app, 'GET', `/api/v1/audit?action=ticket.guard_overridden&target=ticket:${ref}`, { as: admin });
      assert.equal(audit.body.items.length, 1);
      const [entry] = audit.body.items;
      assert.equal(entry.actor_type, 'token');
      assert.equal(entry.user_agent, 'guard-test/1.0');
      assert.deepEqual(entry.data, { reason: 'Quoting the phishing mail the customer received', phrase: 'confirm your password', secret: 'password' });
      const refused = await call(t.app, 'GET', `/api/v1/audit?action=ticket.message_added&target=ticket:${ref}`, { as: admin });
      assert.ok(refused.body.items.some((e: { data: { status: number; outcome?: string } }) => e.data.status === 403 && e.data.outcome === 'refused'), 'the refused override attempt is audited too');
    });
  });
}
