import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { authenticate, type MailauthResolver } from 'mailauth';
import { SMTPServer } from 'smtp-server';
import { testDeps } from '../../../test/support/builders.ts';
import { freePort } from '../../../test/support/spawn-server.ts';
import { DIALECTS, dialectSkip } from '../../../test/support/stores.ts';

/** A relay on 127.0.0.1 that keeps each message's raw bytes: a signature is checked on the bytes, not a parse. */
async function rawSink(port: number): Promise<{ received: Buffer[]; close(): Promise<void> }> {
  const received: Buffer[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push(Buffer.concat(chunks));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** DNS that publishes only our DKIM key at sel2026._domainkey.help.vaultly.example. */
function dnsWith(publicKey: string): MailauthResolver {
  return async (name, rrtype) => {
    if (rrtype === 'TXT' && name.toLowerCase() === 'sel2026._domainkey.help.vaultly.example') return [[`v=DKIM1; k=rsa; p=${publicKey}`]];
    throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
  };
}

const verify = (raw: Buffer, resolver: MailauthResolver) =>
  authenticate(raw, { ip: '127.0.0.1', helo: 'careline', sender: 'support@help.vaultly.example', mta: 'test', resolver, disableArc: true, disableBimi: true });

for (const dialect of DIALECTS) {
  describe(`DKIM-signed outbound mail on ${dialect}`, { skip: await dialectSkip(dialect) }, () => {
    const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const publicKey = keys.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    let sink: Awaited<ReturnType<typeof rawSink>>;
    let deps: Awaited<ReturnType<typeof testDeps>>;

    before(async () => {
      const port = await freePort();
      sink = await rawSink(port);
      const dir = mkdtempSync(join(tmpdir(), 'careline-dkim-'));
      writeFileSync(join(dir, 'dkim.pem'), keys.privateKey.export({ type: 'pkcs8', format: 'pem' }));
      deps = await testDeps(dialect, {
        PUBLIC_URL: 'https://help.vaultly.example',
        SMTP_OUTBOUND_URL: `smtp://127.0.0.1:${port}`,
        SMTP_DKIM_DOMAIN: 'help.vaultly.example',
        SMTP_DKIM_SELECTOR: 'sel2026',
        SMTP_DKIM_KEY_FILE: join(dir, 'dkim.pem'),
      });
    });
    after(async () => {
      await deps.close();
      await sink.close();
    });

    test('a delivered mail carries a DKIM signature that verifies against the published key, and fails against another', async () => {
      await deps.uow((work) => deps.outbox.queueEmail(work, { kind: 'notice', to: 'ana@customer.example', subject: 'Your request CL-TEST0001', text: 'Hello Ana,\r\nwe are on it.', html: '<p>Hello Ana, we are on it.</p>' }));
      await deps.jobs.runDue();
      assert.equal(sink.received.length, 1);
      const raw = sink.received[0]!;
      assert.match(raw.toString('latin1'), /^DKIM-Signature:[^]*?\bd=help\.vaultly\.example;/m);
      const good = await verify(raw, dnsWith(publicKey));
      const result = good.dkim.results?.[0] as { signingDomain?: string; selector?: string; status: { result: string; aligned?: unknown } };
      assert.equal(result.status.result, 'pass', JSON.stringify(result.status));
      assert.equal(result.signingDomain, 'help.vaultly.example');
      assert.equal(result.selector, 'sel2026');
      assert.ok(result.status.aligned, 'aligned with the From domain (support@help.vaultly.example), so DMARC can pass');
      const forged = await verify(raw, dnsWith(other));
      assert.equal(forged.dkim.results?.[0]?.status.result, 'fail');
    });
  });
}
