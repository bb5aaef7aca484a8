import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { assertProblem, call, testApp, type TestApp } from '../../test/support/http.ts';
import { DIALECTS, dialectSkip } from '../../test/support/stores.ts';

for (const dialect of DIALECTS) {
  describe(`customer export and erasure on ${dialect}`, { skip: await dialectSkip(dialect) }, () => {
    let t: TestApp;
    let admin: { token: string };
    let agent: { token: string };
    let seq = 0;

    /** A customer with two tickets, an agent reply, an attachment file, a verification mail and audited reads. */
    async function customerWithHistory() {
      const email = `gdpr-${++seq}-${dialect}@example.org`;
      const first = await call(t.app, 'POST', '/api/v1/tickets', { as: agent, body: { subject: 'Locked out of Vaultly', body: 'My name is Ana Lima, I lost my phone.', customer: { email, name: 'Ana Lima' } } });
      const second = await call(t.app, 'POST', '/api/v1/tickets', { as: agent, body: { subject: 'Refund please', body: 'Charged twice.', customer: { email } } });
      await call(t.app, 'POST', `/api/v1/tickets/${first.body.reference}/messages`, { as: agent, body: { body: 'Hi Ana, we will help you.' } });
      await call(t.app, 'POST', `/api/v1/tickets/${first.body.reference}/verification`, { as: agent });
      await call(t.app, 'GET', `/api/v1/tickets/${first.body.reference}`, { as: agent });
      const key = `t${seq}-${dialect}/passport.jpg`;
      const file = join(t.deps.config.dataDir, 'attachments', key);
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(file, 'jpeg bytes');
      const opening = first.body.messages[0].id as number;
      await t.deps.store.db.insertInto('attachments').values({ message_id: opening, filename: 'passport.jpg', content_type: 'image/jpeg', size: 10, storage_key: key, created_at: new Date().toISOString(), content_id: null }).execute();
      return { id: first.body.customer.id as number, email, refs: [first.body.reference as string, second.body.reference as string], file };
    }

    before(async () => {
      t = await testApp(dialect);
      admin = { token: await t.tokenFor('admin') };
      agent = { token: await t.tokenFor('agent') };
    });
    after(() => t.close());

    test('the export is one JSON document with everything about the customer', async () => {
      const c = await customerWithHistory();
      assertProblem(await call(t.app, 'GET', `/api/v1/customers/${c.id}/export`, { as: agent }), 403);
      const res = await call(t.app, 'GET', `/api/v1/customers/${c.id}/export`, { as: admin });
      assert.equal(res.status, 200, res.text);
      assert.match(String(res.headers['content-disposition']), new RegExp(`careline-customer-${c.id}\\.json`));
      const x = res.body;
      assert.equal(x.format, 'careline.customer-export.v1');
      assert.deepEqual({ name: x.customer.name, email: x.customer.email, identities: x.customer.identities, erased_at: x.customer.erased_at }, { name: 'Ana Lima', email: c.email, identities: [{ kind: 'email', value: c.email, verified: false }], erased_at: null });
      assert.deepEqual(x.tickets.map((tk: { reference: string }) => tk.reference), c.refs);
      const [first] = x.tickets;
      assert.deepEqual(first.messages.map((m: { author: { type: string } }) => m.author.type), ['customer', 'agent']);
      assert.deepEqual(first.messages[0].attachments.map((a: { filename: string }) => a.filename), ['passport.jpg']);
      assert.ok(first.events.some((e: { type: string }) => e.type === 'ticket.verification_requested'));
      assert.equal(first.verification.status, 'pending');
      assert.deepEqual(first.verifications.map((v: { channel: string; status: string }) => [v.channel, v.status]), [['email', 'pending']]);
      assert.equal(x.outbox.length, 1);
      assert.equal(x.outbox[0].to, c.email);
      assert.equal(x.outbox[0].text, null, 'the one-time code is not exported');
      assert.ok(x.audit.some((a: { action: string; target_id: string }) => a.action === 'ticket.viewed' && a.target_id === c.refs[0]));
      assert.doesNotMatch(res.text, /code_hash|token_hash|storage_key/);
    });

    test('erasure needs ERASE, anonymizes the customer, keeps tickets, deletes files, and is idempotent', async () => {
      const c = await customerWithHistory();
      assertProblem(await call(t.app, 'POST', `/api/v1/customers/${c.id}/erase`, { as: admin, body: {} }), 400, /confirm/);
      assertProblem(await call(t.app, 'POST', `/api/v1/customers/${c.id}/erase`, { as: admin, body: { confirm: 'yes' } }), 400);
      assertProblem(await call(t.app, 'POST', `/api/v1/customers/${c.id}/erase`, { as: agent, body: { confirm: 'ERASE' } }), 403);
      const res = await call(t.app, 'POST', `/api/v1/customers/${c.id}/erase`, { as: admin, body: { confirm: 'ERASE' } });
      assert.equal(res.status, 200, res.text);
      assert.deepEqual({ ...res.body, erased_at: typeof res.body.erased_at }, { customer_id: c.id, erased_at: 'string', already_erased: false, tickets: 2, messages: 2, attachments: 1, emails: 1, files_not_deleted: [] });
      assert.equal(existsSync(c.file), false, 'the attachment file is gone');

      const customer = await call(t.app, 'GET', `/api/v1/customers/${c.id}`, { as: admin });
      assert.deepEqual({ name: customer.body.name, email: customer.body.email, identities: customer.body.identities }, { name: null, email: null, identities: [] });
      const ticket = await call(t.app, 'GET', `/api/v1/tickets/${c.refs[0]}`, { as: admin });
      assert.equal(ticket.status, 200, 'the ticket stays for reporting');
      assert.equal(ticket.body.subject, '[erased]');
      assert.deepEqual(ticket.body.messages.map((m: { text: string }) => m.text), ['[erased]', 'Hi Ana, we will help you.']);
      assert.deepEqual(ticket.body.messages[0].attachments, []);
      const events = await call(t.app, 'GET', `/api/v1/tickets/${c.refs[0]}/events`, { as: admin });
      assert.doesNotMatch(JSON.stringify(events.body), /Locked out|@example\.org/);
      const outbox = await call(t.app, 'GET', `/api/v1/outbox?ticket=${c.refs[0]}`, { as: admin });
      assert.deepEqual({ to: outbox.body.items[0].to, subject: outbox.body.items[0].subject, status: outbox.body.items[0].status }, { to: '[erased]', subject: '[erased]', status: 'cancelled' });
      const audit = await call(t.app, 'GET', `/api/v1/audit?action=customer.erased&target=customer:${c.id}`, { as: admin });
      assert.equal(audit.body.items.length, 1);
      const export_ = await call(t.app, 'GET', `/api/v1/customers/${c.id}/export`, { as: admin });
      assert.doesNotMatch(export_.text, new RegExp(`${c.email}|Ana Lima|Locked out|lost my phone`));
      assert.ok(export_.body.customer.erased_at);

      const again = await call(t.app, 'POST', `/api/v1/customers/${c.id}/erase`, { as: admin, body: { confirm: 'ERASE' } });
      assert.equal(again.status, 200, again.text);
      assert.deepEqual({ already: again.body.already_erased, at: again.body.erased_at, messages: again.body.messages, emails: again.body.emails }, { already: true, at: res.body.erased_at, messages: 0, emails: 0 });
      const erasedEvents = await t.deps.store.db.selectFrom('events').select('id').where('type', '=', 'customer.erased').where('customer_id', '=', c.id).execute();
      assert.equal(erasedEvents.length, 1, 'customer.erased is recorded once');

      const fresh = await call(t.app, 'POST', '/api/v1/tickets', { as: agent, body: { subject: 'Back again', body: 'Hello', customer: { email: c.email } } });
      assert.notEqual(fresh.body.customer.id, c.id, 'writing again after erasure starts a new customer');
      assertProblem(await call(t.app, 'POST', '/api/v1/customers/999999/erase', { as: admin, body: { confirm: 'ERASE' } }), 404);
    });
  });
}
