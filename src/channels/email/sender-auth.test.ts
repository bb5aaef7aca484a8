import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { MailauthResult } from 'mailauth';
import { createMailbox, type Mailbox } from '../../modules/mailboxes/index.ts';
import { call, testApp, type TestApp } from '../../../test/support/http.ts';
import { DIALECTS, dialectSkip } from '../../../test/support/stores.ts';
import { emailFilters } from './filters/index.ts';
import { countRecentFrom } from './inbound-emails.ts';
import { receiveEmail, type EmailOutcome } from './receive-email.ts';
import { senderCheck, senderVerdict, systemResolver, type DnsResolver } from './sender-auth.ts';
import { fakeDns, signed } from './sender-test-kit.ts';
import { buildEmail } from './test-kit.ts';

/** A mailauth result with the given verdicts (only the fields senderVerdict reads). */
function result(spf: string | null, dkim: Array<{ result: string; aligned?: string }>, dmarc: string | null, policy = 'reject'): MailauthResult {
  return {
    spf: spf ? { status: { result: spf } } : false,
    dkim: { results: dkim.length ? dkim.map((d) => ({ status: { result: d.result, aligned: d.aligned ?? false } })) : [{ status: { result: 'none' } }] },
    dmarc: dmarc ? { status: { result: dmarc, header: { from: 'example.org' } }, domain: 'example.org', ...(dmarc === 'none' ? {} : { policy }) } : false,
  };
}

describe('the sender verdict', () => {
  test('DMARC decides when the domain has a policy', () => {
    assert.deepEqual(senderVerdict(result('pass', [{ result: 'pass', aligned: 'example.org' }], 'pass')), {
      spf: 'pass', dkim: 'pass', dkimAligned: true, dmarc: 'pass', dmarcPolicy: 'reject', fromDomain: 'example.org', unverified: false,
    });
    assert.equal(senderVerdict(result('fail', [], 'fail')).unverified, true);
    assert.equal(senderVerdict(result('pass', [], 'fail', 'none')).unverified, true, 'a p=none policy still fails alignment');
    assert.equal(senderVerdict(result('fail', [{ result: 'pass', aligned: 'example.org' }], 'pass')).unverified, false);
  });

  test('with no DMARC policy, unverified only when SPF fails and no aligned DKIM passes', () => {
    assert.equal(senderVerdict(result('fail', [], 'none')).unverified, true);
    assert.equal(senderVerdict(result('softfail', [{ result: 'fail' }], 'none')).unverified, true);
    assert.equal(senderVerdict(result('softfail', [{ result: 'pass' }], 'none')).unverified, true, 'a signature of another domain does not vouch for the From');
    assert.equal(senderVerdict(result('fail', [{ result: 'pass', aligned: 'example.org' }], 'none')).unverified, false);
    assert.equal(senderVerdict(result('none', [], 'none')).unverified, false, 'no records: nothing to say');
    assert.equal(senderVerdict(result('neutral', [], false as unknown as null)).dmarc, 'none');
  });

  test('errors never mark a sender unverified', () => {
    for (const error of ['temperror', 'permerror']) assert.equal(senderVerdict(result(error, [], error)).unverified, false);
  });

  test('the system resolver asks once per name for a minute, answers and "no such name" alike, but retries after a timeout', async () => {
    const asked: string[] = [];
    const resolver = systemResolver({
      resolve: async (name: string) => {
        asked.push(name);
        if (name === 'gone.example') throw Object.assign(new Error('nf'), { code: 'ENOTFOUND' });
        if (name === 'slow.example') throw Object.assign(new Error('t'), { code: 'ETIMEOUT' });
        return [['v=spf1 -all']];
      },
    });
    assert.deepEqual(await resolver('Example.org', 'TXT'), [['v=spf1 -all']]);
    assert.deepEqual(await resolver('example.org', 'TXT'), [['v=spf1 -all']]);
    for (let i = 0; i < 2; i++) {
      await assert.rejects(resolver('gone.example', 'TXT'), { code: 'ENOTFOUND' });
      await assert.rejects(resolver('slow.example', 'TXT'), { code: 'ETIMEOUT' });
    }
    assert.deepEqual(asked, ['Example.org', 'gone.example', 'slow.example', 'slow.example']);
  });

  test('a DNS that never answers gives temperror within the time budget', async () => {
    const check = senderCheck({ resolver: () => new Promise(() => {}), timeoutMs: 100 });
    const started = Date.now();
    const verdict = await check(buildEmail(), { ip: '192.0.2.1', helo: 'mx.example', mailFrom: 'a@example.org' });
    assert.ok(Date.now() - started < 3_000, 'the 100 ms budget ends the check long before a test timeout');
    assert.deepEqual([verdict.spf, verdict.dmarc, verdict.unverified], ['temperror', 'temperror', false]);
  });
});

