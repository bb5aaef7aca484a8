import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Secret } from 'otpauth';
import { AppError } from '../../kernel/errors.ts';
import { testDeps } from '../../../test/support/builders.ts';
import { DIALECTS, dialectSkip } from '../../../test/support/stores.ts';
import { createAgent, resolveSession } from './index.ts';
import { login, SESSION_IDLE_MS } from './sessions.ts';
import { acceptedStep, agentOfSetupToken, enableTotp, resetTotp, setSecuritySettings, startTotpSetup, totpCode, TotpCipher } from './totp.ts';

const KEY = 'k'.repeat(40);
const later = (ms: number) => new Date(Date.now() + ms);

test('secrets are sealed with AES-256-GCM: different every time, tamper-evident, bound to the key', () => {
  const cipher = new TotpCipher(KEY);
  const secret = new Secret({ size: 20 }).base32;
  const a = cipher.seal(secret);
  const b = cipher.seal(secret);
  assert.notEqual(a, b);
  assert.ok(!a.includes(secret));
  assert.equal(cipher.open(a), secret);
  const flipped = a.slice(0, -2) + (a.at(-2) === 'A' ? 'B' : 'A') + a.at(-1);
  assert.throws(() => cipher.open(flipped));
  assert.throws(() => new TotpCipher('x'.repeat(40)).open(a));
});

test('a code is good for its time step and the neighbours, once, and never after a later one', () => {
  const secret = new Secret({ size: 20 }).base32;
  const now = new Date('2026-11-26T12:00:10Z');
  const step = Math.floor(now.getTime() / 30_000);
  assert.equal(acceptedStep(secret, totpCode(secret, now), now, null), step);
  assert.equal(acceptedStep(secret, totpCode(secret, new Date(now.getTime() - 30_000)), now, null), step - 1);
  assert.equal(acceptedStep(secret, totpCode(secret, new Date(now.getTime() - 90_000)), now, null), null, 'three steps old');
  assert.equal(acceptedStep(secret, totpCode(secret, now), now, step), null, 'replayed');
  assert.equal(acceptedStep(secret, totpCode(secret, new Date(now.getTime() - 30_000)), now, step), null, 'older than the last used');
  assert.equal(acceptedStep(secret, 'abcdef', now, null), null);
  assert.equal(acceptedStep(secret, '1234567', now, null), null);
});

