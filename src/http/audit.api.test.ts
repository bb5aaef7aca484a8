import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertProblem, call, loginAs, testApp, type Session, type TestApp } from '../../test/support/http.ts';
import { DIALECTS, dialectSkip } from '../../test/support/stores.ts';

type Entry = { actor_type: string; actor_id: number | null; action: string; target_type: string | null; target_id: string | null; ip: string | null; user_agent: string | null; data: Record<string, unknown> };

for (const dialect of DIALECTS) {
  describe(`audit of reads and changes on ${dialect}`, { skip: await dialectSkip(dialect) }, () => {
    let t: TestApp;
    let admin: { token: string };
    let agent: { session: Session };
    const ua = { 'user-agent': 'Mozilla/5.0 (audit test)' };
    const audit = async (query: string): Promise<Entry[]> => {
      const res = await call(t.app, 'GET', `/api/v1/audit?${query}`, { as: admin });
      assert.equal(res.status, 200, res.text);
      return res.body.items;
    };

    before(async () => {
      t = await testApp(dialect);
      admin = { token: await t.tokenFor('admin') };
      const made = await t.makeAgent('agent');
      agent = { session: await loginAs(t.app, made.email, made.password, '203.0.113.9') };
    });
    after(() => t.close());

    test('reading a ticket, its messages and history, a customer and lists is recorded: who, what, from where', async () => {
      const created = await call(t.app, 'POST', '/api/v1/tickets', { as: agent, body: { subject: 'Audit me', body: 'Sync fails', customer: { email: `audit-${dialect}@example.org` } }, ip: '203.0.113.9', headers: ua });
      const ref: string = created.body.reference;
      const agentId = agent.session.agentId;
      for (const path of [`/api/v1/tickets/${ref.toLowerCase()}`, `/api/v1/tickets/${ref}/messages`, `/api/v1/tickets/${ref}/events`]) {
        assert.equal((await call(t.app, 'GET', path, { as: agent, ip: '203.0.113.9', headers: ua })).status, 200);
      }
      await call(t.app, 'GET', `/api/v1/tickets?customer=audit-${dialect}@example.org&status=new`, { as: agent, ip: '203.0.113.9', headers: ua });
      await call(t.app, 'GET', `/api/v1/customers/${created.body.customer.id}`, { as: agent, ip: '203.0.113.9', headers: ua });

      const mine = await audit(`actor=agent:${agentId}`);
      const actions = mine.map((e) => e.action).reverse().filter((a) => a !== 'login.succeeded');
      assert.deepEqual(actions, ['ticket.created', 'ticket.viewed', 'ticket.messages_viewed', 'ticket.events_viewed', 'tickets.listed', 'customer.viewed']);
      const viewed = mine.find((e) => e.action === 'ticket.viewed')!;
      assert.deepEqual({ type: viewed.actor_type, target: [viewed.target_type, viewed.target_id], ip: viewed.ip, ua: viewed.user_agent }, { type: 'agent', target: ['ticket', ref], ip: '203.0.113.9', ua: 'Mozilla/5.0 (audit test)' });
      assert.deepEqual(mine.find((e) => e.action === 'tickets.listed')!.data.query, { customer: `audit-${dialect}@example.org`, status: 'new' });
      assert.deepEqual(mine.find((e) => e.action === 'ticket.created')!.target_id, ref, 'a create is recorded against what it created');
      assert.deepEqual(mine.find((e) => e.action === 'customer.viewed')!.target_id, String(created.body.customer.id));
      assert.deepEqual((await audit(`target=ticket:${ref}&action=ticket.*`)).map((e) => e.action).sort(), ['ticket.created', 'ticket.events_viewed', 'ticket.messages_viewed', 'ticket.viewed']);
    });

    test('every change is recorded, field names only, and unauthenticated or failed reads are not', async () => {
      const made = await call(t.app, 'POST', '/api/v1/customers', { as: admin, body: { email: `changes-${dialect}@example.org`, name: 'Secret Name' } });
      await call(t.app, 'PATCH', `/api/v1/customers/${made.body.id}`, { as: admin, body: { name: 'Another Name' } });
      const updated = await audit(`action=customer.updated&target=customer:${made.body.id}`);
      assert.equal(updated.length, 1);
      assert.deepEqual(updated[0]!.data, { status: 200, fields: ['name'] });
      assert.doesNotMatch(JSON.stringify(updated), /Another Name/);
      const before = (await audit('limit=500')).length;
      await call(t.app, 'GET', '/api/v1/tickets/CL-UUUUUUUU', { as: agent });
      await call(t.app, 'GET', '/api/v1/tickets');
      assert.equal((await audit('limit=500')).length, before + 1, 'only the audit read itself was added');
    });

    test('when the audit entry cannot be written the read fails with 503 and shows nothing', async () => {
      const created = await call(t.app, 'POST', '/api/v1/tickets', { as: admin, body: { subject: 'Fail closed', body: 'Private words', customer: { email: `closed-${dialect}@example.org` } } });
      const store = t.deps.store as { transaction: typeof t.deps.store.transaction };
      const working = store.transaction;
      store.transaction = () => Promise.reject(new Error('disk full'));
      try {
        const res = await call(t.app, 'GET', `/api/v1/tickets/${created.body.reference}`, { as: agent });
        assertProblem(res, 503, /audit log/);
        assert.doesNotMatch(res.text, /Private words/);
      } finally {
        store.transaction = working;
      }
    });

    test('filters are validated; only admins read the log', async () => {
      assertProblem(await call(t.app, 'GET', '/api/v1/audit?actor=root', { as: admin }), 400, /actor/);
      assertProblem(await call(t.app, 'GET', '/api/v1/audit?target=nonsense', { as: admin }), 400, /target/);
      assertProblem(await call(t.app, 'GET', '/api/v1/audit', { as: agent }), 403);
      assertProblem(await call(t.app, 'GET', '/api/v1/audit/export', { as: agent }), 403);
    });

    test('the log exports as CSV and JSON Lines, streamed, filtered, formula-safe; the export is audited', async () => {
      await call(t.app, 'GET', '/api/v1/tickets?q=x', { as: agent, headers: { 'user-agent': '=HYPERLINK("http://evil")' } });
      const csv = await call(t.app, 'GET', `/api/v1/audit/export?format=csv&actor=agent:${agent.session.agentId}`, { as: admin });
      assert.equal(csv.status, 200, csv.text);
      assert.match(String(csv.headers['content-type']), /^text\/csv/);
      assert.match(String(csv.headers['content-disposition']), /attachment; filename="careline-audit-\d{4}-\d{2}-\d{2}\.csv"/);
      const lines = csv.text.trimEnd().split('\r\n');
      assert.equal(lines[0], 'id,created_at,actor_type,actor_id,action,target_type,target_id,ip,user_agent,data');
      assert.ok(lines.length >= 7);
      assert.ok(lines.some((l) => l.includes(`'=HYPERLINK(""http://evil"")`)), 'a formula is defused');
      assert.ok(lines.slice(1).every((l) => l.includes(',agent,')));
      const jsonl = await call(t.app, 'GET', '/api/v1/audit/export?format=jsonl&action=ticket.viewed', { as: admin });
      assert.match(String(jsonl.headers['content-type']), /^application\/x-ndjson/);
      const rows = jsonl.text.trim().split('\n').map((l) => JSON.parse(l));
      assert.ok(rows.length >= 1 && rows.every((r) => r.action === 'ticket.viewed'));
      assert.ok(rows[0].id < rows.at(-1).id || rows.length === 1, 'oldest first');
      assertProblem(await call(t.app, 'GET', '/api/v1/audit/export?format=csv&actor=root', { as: admin }), 400);
      assert.ok((await audit('action=audit.exported')).length >= 2);
    });
  });
}