for (const dialect of DIALECTS) {
  describe(`sender authentication in the email pipeline on ${dialect}`, { skip: await dialectSkip(dialect) }, () => {
    let t: TestApp;
    let support: Mailbox;
    before(async () => {
      t = await testApp(dialect);
      support = await createMailbox(t.deps.store.db, { address: 'support@example.com', category: 'general' }, new Date().toISOString());
    });
    after(() => t.close());
    const receive = (raw: Buffer, ip: string, resolver: DnsResolver = fakeDns, timeoutMs?: number): Promise<EmailOutcome> =>
      receiveEmail(t.deps, raw, {
        mailbox: support,
        envelope: { mailFrom: 'ann@example.org', rcpt: support.address, remoteIp: ip, helo: 'mx.example.org' },
        filters: emailFilters({ countRecent: (a, s) => countRecentFrom(t.deps.store.db, a, s), now: () => t.deps.clock.now() }),
        senderCheck: senderCheck({ resolver, timeoutMs }),
      });
    const ticket = async (o: EmailOutcome) => {
      assert.equal(o.kind, 'stored', JSON.stringify(o));
      const res = await call(t.app, 'GET', `/api/v1/tickets/${(o as { reference: string }).reference}`, { as: { token: await t.tokenFor('agent') } });
      assert.equal(res.status, 200, res.text);
      return res.body;
    };

    test('a DKIM-signed mail from an SPF-authorised peer passes DMARC and is stored as verified', async () => {
      const body = await ticket(await receive(await signed(buildEmail({ from: 'Ann <ann@example.org>', messageId: 'signed-1@example.org' })), '127.0.0.1'));
      assert.equal(body.unverified_sender, false);
      assert.deepEqual(body.messages[0].sender_auth, { spf: 'pass', dkim: 'pass', dkim_aligned: true, dmarc: 'pass', dmarc_policy: 'reject', from_domain: 'example.org', unverified: false });
    });

    test('the same From domain from an unauthorised peer without a signature fails DMARC: unverified sender', async () => {
      const o = await receive(buildEmail({ from: 'Ann <ann@example.org>', messageId: 'forged-1@example.org', subject: 'Please change my email address' }), '203.0.113.9');
      const body = await ticket(o);
      assert.equal(body.unverified_sender, true);
      assert.deepEqual(body.messages[0].sender_auth, { spf: 'fail', dkim: 'none', dkim_aligned: false, dmarc: 'fail', dmarc_policy: 'reject', from_domain: 'example.org', unverified: true });
      const listed = await call(t.app, 'GET', '/api/v1/tickets', { as: { token: await t.tokenFor('agent') } });
      assert.equal(listed.body.items.find((i: { reference: string }) => i.reference === body.reference)?.unverified_sender, true);

      const genuine = buildEmail({ from: 'Ann <ann@example.org>', messageId: 'signed-2@example.org', headers: { 'In-Reply-To': '<forged-1@example.org>' } });
      const after = await ticket(await receive(await signed(genuine), '127.0.0.1'));
      assert.equal(after.reference, body.reference);
      assert.equal(after.unverified_sender, false, 'the latest customer email decides');
    });

    test('a DNS timeout stores temperror and the mail is still accepted', async () => {
      const o = await receive(buildEmail({ from: 'Ann <ann@example.org>', messageId: 'slow-dns@example.org' }), '127.0.0.1', () => new Promise(() => {}), 150);
      const body = await ticket(o);
      assert.equal(body.unverified_sender, false);
      assert.deepEqual([body.messages[0].sender_auth.spf, body.messages[0].sender_auth.dmarc], ['temperror', 'temperror']);
    });

    test('without a sender check (a replay) the message has no verdict', async () => {
      const o = await receiveEmail(t.deps, buildEmail({ messageId: 'replayed@customer.example' }), {
        mailbox: support,
        envelope: { mailFrom: '', rcpt: support.address, remoteIp: '127.0.0.1' },
        filters: [],
      });
      const body = await ticket(o);
      assert.deepEqual([body.unverified_sender, body.messages[0].sender_auth], [false, null]);
    });
  });
}
