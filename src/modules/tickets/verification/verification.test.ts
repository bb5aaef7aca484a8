import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTicket, testDeps } from '../../../../test/support/builders.ts';
import { DIALECTS, dialectSkip } from '../../../../test/support/stores.ts';
import type { Deps } from '../../../deps.ts';
import type { Actor } from '../../../kernel/events.ts';
import { findTicket, ticketEvents, updateTicket } from '../index.ts';
import { confirmVerificationCode, confirmVerificationLink, peekVerificationLink, requestVerification, requireVerified, signIdentity, verifyBySignedIdentity, type VerificationSettings } from './index.ts';

const AGENT: Actor = { type: 'agent', id: 1 };
const SECRET = 'x'.repeat(40);
const IDENTITY_SECRET = 'widget-identity-secret-of-at-least-32-chars';

for (const dialect of DIALECTS) {
  describe(`ticket verification on ${dialect}`, { skip: await dialectSkip(dialect) }, () => {
    let deps: Deps & { close(): Promise<void> };
    let settings: VerificationSettings;

    /** Sends a verification and reads the code and link token out of the queued mail. */
    async function send(reference: string): Promise<{ code: string; token: string }> {
      const sent = await deps.uow((work) => requestVerification(work, reference, AGENT, settings));
      const mail = await deps.store.db.selectFrom('outbound_emails').select('text').where('id', '=', sent.emailId).executeTakeFirstOrThrow();
      return { code: /Your code: (\d{6})/.exec(mail.text)![1]!, token: /\/verify\/([A-Za-z0-9_-]+)/.exec(mail.text)![1]! };
    }
    const confirm = (reference: string, code: string) => deps.uow((work) => confirmVerificationCode(work, reference, code, AGENT, SECRET));
    const state = async (reference: string) => (await findTicket(deps.store.db, reference)).verification;

    before(async () => {
      deps = await testDeps(dialect, { PUBLIC_URL: 'https://help.vaultly.example' });
      settings = { outbox: deps.outbox, publicUrl: deps.config.publicUrl, secret: SECRET };
    });
    after(() => deps.close());

    test('a request mails the customer a code and link, keeps only hashes, and records the request in history', async () => {
      const ticket = await buildTicket(deps, { category: 'account' });
      const sent = await deps.uow((work) => requestVerification(work, ticket.reference, AGENT, settings));
      assert.match(sent.to, /^c\*\*\*@example\.org$/);
      const mail = await deps.store.db.selectFrom('outbound_emails').selectAll().where('id', '=', sent.emailId).executeTakeFirstOrThrow();
      assert.equal(mail.to_address, ticket.customer.email);
      assert.equal(mail.kind, 'verification');
      assert.equal(mail.sensitive, 1);
      const code = /Your code: (\d{6})/.exec(mail.text)![1]!;
      const token = /https:\/\/help\.vaultly\.example\/verify\/([A-Za-z0-9_-]{43})/.exec(mail.text)![1]!;
      const stored = await deps.store.db.selectFrom('ticket_verifications').selectAll().where('ticket_id', '=', ticket.id).executeTakeFirstOrThrow();
      assert.ok(!JSON.stringify(stored).includes(code) && !JSON.stringify(stored).includes(token), 'neither the code nor the link is stored in the clear');
      const v = await state(ticket.reference);
      assert.equal(v.status, 'pending');
      assert.ok(Date.parse(v.expiresAt!) - Date.now() > 29 * 60_000);
      const events = await ticketEvents(deps.store.db, ticket.id);
      assert.deepEqual(events.at(-1)!.data, { reference: ticket.reference, method: 'email', to: sent.to, expiresAt: v.expiresAt });
    });

    test('the right code verifies once; a new request replaces the pending code', async () => {
      const ticket = await buildTicket(deps);
      const first = await send(ticket.reference);
      const second = await send(ticket.reference);
      if (first.code !== second.code) assert.deepEqual(await confirm(ticket.reference, first.code), { ok: false, reason: 'wrong_code', attemptsLeft: 4 });
      assert.equal((await peekVerificationLink(deps.store.db, first.token, new Date().toISOString())).state, 'expired', 'the replaced link is dead');
      assert.deepEqual(await confirm(ticket.reference, ` ${second.code} `), { ok: true, reference: ticket.reference });
      const v = await state(ticket.reference);
      assert.deepEqual({ status: v.status, method: v.method, by: v.verifiedBy }, { status: 'verified', method: 'email_code', by: AGENT });
      assert.deepEqual(await confirm(ticket.reference, second.code), { ok: false, reason: 'used' });
      assert.equal((await ticketEvents(deps.store.db, ticket.id)).filter((e) => e.type === 'ticket.verified').length, 1);
    });

    test('five wrong codes burn the verification, even the right code fails after', async () => {
      const ticket = await buildTicket(deps);
      const { code } = await send(ticket.reference);
      const wrong = code === '000000' ? '111111' : '000000';
      for (let left = 4; left >= 1; left--) assert.deepEqual(await confirm(ticket.reference, wrong), { ok: false, reason: 'wrong_code', attemptsLeft: left });
      assert.deepEqual(await confirm(ticket.reference, wrong), { ok: false, reason: 'burned' });
      assert.deepEqual(await confirm(ticket.reference, code), { ok: false, reason: 'burned' });
      assert.equal((await state(ticket.reference)).status, 'none');
      const failed = (await ticketEvents(deps.store.db, ticket.id)).filter((e) => e.type === 'ticket.verification_failed');
      assert.deepEqual(failed.map((e) => (e.data as { burned: boolean }).burned), [false, false, false, false, true]);
    });

    test('an expired code or link no longer works', async () => {
      const ticket = await buildTicket(deps);
      const { code, token } = await send(ticket.reference);
      await deps.store.db.updateTable('ticket_verifications').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('ticket_id', '=', ticket.id).execute();
      assert.deepEqual(await confirm(ticket.reference, code), { ok: false, reason: 'expired' });
      assert.deepEqual(await deps.uow((work) => confirmVerificationLink(work, token)), { ok: false, reason: 'expired' });
      assert.equal((await state(ticket.reference)).status, 'none');
    });

    test('the link verifies once, as the customer; peeking at it changes nothing', async () => {
      const ticket = await buildTicket(deps);
      const { token } = await send(ticket.reference);
      assert.deepEqual(await peekVerificationLink(deps.store.db, token, new Date().toISOString()), { state: 'valid', reference: ticket.reference });
      assert.equal((await state(ticket.reference)).status, 'pending');
      assert.deepEqual(await deps.uow((work) => confirmVerificationLink(work, token)), { ok: true, reference: ticket.reference });
      assert.deepEqual(await deps.uow((work) => confirmVerificationLink(work, token)), { ok: false, reason: 'used' });
      assert.deepEqual(await deps.uow((work) => confirmVerificationLink(work, 'A'.repeat(43))), { ok: false, reason: 'unknown' });
      const v = await state(ticket.reference);
      assert.deepEqual({ method: v.method, by: v.verifiedBy }, { method: 'email_link', by: { type: 'customer', id: ticket.customer.id } });
    });

    test('a signed identity of the ticket customer verifies; a bad signature or another person does not', async () => {
      const ticket = await buildTicket(deps);
      const other = await buildTicket(deps);
      const value = ticket.customer.email!;
      const good = { kind: 'email' as const, value: value.toUpperCase(), signature: signIdentity(IDENTITY_SECRET, value) };
      await assert.rejects(deps.uow((work) => verifyBySignedIdentity(work, ticket.reference, { ...good, signature: signIdentity('another-secret-of-at-least-32-chars!!', value) }, IDENTITY_SECRET)), /does not match/);
      await assert.rejects(deps.uow((work) => verifyBySignedIdentity(work, other.reference, good, IDENTITY_SECRET)), /not the customer/);
      await deps.uow((work) => verifyBySignedIdentity(work, ticket.reference, good, IDENTITY_SECRET));
      const v = await state(ticket.reference);
      assert.deepEqual({ status: v.status, method: v.method, by: v.verifiedBy }, { status: 'verified', method: 'signed_identity', by: { type: 'customer', id: ticket.customer.id } });
      assert.equal((await state(other.reference)).status, 'none');
    });

    test('requireVerified guards the end of account help; solving an account ticket needs it', async () => {
      const ticket = await buildTicket(deps, { category: 'account' });
      await assert.rejects(requireVerified(deps.store.db, ticket), (e: Error & { code?: string }) => e.code === 'verification_required');
      await assert.rejects(deps.uow((work) => updateTicket(work, ticket.reference, { status: 'solved' }, AGENT)), /not verified yet/);
      const { code } = await send(ticket.reference);
      await confirm(ticket.reference, code);
      await requireVerified(deps.store.db, ticket);
      assert.equal((await deps.uow((work) => updateTicket(work, ticket.reference, { status: 'solved' }, AGENT))).status, 'solved');
      const other = await buildTicket(deps, { category: 'billing' });
      assert.equal((await deps.uow((work) => updateTicket(work, other.reference, { status: 'solved' }, AGENT))).status, 'solved', 'other categories need no verification');
    });
  });
}
