import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import nodemailer from 'nodemailer';
import { createMailbox } from '../../modules/mailboxes/index.ts';
import { listMessages } from '../../modules/tickets/index.ts';
import { testDeps } from '../../../test/support/builders.ts';
import { SmtpClient } from '../../../test/support/smtp-client.ts';
import { senderCheck } from './sender-auth.ts';
import { fakeDns, signed } from './sender-test-kit.ts';
import { SmtpChannel } from './smtp-server.ts';
import { buildEmail } from './test-kit.ts';

/** A self-signed certificate for localhost in a temp dir, made by openssl. */
function selfSigned(): { dir: string; cert: string; key: string } {
  const dir = mkdtempSync(join(tmpdir(), 'careline-tls-'));
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-days', '1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
  return { dir, cert, key };
}

describe('STARTTLS on the SMTP edge', () => {
  let deps: Awaited<ReturnType<typeof testDeps>>;
  let tls: SmtpChannel;
  let plain: SmtpChannel;
  let files: ReturnType<typeof selfSigned>;
  before(async () => {
    files = selfSigned();
    deps = await testDeps('sqlite');
    await createMailbox(deps.store.db, { address: 'support@example.com', category: 'general' }, new Date().toISOString());
    const check = senderCheck({ resolver: fakeDns });
    tls = new SmtpChannel(deps, { host: '127.0.0.1', port: 0, tls: { cert: readFileSync(files.cert), key: readFileSync(files.key) }, senderCheck: check });
    plain = new SmtpChannel(deps, { host: '127.0.0.1', port: 0, senderCheck: check });
    await Promise.all([tls.start(), plain.start()]);
  });
  after(async () => {
    await Promise.all([tls.stop(), plain.stop()]);
    await deps.close();
    rmSync(files.dir, { recursive: true, force: true });
  });

  test('with a certificate, EHLO offers STARTTLS and a client that requires TLS delivers; the verdict is kept', async () => {
    const { client } = await SmtpClient.connect(tls.port);
    assert.match((await client.command('EHLO client.example')).text, /STARTTLS/);
    await client.quit();
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: tls.port, secure: false, requireTLS: true, tls: { rejectUnauthorized: false }, name: 'mx.example.org' });
    try {
      const raw = await signed(buildEmail({ from: 'Ann <ann@example.org>', messageId: 'tls-1@example.org' }));
      const info = await transport.sendMail({ envelope: { from: 'ann@example.org', to: ['support@example.com'] }, raw });
      assert.match(info.response, /^250 .*Received as CL-/);
      const row = await deps.store.db.selectFrom('messages').select(['ticket_id', 'sender_auth']).where('external_id', '=', 'tls-1@example.org').executeTakeFirstOrThrow();
      const [message] = await listMessages(deps.store.db, row.ticket_id);
      assert.deepEqual([message?.senderAuth?.spf, message?.senderAuth?.dkim, message?.senderAuth?.dmarc, message?.senderAuth?.unverified], ['pass', 'pass', 'pass', false]);
    } finally {
      transport.close();
    }
  });

  test('without a certificate, EHLO does not offer STARTTLS and a client that requires TLS gives up', async () => {
    const { client } = await SmtpClient.connect(plain.port);
    assert.doesNotMatch((await client.command('EHLO client.example')).text, /STARTTLS/);
    assert.ok((await client.command('STARTTLS')).code >= 500);
    await client.quit();
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: plain.port, secure: false, requireTLS: true, tls: { rejectUnauthorized: false } });
    try {
      await assert.rejects(transport.sendMail({ envelope: { from: 'ann@example.org', to: ['support@example.com'] }, raw: buildEmail() }), /STARTTLS/);
    } finally {
      transport.close();
    }
  });
});
