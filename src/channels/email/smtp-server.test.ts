import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createMailbox } from '../../modules/mailboxes/index.ts';
import { testDeps } from '../../../test/support/builders.ts';
import { SmtpClient } from '../../../test/support/smtp-client.ts';
import { DIALECTS, dialectSkip } from '../../../test/support/stores.ts';
import { SmtpChannel } from './smtp-server.ts';
import { buildEmail, fixture } from './test-kit.ts';

for (const dialect of DIALECTS) {
  describe(`the SMTP edge on ${dialect}`, { skip: await dialectSkip(dialect) }, () => {
    let deps: Awaited<ReturnType<typeof testDeps>>;
    let smtp: SmtpChannel;
    const clients: SmtpClient[] = [];
    const open = async () => {
      const { client, greeting } = await SmtpClient.connect(smtp.port);
      clients.push(client);
      return { client, greeting };
    };
    before(async () => {
      deps = await testDeps(dialect);
      await createMailbox(deps.store.db, { address: 'support@example.com', category: 'general' }, new Date().toISOString());
      smtp = new SmtpChannel(deps, { host: '127.0.0.1', port: 0, maxBytes: 64 * 1024, ipLimits: { maxConnections: 3, burst: 8, perSecond: 0.001 } });
      await smtp.start();
    });
    after(async () => {
      for (const c of clients) c.destroy();
      await smtp.stop();
      await deps.close();
    });

    test('250 comes only once the message is committed; EHLO offers SIZE but neither AUTH nor STARTTLS', async () => {
      const { client, greeting } = await open();
      assert.equal(greeting.code, 220);
      const ehlo = await client.command('EHLO client.example');
      assert.equal(ehlo.code, 250);
      assert.match(ehlo.text, /SIZE 65536/);
      assert.doesNotMatch(ehlo.text, /AUTH|STARTTLS/);
      assert.ok((await client.command('AUTH PLAIN AGFkYQBzZWNyZXQ=')).code >= 500);
      const sent = await client.send('ada@customer.example', ['Support@Example.com'], fixture('plain.eml'));
      assert.equal(sent.code, 250, sent.text);
      const reference = /Received as (CL-[0-9A-Z]{8})/.exec(sent.text)?.[1];
      assert.ok(reference, sent.text);
      const stored = await deps.store.db.selectFrom('inbound_emails').select('status').where('message_id', '=', 'plain-1@customer.example').executeTakeFirst();
      assert.equal(stored?.status, 'processed');
      await client.quit();
    });

    test('unknown recipients get 550, oversize mail 552, a missing From 554', async () => {
      const { client } = await open();
      await client.command('EHLO client.example');
      const unknown = await client.send('x@customer.example', ['unknown@example.com'], buildEmail());
      assert.deepEqual([unknown.step, unknown.code], ['rcpt', 550]);
      assert.match(unknown.text, /No mailbox here/);
      assert.equal((await client.command('MAIL FROM:<x@customer.example> SIZE=999999999')).code, 552);
      await client.command('RSET');
      const big = await client.send('x@customer.example', ['support@example.com'], buildEmail({ body: 'y'.repeat(100 * 1024) }));
      assert.deepEqual([big.step, big.code], ['data', 552]);
      const anonymous = await client.send('x@customer.example', ['support@example.com'], fixture('missing-from.eml'));
      assert.deepEqual([anonymous.code, anonymous.text.includes('no usable From')], [554, true]);
      await client.quit();
    });

    test('a peer gets 421 past its connection cap and 450 once its mail bucket is empty', async () => {
      const held = [await open(), await open(), await open()];
      const { greeting } = await open();
      assert.equal(greeting.code, 421);
      for (const h of held) h.client.destroy();
      await new Promise((r) => setTimeout(r, 100));
      const { client } = await open();
      await client.command('EHLO client.example');
      const codes: number[] = [];
      for (let i = 0; i < 12; i++) {
        const r = await client.command('MAIL FROM:<rate@customer.example>');
        codes.push(r.code);
        await client.command('RSET');
      }
      assert.ok(codes.includes(450), codes.join(','));
      await client.quit();
    });
  });
}
