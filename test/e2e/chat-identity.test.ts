import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { SignJWT } from 'jose';
import { signChatIdentity } from '../../src/modules/chat/index.ts';
import { assertProblem, call, testApp, type TestApp } from '../support/http.ts';
import { DIALECTS, dialectSkip } from '../support/stores.ts';
import { connectChat, customer, type ChatClient } from '../support/ws-client.ts';

for (const dialect of DIALECTS) {
  describe(`chat identity and settings on ${dialect}`, { skip: await dialectSkip(dialect) }, () => {
    let t: TestApp;
    let base = '';
    let secret = '';
    const open: ChatClient[] = [];

    before(async () => {
      t = await testApp(dialect);
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    });
    after(async () => {
      for (const c of open) await c.close();
      await t.close();
    });

    const jwt = (claims: Record<string, unknown>, expSeconds: number, key = secret): Promise<string> =>
      new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('42').setExpirationTime(Math.floor(Date.now() / 1000) + expSeconds).sign(new TextEncoder().encode(key));

    test('settings: only admins read them (with the secret generated on first use), change enforcement and rotate the secret', async () => {
      const admin = { token: await t.tokenFor('admin') };
      assertProblem(await call(t.app, 'GET', '/api/v1/chat/settings', { as: { token: await t.tokenFor('agent') } }), 403);
      assertProblem(await call(t.app, 'GET', '/api/v1/chat/settings'), 401);
      const first = await call(t.app, 'GET', '/api/v1/chat/settings', { as: admin });
      assert.equal(first.status, 200);
      assert.ok(first.body.identity_secret.length >= 32);
      assert.equal(first.body.enforce_identity, false);
      const again = await call(t.app, 'GET', '/api/v1/chat/settings', { as: admin });
      assert.equal(again.body.identity_secret, first.body.identity_secret);
      assertProblem(await call(t.app, 'PUT', '/api/v1/chat/settings', { as: admin, body: { enforce_identity: 'yes' } }), 400);
      const rotated = await call(t.app, 'POST', '/api/v1/chat/settings/rotate-secret', { as: admin });
      assert.notEqual(rotated.body.identity_secret, first.body.identity_secret);
      secret = rotated.body.identity_secret;
    });

    test('a valid JWT links the visitor to a verified customer; its ticket is verified for agents', async () => {
      const { client, welcome } = await customer(base, { identity: { jwt: await jwt({ email: `Ann-${dialect}@Example.org`, name: 'Ann' }, 600) } });
      open.push(client);
      assert.equal(welcome.verified, true);
      assert.deepEqual(welcome.customer, { name: 'Ann', email: `ann-${dialect}@example.org` });
      const row = await t.deps.store.db.selectFrom('customer_identities').selectAll().where('value', '=', `ann-${dialect}@example.org`).executeTakeFirstOrThrow();
      assert.equal(row.verified, 1);
      // Nobody is online: the chat becomes an email ticket to the verified address, still verified.
      const ack = await client.request({ type: 'start', client_id: 'v-1', text: 'Change my plan' });
      assert.equal(ack.type, 'ack', JSON.stringify(ack));
      assert.equal(ack.offline, true);
      const ticket = await call(t.app, 'GET', `/api/v1/tickets/${ack.conversation.reference}`, { as: { token: await t.tokenFor('viewer') } });
      assert.equal(ticket.body.customer.id, row.customer_id);
      assert.equal(ticket.body.verification.status, 'verified');
      assert.equal(ticket.body.verification.method, 'signed_identity');
    });

    test('an HMAC identity works; an expired or forged identity is refused with identity_invalid and close 4403', async () => {
      const expires = Math.floor(Date.now() / 1000) + 600;
      const email = `bo-${dialect}@example.org`;
      const { client, welcome } = await customer(base, { identity: { user_id: '7', email, expires, signature: signChatIdentity(secret, '7', email, expires) } });
      open.push(client);
      assert.equal(welcome.verified, true);
      for (const identity of [
        { jwt: await jwt({ email }, -60) },
        { jwt: await jwt({ email }, 600, 'x'.repeat(43)) },
        { user_id: '8', email, expires, signature: signChatIdentity(secret, '7', email, expires) },
        { user_id: '7', email, expires: expires - 1200, signature: signChatIdentity(secret, '7', email, expires - 1200) },
      ]) {
        const c = await connectChat(base);
        const refused = await c.request({ type: 'hello', role: 'customer', identity });
        assert.equal(refused.type, 'error');
        assert.equal(refused.code, 'identity_invalid');
        assert.equal((await c.closed).code, 4403);
      }
    });

    test('with enforcement on, a visitor without identity is refused with identity_required; with one it chats', async () => {
      const admin = { token: await t.tokenFor('admin') };
      assert.equal((await call(t.app, 'PUT', '/api/v1/chat/settings', { as: admin, body: { enforce_identity: true } })).status, 200);
      try {
        const c = await connectChat(base);
        const refused = await c.request({ type: 'hello', role: 'customer' });
        assert.equal(refused.code, 'identity_required');
        assert.equal((await c.closed).code, 4403);
        const { client, welcome } = await customer(base, { identity: { jwt: await jwt({ email: `cy-${dialect}@example.org` }, 600) } });
        open.push(client);
        assert.equal(welcome.verified, true);
      } finally {
        await call(t.app, 'PUT', '/api/v1/chat/settings', { as: admin, body: { enforce_identity: false } });
      }
    });
  });
}
