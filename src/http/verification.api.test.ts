import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertProblem, call, loginAs, testApp, type Session, type TestApp } from '../../test/support/http.ts';
import { DIALECTS, dialectSkip } from '../../test/support/stores.ts';

for (const dialect of DIALECTS) {
  describe(`verification API on ${dialect}`, { skip: await dialectSkip(dialect) }, () => {
    let t: TestApp;
    let admin: { token: string };
    let agent: { session: Session };
    let seq = 0;
    const ticket = async (category = 'account'): Promise<{ reference: string; customer: { email: string }; verification: unknown }> => {
      const res = await call(t.app, 'POST', '/api/v1/tickets', { as: admin, body: { subject: `Lost my 2FA device ${++seq}`, body: 'New phone, authenticator codes gone.', category, customer: { email: `verify-${seq}-${dialect}@example.org` } } });
      assert.equal(res.status, 201, res.text);
      return res.body;
    };
    /** The code and link token from the verification mail in the outbox (the API never shows them). */
    const mailed = async (emailId: number): Promise<{ code: string; token: string; to: string }> => {
      const mail = await t.deps.store.db.selectFrom('outbound_emails').select(['text', 'to_address']).where('id', '=', emailId).executeTakeFirstOrThrow();
      return { code: /Your code: (\d{6})/.exec(mail.text)![1]!, token: /\/verify\/([A-Za-z0-9_-]+)/.exec(mail.text)![1]!, to: mail.to_address };
    };
    const request = async (ref: string) => {
      const res = await call(t.app, 'POST', `/api/v1/tickets/${ref}/verification`, { as: agent });
      assert.equal(res.status, 202, res.text);
      return res.body;
    };

    before(async () => {
      t = await testApp(dialect, { PUBLIC_URL: 'https://help.vaultly.example' });
      admin = { token: await t.tokenFor('admin') };
      const made = await t.makeAgent('agent');
      agent = { session: await loginAs(t.app, made.email, made.password) };
    });
    after(() => t.close());

    test('an agent sends a code: 202, the mail waits in the outbox unshown, the ticket shows pending', async () => {
      const made = await ticket();
      assert.deepEqual(made.verification, { status: 'none', method: null, verified_at: null, verified_by: null, expires_at: null });
      const sent = await request(made.reference);
      assert.match(sent.sent_to, /^v\*\*\*@example\.org$/);
      assert.equal(sent.verification.status, 'pending');
      assert.equal((await mailed(sent.email_id)).to, made.customer.email);
      const outbox = await call(t.app, 'GET', `/api/v1/outbox?ticket=${made.reference}`, { as: admin });
      assert.equal(outbox.status, 200, outbox.text);
      const [mail] = outbox.body.items;
      assert.deepEqual({ kind: mail.kind, status: mail.status, sent: mail.sent, to: mail.to, text: mail.text }, { kind: 'verification', status: 'queued', sent: false, to: made.customer.email, text: null });
      assertProblem(await call(t.app, 'GET', '/api/v1/outbox', { as: agent }), 403);
      const got = await call(t.app, 'GET', `/api/v1/tickets/${made.reference}`, { as: agent });
      assert.equal(got.body.verification.status, 'pending');
      const events = await call(t.app, 'GET', `/api/v1/tickets/${made.reference}/events`, { as: agent });
      assert.ok(events.body.items.some((e: { type: string }) => e.type === 'ticket.verification_requested'));
      assertProblem(await call(t.app, 'POST', '/api/v1/tickets/CL-UUUUUUUU/verification', { as: agent }), 404);
      assertProblem(await call(t.app, 'POST', `/api/v1/tickets/${made.reference}/verification`, { as: { token: await t.tokenFor('viewer') } }), 403);
    });

    test('the agent confirms the code the customer reads out; wrong codes count down and five burn it', async () => {
      const made = await ticket();
      const { code } = await mailed((await request(made.reference)).email_id);
      const wrong = code === '123456' ? '654321' : '123456';
      const confirm = (c: string) => call(t.app, 'POST', `/api/v1/tickets/${made.reference}/verification/confirm`, { as: agent, body: { code: c } });
      assertProblem(await confirm('12345'), 400);
      const first = assertProblem(await confirm(wrong), 422, /wrong; 4 tries left/);
      assert.deepEqual(first.errors, { attempts_left: 4 });
      const ok = await confirm(code);
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.body.verification.status, 'verified');
      assert.equal(ok.body.verification.method, 'email_code');
      assert.deepEqual(ok.body.verification.verified_by, { type: 'agent', id: agent.session.agentId });
      assertProblem(await confirm(wrong), 409, /already verified \(email_code/);

      const other = await ticket();
      const second = await mailed((await request(other.reference)).email_id);
      const bad = second.code === '000000' ? '999999' : '000000';
      for (let i = 0; i < 4; i++) assertProblem(await call(t.app, 'POST', `/api/v1/tickets/${other.reference}/verification/confirm`, { as: agent, body: { code: bad } }), 422);
      assertProblem(await call(t.app, 'POST', `/api/v1/tickets/${other.reference}/verification/confirm`, { as: agent, body: { code: bad } }), 422, /no longer works/);
      assertProblem(await call(t.app, 'POST', `/api/v1/tickets/${other.reference}/verification/confirm`, { as: agent, body: { code: second.code } }), 422, /no longer works/);
      assertProblem(await call(t.app, 'POST', `/api/v1/tickets/${(await ticket()).reference}/verification/confirm`, { as: agent, body: { code: '123456' } }), 409, /send the customer a code first/);
    });

    test('the link page asks before it confirms (no script), then confirms once', async () => {
      const made = await ticket();
      const { token } = await mailed((await request(made.reference)).email_id);
      const page = await call(t.app, 'GET', `/verify/${token}`);
      assert.equal(page.status, 200);
      assert.match(String(page.headers['content-type']), /^text\/html/);
      assert.match(page.text, /<form method="post" action="\/verify\/[A-Za-z0-9_-]+"><button type="submit">Yes, it&#39;s me<\/button><\/form>/);
      assert.doesNotMatch(page.text, /<script/i);
      assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);
      assert.equal(page.headers['cache-control'], 'no-store');
      assert.equal((await call(t.app, 'GET', `/api/v1/tickets/${made.reference}`, { as: agent })).body.verification.status, 'pending', 'opening the link confirms nothing');
      const done = await call(t.app, 'POST', `/verify/${token}`, { payload: '', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      assert.equal(done.status, 200, done.text);
      assert.match(done.text, /you are confirmed/);
      const v = (await call(t.app, 'GET', `/api/v1/tickets/${made.reference}`, { as: agent })).body.verification;
      assert.equal(v.method, 'email_link');
      assert.equal((await call(t.app, 'POST', `/verify/${token}`, { payload: '', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status, 410);
      assert.match((await call(t.app, 'GET', `/verify/${token}`)).text, /Already confirmed/);
      assert.equal((await call(t.app, 'GET', '/verify/not-a-real-token-at-all-xxxxxxxx')).status, 404);
    });

    test('an account ticket is solved only when verified; admins may override, audited; agents may not', async () => {
      const made = await ticket();
      const solve = (as: typeof agent | typeof admin, extra: Record<string, unknown> = {}) => call(t.app, 'PATCH', `/api/v1/tickets/${made.reference}`, { as, body: { status: 'solved', ...extra } });
      const refused = assertProblem(await solve(agent), 409, /not verified yet/);
      assert.equal(refused.code, 'verification_required');
      assertProblem(await call(t.app, 'PATCH', `/api/v1/tickets/${made.reference}`, { as: agent, body: { status: 'closed' } }), 409, /verif/);
      assertProblem(await solve(agent, { override_verification: true, override_reason: 'customer is on the phone' }), 403);
      const forced = await solve(admin, { override_verification: true, override_reason: 'Verified by phone callback' });
      assert.equal(forced.status, 200, forced.text);
      const audit = await call(t.app, 'GET', `/api/v1/audit?action=ticket.verification_overridden&target=ticket:${made.reference}`, { as: admin });
      assert.deepEqual(audit.body.items[0].data, { reason: 'Verified by phone callback', status: 'solved', verification: 'none' });

      const verified = await ticket();
      const { code } = await mailed((await request(verified.reference)).email_id);
      await call(t.app, 'POST', `/api/v1/tickets/${verified.reference}/verification/confirm`, { as: agent, body: { code } });
      assert.equal((await call(t.app, 'PATCH', `/api/v1/tickets/${verified.reference}`, { as: agent, body: { status: 'solved' } })).status, 200);
      assert.equal((await call(t.app, 'PATCH', `/api/v1/tickets/${(await ticket('billing')).reference}`, { as: agent, body: { status: 'solved' } })).status, 200);
    });
  });
}