for (const dialect of DIALECTS) {
  describe(`two-factor login on ${dialect}`, { skip: await dialectSkip(dialect) }, () => {
    let deps: Awaited<ReturnType<typeof testDeps>>;
    const cipher = new TotpCipher(KEY);
    let seq = 0;
    const agent = async () => {
      const email = `totp-${++seq}-${dialect}-${process.pid}@careline.test`;
      const made = await createAgent(deps.store.db, { email, name: 'Tess Totp', role: 'agent', password: 'correct horse battery' }, new Date().toISOString());
      return { ...made, email };
    };
    const code = (e: unknown) => (e instanceof AppError ? e.code : String(e));
    before(async () => {
      deps = await testDeps(dialect);
    });
    after(() => deps.close());

    test('with two-factor on, a login needs the current code, once; wrong codes count toward the lockout; all audited', async () => {
      const a = await agent();
      const setup = await startTotpSetup(deps.store.db, cipher, a.id);
      assert.match(setup.otpauthUrl, /^otpauth:\/\/totp\/Careline:.*secret=/);
      const stored = await deps.store.db.selectFrom('agents').select(['totp_pending_secret', 'totp_secret']).where('id', '=', a.id).executeTakeFirstOrThrow();
      assert.ok(stored.totp_pending_secret && !stored.totp_pending_secret.includes(setup.secret), 'kept encrypted');
      await assert.rejects(enableTotp(deps.store.db, cipher, a.id, '000000', null, new Date()), (e) => code(e) === 'validation_failed');
      await enableTotp(deps.store.db, cipher, a.id, totpCode(setup.secret, new Date()), null, new Date());

      await assert.rejects(login(deps.store.db, a.email, 'correct horse battery', null, new Date(), { cipher }), (e) => code(e) === 'totp_required');
      await assert.rejects(login(deps.store.db, a.email, 'correct horse battery', null, new Date(), { cipher, code: '123456' }), (e) => code(e) === 'totp_required');
      const next = totpCode(setup.secret, later(30_000));
      const session = await login(deps.store.db, a.email, 'correct horse battery', null, new Date(), { cipher, code: next });
      assert.ok(await resolveSession(deps.store.db, session.sessionId, new Date()));
      await assert.rejects(login(deps.store.db, a.email, 'correct horse battery', null, new Date(), { cipher, code: next }), (e) => code(e) === 'totp_required', 'the same code twice');
      await assert.rejects(login(deps.store.db, a.email, 'wrong password!!', null, new Date(), { cipher, code: totpCode(setup.secret, later(60_000)) }), (e) => code(e) === 'unauthorized');
      for (const wrong of ['000001', '000002', '000003']) {
        await assert.rejects(login(deps.store.db, a.email, 'correct horse battery', null, new Date(), { cipher, code: wrong }), (e) => code(e) === 'totp_required');
      }
      await assert.rejects(login(deps.store.db, a.email, 'correct horse battery', null, new Date(), { cipher, code: '000004' }), (e) => code(e) === 'locked', 'five failures of either kind lock the account');
      const actions = (await deps.store.db.selectFrom('audit_log').select('action').where('actor_id', '=', a.id).where('action', 'like', 'login.%').orderBy('id').execute()).map((r) => r.action);
      assert.deepEqual(actions, ['login.totp_failed', 'login.succeeded', 'login.totp_failed', 'login.failed', 'login.totp_failed', 'login.totp_failed', 'login.lockout', 'login.locked']);
    });

    test('when the workspace requires two-factor, an agent without it gets a setup token that only enrols; an admin reset starts over', async () => {
      const a = await agent();
      await setSecuritySettings(deps.store.db, { requireTotp: true }, { type: 'agent', id: a.id }, null, new Date());
      let token = '';
      await assert.rejects(login(deps.store.db, a.email, 'correct horse battery', null, new Date(), { cipher }), (e) => {
        token = String((e as AppError).details?.setup_token);
        return code(e) === 'totp_setup_required';
      });
      assert.equal(await agentOfSetupToken(deps.store.db, token, new Date()), a.id);
      await assert.rejects(agentOfSetupToken(deps.store.db, token, later(11 * 60_000)), (e) => code(e) === 'unauthorized', 'expires after 10 minutes');
      await assert.rejects(agentOfSetupToken(deps.store.db, 'clt_made-up-token', new Date()), (e) => code(e) === 'unauthorized');
      const setup = await startTotpSetup(deps.store.db, cipher, a.id);
      await enableTotp(deps.store.db, cipher, a.id, totpCode(setup.secret, new Date()), null, new Date());
      await assert.rejects(startTotpSetup(deps.store.db, cipher, a.id), (e) => code(e) === 'conflict', 'on already');
      await login(deps.store.db, a.email, 'correct horse battery', null, new Date(), { cipher, code: totpCode(setup.secret, later(30_000)) });

      await resetTotp(deps.store.db, a.id, { type: 'agent', id: 1 }, null, new Date());
      await assert.rejects(login(deps.store.db, a.email, 'correct horse battery', null, new Date(), { cipher }), (e) => code(e) === 'totp_setup_required');
      await setSecuritySettings(deps.store.db, { requireTotp: false }, { type: 'agent', id: a.id }, null, new Date());
      assert.ok(await login(deps.store.db, a.email, 'correct horse battery', null, new Date(), { cipher }));
      await assert.rejects(resetTotp(deps.store.db, 999_999, { type: 'agent', id: 1 }, null, new Date()), (e) => code(e) === 'not_found');
    });

    test('a session ends when idle for two hours, and use keeps it alive', async () => {
      const a = await agent();
      const start = new Date();
      const s = await login(deps.store.db, a.email, 'correct horse battery', null, start, { cipher });
      const at = (ms: number) => new Date(start.getTime() + ms);
      assert.ok(await resolveSession(deps.store.db, s.sessionId, at(SESSION_IDLE_MS - 60_000)), 'used just in time');
      assert.ok(await resolveSession(deps.store.db, s.sessionId, at(2 * SESSION_IDLE_MS - 120_000)), 'the last use counts');
      assert.equal(await resolveSession(deps.store.db, s.sessionId, at(3 * SESSION_IDLE_MS)), null, 'idle too long');
      assert.equal(await resolveSession(deps.store.db, s.sessionId, at(2 * SESSION_IDLE_MS - 110_000)), null, 'and gone for good');
      const other = await login(deps.store.db, a.email, 'correct horse battery', null, start, { cipher });
      let t = 0;
      for (; t < 12 * 60 * 60_000; t += SESSION_IDLE_MS / 2) assert.ok(await resolveSession(deps.store.db, other.sessionId, at(t)));
      assert.equal(await resolveSession(deps.store.db, other.sessionId, at(12 * 60 * 60_000)), null, 'the absolute limit holds however busy');
    });
  });
}
