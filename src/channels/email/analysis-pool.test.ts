import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { Worker } from 'node:worker_threads';
import { createLogger } from '../../kernel/logger.ts';
import { AnalysisPool } from './analysis-pool.ts';
import { prepareInboundOpening } from '../../modules/tickets/inbound-opening.ts';
import { EmailRejected, parseEmail } from './parse-email.ts';
import { inboundContent } from './to-inbound.ts';
import { fixture } from './test-kit.ts';

describe('parsing and sender checks on worker threads', () => {
  const pool = new AnalysisPool(createLogger('silent'), 2);
  after(() => pool.close());

  test('until its workers have loaded the pool works on the calling thread; then in the workers', async () => {
    const busy = (): number => (pool as unknown as { slots: Array<{ pending: Map<number, unknown> }> }).slots.reduce((n, s) => n + s.pending.size, 0);
    const early = pool.analyze(fixture('plain.eml'), null);
    assert.equal(busy(), 0, 'not queued behind a worker still loading');
    assert.equal((await early).email.from.address, 'ada@customer.example');
    await pool.loaded();
    const later = pool.analyze(fixture('plain.eml'), null);
    assert.equal(busy(), 1, 'handed to a worker');
    assert.equal((await later).email.from.address, 'ada@customer.example');
  });

  test('a worker parses exactly as the main thread does, attachments as Buffers and headers as a Map', async () => {
    for (const name of ['attachment.eml', 'iso-2022-jp.eml', 'bounce-dsn.eml', 'inline-image.eml']) {
      const raw = fixture(name);
      const { email, senderAuth } = await pool.analyze(raw, null);
      assert.deepEqual(email, await parseEmail(raw), name);
      assert.equal(senderAuth, null, 'no peer, no check');
      for (const a of email.attachments) assert.ok(Buffer.isBuffer(a.content));
      assert.ok(email.headers instanceof Map);
    }
  });

  test('asked with the mailbox hints, a worker also prepares the opening of the ticket, exactly as this thread would', async () => {
    await pool.loaded();
    for (const name of ['plain.eml', 'attachment.eml', 'inline-image.eml']) {
      const raw = fixture(name);
      const { email, prepared } = await pool.analyze(raw, null, { mailboxCategory: 'billing' });
      const here = prepareInboundOpening({ ...inboundContent(email), attachments: email.attachments, defaults: { category: 'billing' } });
      assert.deepEqual(prepared, here, name);
    }
    assert.equal((await pool.analyze(fixture('plain.eml'), null)).prepared, null, 'not asked, not prepared');
  });

  test('a message we refuse comes back as EmailRejected (554), not as a failure of ours', async () => {
    await assert.rejects(pool.analyze(fixture('missing-from.eml'), null), (e: unknown) => e instanceof EmailRejected && /From/.test(e.message));
  });

  test('with the SMTP peer it also checks the sender (SPF/DKIM/DMARC) in the worker', async () => {
    const { senderAuth } = await pool.analyze(fixture('plain.eml'), { ip: '192.0.2.1', helo: 'mx.customer.example', mailFrom: 'ada@customer.example' });
    assert.ok(senderAuth && typeof senderAuth.spf === 'string' && typeof senderAuth.unverified === 'boolean', JSON.stringify(senderAuth));
  });

  test('a worker that dies fails only its messages in flight (a temporary error), and a new one takes the next', async () => {
    const slots = (pool as unknown as { slots: Array<{ worker: Worker }> }).slots;
    const victim = slots[0]!.worker;
    const inFlight = Promise.all(Array.from({ length: 6 }, () => pool.analyze(fixture('deep-nesting.eml'), null).then(() => 'ok', (e: unknown) => e)));
    await victim.terminate();
    const outcomes = await inFlight;
    assert.ok(outcomes.every((o) => o === 'ok' || (o instanceof Error && !(o instanceof EmailRejected))), String(outcomes));
    assert.equal(slots.length, 2, 'replaced');
    assert.ok(!slots.some((s) => s.worker === victim));
    await pool.loaded();
    const { email } = await pool.analyze(fixture('plain.eml'), null);
    assert.equal(email.from.address, 'ada@customer.example');
  });
});
