import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDeps } from '../../../test/support/builders.ts';
import { DIALECTS, dialectSkip } from '../../../test/support/stores.ts';
import type { Deps } from '../../deps.ts';
import { listOutbox, registerOutbox, WIPED_BODY, type ComposedMail, type MailTransport, type OutboundMail } from './index.ts';

/** A transport that records what it sends, or fails while `failing` is set. */
function fakeTransport(): MailTransport & { sent: ComposedMail[]; failing: boolean } {
  const t = {
    sent: [] as ComposedMail[],
    failing: false,
    async send(mail: ComposedMail) {
      if (t.failing) throw new Error('421 4.7.0 try again later');
      t.sent.push(mail);
    },
  };
  return t;
}

const MAIL: OutboundMail = { kind: 'notice', to: 'ana@example.org', subject: 'Your request', text: 'Hello Ana', html: '<p>Hello Ana</p>', headers: { 'Auto-Submitted': 'auto-generated' } };

for (const dialect of DIALECTS) {
  describe(`outbox on ${dialect}`, { skip: await dialectSkip(dialect) }, () => {
    let deps: Deps & { close(): Promise<void> };
    const row = (id: number) => deps.store.db.selectFrom('outbound_emails').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const jobOf = (messageId: string) => deps.store.db.selectFrom('jobs').selectAll().where('unique_key', '=', `email:${messageId}`).executeTakeFirstOrThrow();

    before(async () => {
      deps = await testDeps(dialect, { PUBLIC_URL: 'https://help.vaultly.example' });
    });
    after(() => deps.close());

    test('queueEmail stores the mail and its delivery job in the caller transaction, with our Message-ID and From', async () => {
      const { id, messageId } = await deps.uow((work) => deps.outbox.queueEmail(work, MAIL));
      assert.match(messageId, /^<[0-9a-z]+\.[0-9a-f]{24}@help\.vaultly\.example>$/);
      const stored = await row(id);
      assert.equal(stored.status, 'queued');
      assert.equal(stored.from_address, 'support@help.vaultly.example');
      assert.equal(stored.to_address, 'ana@example.org');
      const job = await jobOf(messageId);
      assert.equal(job.type, 'email.deliver');
      assert.deepEqual(JSON.parse(job.payload), { id });
    });

    test('a rolled-back change queues no mail and no job', async () => {
      const before = await listOutbox(deps.store.db, { limit: 100 });
      await assert.rejects(deps.uow(async (work) => {
        await deps.outbox.queueEmail(work, MAIL);
        throw new Error('the change failed');
      }), /the change failed/);
      assert.equal((await listOutbox(deps.store.db, { limit: 100 })).length, before.length);
    });

    test('addresses and headers cannot smuggle lines into the message', async () => {
      await assert.rejects(deps.uow((work) => deps.outbox.queueEmail(work, { ...MAIL, to: 'ana@example.org\r\nBcc: eve@example.org' })), /line breaks/);
      await assert.rejects(deps.uow((work) => deps.outbox.queueEmail(work, { ...MAIL, subject: 'Hi\nBcc: eve@example.org' })), /line breaks/);
      await assert.rejects(deps.uow((work) => deps.outbox.queueEmail(work, { ...MAIL, headers: { Bcc: 'eve@example.org' } })), /cannot be set/);
      await assert.rejects(deps.uow((work) => deps.outbox.queueEmail(work, { ...MAIL, to: 'not an address' })), /not an email address/);
    });

    test('without SMTP_OUTBOUND_URL the job finishes and the mail waits, unsent; a relay later releases it', async () => {
      await registerOutbox(deps, { transport: null });
      const { id, messageId } = await deps.uow((work) => deps.outbox.queueEmail(work, MAIL));
      await deps.jobs.runDue();
      assert.equal((await row(id)).status, 'waiting');
      assert.equal((await jobOf(messageId)).status, 'done', 'waiting is not an error and is not retried');
      assert.ok((await listOutbox(deps.store.db, { status: 'waiting', limit: 100 })).some((m) => m.id === id));

      const transport = fakeTransport();
      await registerOutbox(deps, { transport });
      await deps.jobs.runDue();
      const sent = await row(id);
      assert.equal(sent.status, 'sent');
      assert.ok(sent.sent_at);
      assert.ok(transport.sent.some((m) => m.messageId === messageId));
    });

    test('a transport sends the stored mail once; a sensitive body is hidden and wiped after sending', async () => {
      const transport = fakeTransport();
      await registerOutbox(deps, { transport });
      const { id, messageId } = await deps.uow((work) => deps.outbox.queueEmail(work, { ...MAIL, kind: 'verification', text: 'Your code: 123456', sensitive: true, inReplyTo: '<a@x>', references: ['<a@x>', '<b@x>'] }));
      assert.equal((await listOutbox(deps.store.db, { limit: 100 })).find((m) => m.id === id)!.text, null, 'the API never shows a one-time secret');
      await deps.jobs.runDue();
      const mail = transport.sent.find((m) => m.messageId === messageId)!;
      assert.deepEqual({ to: mail.to, text: mail.text, inReplyTo: mail.inReplyTo, references: mail.references, headers: mail.headers }, { to: 'ana@example.org', text: 'Your code: 123456', inReplyTo: '<a@x>', references: ['<a@x>', '<b@x>'], headers: { 'Auto-Submitted': 'auto-generated' } });
      assert.equal((await row(id)).text, WIPED_BODY);
      await deps.jobs.runDue();
      assert.equal(transport.sent.filter((m) => m.messageId === messageId).length, 1);
    });

    test('send failures retry with backoff and end failed when the job goes dead', async () => {
      const transport = fakeTransport();
      transport.failing = true;
      await registerOutbox(deps, { transport });
      const { id, messageId } = await deps.uow((work) => deps.outbox.queueEmail(work, MAIL));
      await deps.store.db.updateTable('jobs').set({ max_attempts: 2 }).where('unique_key', '=', `email:${messageId}`).execute();
      await deps.jobs.runDue();
      let mail = await row(id);
      assert.equal(mail.status, 'queued');
      assert.match(mail.last_error ?? '', /try again later/);
      const job = await jobOf(messageId);
      assert.equal(job.status, 'queued');
      assert.ok(job.run_at > new Date().toISOString(), 'the retry waits for its backoff');
      await deps.store.db.updateTable('jobs').set({ run_at: new Date(0).toISOString() }).where('id', '=', job.id).execute();
      await deps.jobs.runDue();
      mail = await row(id);
      assert.equal(mail.status, 'failed');
      assert.equal(mail.attempts, 2);
      assert.equal((await jobOf(messageId)).status, 'dead');

      transport.failing = false;
      await deps.jobs.retry(job.id);
      await deps.jobs.runDue();
      assert.equal((await row(id)).status, 'sent', 'retrying the dead job sends it');
    });
  });
}
