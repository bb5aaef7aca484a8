import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runFilters } from '../../channel-adapter.ts';
import { parseEmail } from '../parse-email.ts';
import { buildEmail, fixture } from '../test-kit.ts';
import { detectAutoReply, detectBounce, detectBulk, detectLoop, emailFilters, limitSender } from './index.ts';

const parse = (name: string) => parseEmail(fixture(name));
const withHeaders = (headers: Record<string, string>) => parseEmail(buildEmail({ headers }));

describe('detect-auto-reply', () => {
  test('Auto-Submitted other than "no", X-Autoreply and X-Autorespond mark mail automated', async () => {
    assert.deepEqual(detectAutoReply.check(await parse('auto-reply.eml')), { action: 'annotate', annotation: { kind: 'automated', reason: 'Auto-Submitted: auto-replied' } });
    assert.equal((await detectAutoReply.check(await withHeaders({ 'Auto-Submitted': 'auto-generated; owner-email="x@y"' }))).action, 'annotate');
    assert.equal((await detectAutoReply.check(await withHeaders({ 'X-Autoreply': 'yes' }))).action, 'annotate');
    assert.equal((await detectAutoReply.check(await withHeaders({ 'X-Autorespond': 'Out of office' }))).action, 'annotate');
  });
  test('"Auto-Submitted: no" and ordinary mail pass', async () => {
    assert.equal((await detectAutoReply.check(await withHeaders({ 'Auto-Submitted': 'No' }))).action, 'accept');
    assert.equal((await detectAutoReply.check(await parse('plain.eml'))).action, 'accept');
  });
});

describe('detect-bulk', () => {
  test('Precedence bulk, list and junk are automated; others pass', async () => {
    assert.deepEqual(detectBulk.check(await parse('precedence-bulk.eml')), { action: 'annotate', annotation: { kind: 'automated', reason: 'Precedence: bulk' } });
    for (const p of ['list', 'JUNK']) assert.equal((await detectBulk.check(await withHeaders({ Precedence: p }))).action, 'annotate');
    assert.equal((await detectBulk.check(await withHeaders({ Precedence: 'first-class' }))).action, 'accept');
    assert.equal((await detectBulk.check(await parse('html.eml'))).action, 'accept');
  });
});

describe('detect-loop', () => {
  test('our own X-Careline-Loop header marks mail automated', async () => {
    const verdict = await detectLoop.check(await withHeaders({ 'X-Careline-Loop': 'node-1' }));
    assert.equal(verdict.action, 'annotate');
    assert.equal((await detectLoop.check(await parse('plain.eml'))).action, 'accept');
  });
});

describe('detect-bounce', () => {
  test('a delivery status report with a failed recipient is a delivery failure naming the returned Message-ID', async () => {
    const verdict = detectBounce.check(await parse('bounce-dsn.eml'));
    assert.deepEqual(verdict, {
      action: 'annotate',
      annotation: {
        kind: 'delivery_failure',
        recipients: [{ kind: 'email', value: 'ada@customer.example' }],
        diagnostic: '550 5.1.1 <ada@customer.example>: Recipient address rejected: User unknown in virtual mailbox table',
        originalIds: ['outbound-1@careline.example'],
      },
    });
  });
  test('a delay report is only automated; ordinary mail passes', async () => {
    const delayed = fixture('bounce-dsn.eml').toString('latin1').replace('Action: failed', 'Action: delayed').replace('Status: 5.1.1', 'Status: 4.4.1');
    const verdict = detectBounce.check(await parseEmail(Buffer.from(delayed, 'latin1')));
    assert.deepEqual(verdict, { action: 'annotate', annotation: { kind: 'automated', reason: 'delivery status report without a failure' } });
    assert.equal((await detectBounce.check(await parse('attachment.eml'))).action, 'accept');
  });
});

describe('limit-sender', () => {
  test('past the cap within the window, mail from that sender is dropped for a later retry', async () => {
    const counts = new Map([['ada@customer.example', 30]]);
    const asked: string[] = [];
    const filter = limitSender(async (address, since) => (asked.push(since), counts.get(address) ?? 0), () => new Date('2026-11-30T10:10:00Z'));
    assert.deepEqual(await filter.check(await parse('plain.eml')), { action: 'drop', reason: 'Too many messages from ada@customer.example; try again later', temporary: true });
    assert.deepEqual(asked, ['2026-11-30T10:00:00.000Z']);
    assert.equal((await filter.check(await parse('precedence-bulk.eml'))).action, 'accept');
  });
});

describe('the chain', () => {
  test('annotations accumulate in order; the first drop ends the chain', async () => {
    const chain = emailFilters({ countRecent: async () => 0, now: () => new Date() });
    const outcome = await runFilters(chain, await parse('bounce-dsn.eml'));
    assert.equal(outcome.dropped, false);
    assert.deepEqual(outcome.dropped ? [] : outcome.annotations.map((a) => a.kind), ['delivery_failure', 'automated']);
    const capped = emailFilters({ countRecent: async () => 99, now: () => new Date() });
    assert.deepEqual(await runFilters(capped, await parse('plain.eml')), { dropped: true, filter: 'limit-sender', reason: 'Too many messages from ada@customer.example; try again later', temporary: true });
    const replay = emailFilters({ countRecent: async () => 99, now: () => new Date(), senderLimit: null });
    assert.deepEqual(await runFilters(replay, await parse('plain.eml')), { dropped: false, annotations: [] });
  });
});
