import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertProblem, call, testApp, type TestApp } from '../../../test/support/http.ts';
import { DIALECTS, dialectSkip } from '../../../test/support/stores.ts';
import { getImapSettings, imapPasswordBox, isSealed, passwordBox, sealPlainPasswords } from '../../channels/email/imap/index.ts';

for (const dialect of DIALECTS) {
  describe(`/api/v1/mailboxes on ${dialect}`, { skip: await dialectSkip(dialect) }, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp(dialect);
    });
    after(() => t.close());

    test('admins add mailboxes; everyone signed in lists them; agents may not add', async () => {
      const admin = { token: await t.tokenFor('admin') };
      const team = await call(t.app, 'POST', '/api/v1/teams', { as: admin, body: { name: 'Billing' } });
      const made = await call(t.app, 'POST', '/api/v1/mailboxes', { as: admin, body: { address: 'Billing@Example.com', name: 'Billing', category: 'billing', priority: 'high', team_id: team.body.id } });
      assert.equal(made.status, 201, made.text);
      assert.deepEqual({ ...made.body, id: 0, created_at: '', updated_at: '' }, { id: 0, address: 'billing@example.com', name: 'Billing', category: 'billing', priority: 'high', team_id: team.body.id, created_at: '', updated_at: '' });
      const listed = await call(t.app, 'GET', '/api/v1/mailboxes', { as: { token: await t.tokenFor('viewer') } });
      assert.deepEqual(listed.body.items.map((m: { address: string }) => m.address), ['billing@example.com']);
      assertProblem(await call(t.app, 'POST', '/api/v1/mailboxes', { as: { token: await t.tokenFor('agent') }, body: { address: 'x@example.com', category: 'general' } }), 403, /mailboxes:manage/);
    });

    test('bad input is a problem+json naming the field; a taken address is a conflict', async () => {
      const admin = { token: await t.tokenFor('admin') };
      assertProblem(await call(t.app, 'POST', '/api/v1/mailboxes', { as: admin, body: { address: 'nope', category: 'general' } }), 400);
      assertProblem(await call(t.app, 'POST', '/api/v1/mailboxes', { as: admin, body: { address: 'a@example.com', category: 'weather' } }), 400);
      assertProblem(await call(t.app, 'POST', '/api/v1/mailboxes', { as: admin, body: { address: 'a@example.com', category: 'general', team_id: 424242 } }), 400, /Team 424242/);
      assertProblem(await call(t.app, 'POST', '/api/v1/mailboxes', { as: admin, body: { address: 'BILLING@example.com', category: 'general' } }), 409);
      const spec = await call(t.app, 'GET', '/api/openapi.json');
      assert.ok(spec.body.paths['/api/v1/mailboxes'].post, 'the route is in the OpenAPI description');
    });

    test('IMAP settings: admins set them, the password is stored sealed and never returned, kept when left out, audited without it', async () => {
      const admin = { token: await t.tokenFor('admin') };
      const PASSWORD = 'imap-Secret-9f2c';
      const box = imapPasswordBox(t.deps.config);
      const mb = (await call(t.app, 'POST', '/api/v1/mailboxes', { as: admin, body: { address: 'imap-api@example.com', category: 'general' } })).body;
      const url = `/api/v1/mailboxes/${mb.id}/imap`;
      assertProblem(await call(t.app, 'GET', url, { as: admin }), 404);
      assertProblem(await call(t.app, 'PUT', url, { as: admin, body: { host: 'imap.example.net', user: 'support' } }), 400, /password is required/);
      assertProblem(await call(t.app, 'PUT', url, { as: { token: await t.tokenFor('agent') }, body: { host: 'imap.example.net', user: 'support', password: PASSWORD } }), 403);
      assertProblem(await call(t.app, 'PUT', url, { as: admin, body: { host: 'imap.example.net', user: 'support', password: PASSWORD, after_commit: { kind: 'flag', keyword: 'not an atom' } } }), 400);
      assertProblem(await call(t.app, 'PUT', '/api/v1/mailboxes/987654/imap', { as: admin, body: { host: 'imap.example.net', user: 'support', password: PASSWORD } }), 404);

      const put = await call(t.app, 'PUT', url, { as: admin, body: { host: 'imap.example.net', user: 'support', password: PASSWORD, after_commit: { kind: 'move', folder: 'Filed' } } });
      assert.equal(put.status, 200, put.text);
      assert.deepEqual({ ...put.body }, { mailbox_id: mb.id, host: 'imap.example.net', port: 993, secure: true, user: 'support', has_password: true, folder: 'INBOX', after_commit: { kind: 'move', folder: 'Filed' }, uid_validity: null, last_uid: 0, polled_at: null });
      assert.ok(!put.text.includes(PASSWORD));
      const row = await t.deps.store.db.selectFrom('mailbox_imap').select('password').where('mailbox_id', '=', mb.id).executeTakeFirstOrThrow();
      assert.ok(isSealed(row.password) && !row.password.includes(PASSWORD), 'sealed at rest');
      assert.equal((await getImapSettings(t.deps.store.db, box, mb.id))?.password, PASSWORD, 'the poller gets it back');

      const get = await call(t.app, 'GET', url, { as: admin });
      assert.deepEqual(get.body, put.body);
      assert.ok(!get.text.includes(PASSWORD) && !get.text.includes(row.password), 'neither the password nor its ciphertext is returned');
      const kept = await call(t.app, 'PUT', url, { as: admin, body: { host: 'imap.example.net', port: 143, secure: false, user: 'support' } });
      assert.equal(kept.status, 200, kept.text);
      assert.equal((await getImapSettings(t.deps.store.db, box, mb.id))?.password, PASSWORD, 'left out: kept');
      const audit = await t.deps.store.db.selectFrom('audit_log').select(['action', 'data']).where('target_id', '=', String(mb.id)).where('action', 'like', 'mailbox.imap%').execute();
      assert.equal(audit.length, 2);
      assert.ok(audit.every((a) => !a.data.includes(PASSWORD)), 'never in the audit log');

      const deleted = await call(t.app, 'DELETE', url, { as: admin });
      assert.equal(deleted.status, 204);
      assertProblem(await call(t.app, 'GET', url, { as: admin }), 404);
      assert.equal(await t.deps.store.db.selectFrom('mailbox_imap').select('mailbox_id').where('mailbox_id', '=', mb.id).executeTakeFirst(), undefined, 'the sealed password is gone');
      const spec = await call(t.app, 'GET', '/api/openapi.json');
      assert.ok(spec.body.paths['/api/v1/mailboxes/{id}/imap'].put, 'in the OpenAPI description');
    });

    test('a sealed IMAP password opens only for its own mailbox and with the same secret; clear ones left by an older version get sealed', async () => {
      const admin = { token: await t.tokenFor('admin') };
      const box = imapPasswordBox(t.deps.config);
      const a = (await call(t.app, 'POST', '/api/v1/mailboxes', { as: admin, body: { address: 'imap-a@example.com', category: 'general' } })).body;
      const b = (await call(t.app, 'POST', '/api/v1/mailboxes', { as: admin, body: { address: 'imap-b@example.com', category: 'general' } })).body;
      for (const m of [a, b]) assert.equal((await call(t.app, 'PUT', `/api/v1/mailboxes/${m.id}/imap`, { as: admin, body: { host: 'imap.example.net', user: `u${m.id}`, password: `pw-${m.id}` } })).status, 200);
      const sealedA = (await t.deps.store.db.selectFrom('mailbox_imap').select('password').where('mailbox_id', '=', a.id).executeTakeFirstOrThrow()).password;
      await t.deps.store.db.updateTable('mailbox_imap').set({ password: sealedA }).where('mailbox_id', '=', b.id).execute();
      await assert.rejects(getImapSettings(t.deps.store.db, box, b.id), /cannot be decrypted/, "a's ciphertext does not open as b's");
      await assert.rejects(getImapSettings(t.deps.store.db, passwordBox('another deployment secret'), a.id), /cannot be decrypted/);

      await t.deps.store.db.updateTable('mailbox_imap').set({ password: 'clear-text-pw' }).where('mailbox_id', '=', b.id).execute();
      assert.equal((await getImapSettings(t.deps.store.db, box, b.id))?.password, 'clear-text-pw', 'read as it is until sealed');
      assert.equal(await sealPlainPasswords(t.deps.store.db, box), 1);
      const row = await t.deps.store.db.selectFrom('mailbox_imap').select('password').where('mailbox_id', '=', b.id).executeTakeFirstOrThrow();
      assert.ok(isSealed(row.password));
      assert.equal((await getImapSettings(t.deps.store.db, box, b.id))?.password, 'clear-text-pw');
      assert.equal(await sealPlainPasswords(t.deps.store.db, box), 0);
    });
  });
}
