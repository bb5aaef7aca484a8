import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { api, freePort, runCli, spawnServer, type ServerProcess } from '../support/spawn-server.ts';
import { smtpSink, until } from '../support/smtp-sink.ts';


describe('verification code by real SMTP', () => {
  const dir = mkdtempSync(join(tmpdir(), 'careline-verify-e2e-'));
  let sink: Awaited<ReturnType<typeof smtpSink>>;
  let server: ServerProcess;
  let token = '';

  before(async () => {
    const smtpPort = await freePort();
    sink = await smtpSink(smtpPort);
    const env = {
      DATABASE_URL: `sqlite:${join(dir, 'careline.db')}`,
      CARELINE_DATA_DIR: dir,
      CARELINE_DEMO: '0',
      LOG_LEVEL: 'warn',
      PUBLIC_URL: 'http://help.vaultly.test',
      SMTP_OUTBOUND_URL: `smtp://127.0.0.1:${smtpPort}`,
    };
    token = (await runCli(['token', 'create', '--name', 'verify-e2e', '--role', 'admin'], env)).stdout.trim();
    server = await spawnServer(env);
  });
  after(async () => {
    await server?.stop();
    await sink?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the customer receives the code mail over SMTP, and the code from it verifies the ticket', async () => {
    const created = await api(server.url, 'POST', '/api/v1/tickets', token, { subject: 'Locked out after changing phones', body: 'My authenticator codes are gone.', category: 'account', customer: { email: 'Maria.Gonzalez@example.org', name: 'María González' } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const reference = (created.body as { reference: string }).reference;

    const requested = await api(server.url, 'POST', `/api/v1/tickets/${reference}/verification`, token);
    assert.equal(requested.status, 202, JSON.stringify(requested.body));

    const { rcpt, mail } = await until('the verification mail', () => sink.received[0]);
    assert.deepEqual(rcpt, ['maria.gonzalez@example.org']);
    assert.equal(mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : null, 'maria.gonzalez@example.org');
    assert.equal(mail.from?.value[0]?.address, 'support@help.vaultly.test');
    assert.match(mail.messageId ?? '', /@help\.vaultly\.test>$/);
    assert.equal(mail.headers.get('auto-submitted'), 'auto-generated');
    assert.match(mail.subject ?? '', new RegExp(reference));
    assert.match(mail.text ?? '', /http:\/\/help\.vaultly\.test\/verify\/[A-Za-z0-9_-]{43}/);
    const code = /Your code: (\d{6})/.exec(mail.text ?? '')?.[1];
    assert.ok(code, mail.text);

    const sent = await until('the outbox to mark the mail sent', async () => {
      const res = await api(server.url, 'GET', `/api/v1/outbox?ticket=${reference}`, token);
      const [item] = (res.body as { items: Array<{ status: string; sent_at: string | null; text: string | null }> }).items;
      return item?.status === 'sent' ? item : undefined;
    });
    assert.ok(sent.sent_at);
    assert.equal(sent.text, null, 'the code is not shown in the outbox');

    const confirmed = await api(server.url, 'POST', `/api/v1/tickets/${reference}/verification/confirm`, token, { code });
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    assert.deepEqual((confirmed.body as { verification: { status: string; method: string } }).verification.method, 'email_code');
    const solved = await api(server.url, 'PATCH', `/api/v1/tickets/${reference}`, token, { status: 'solved' });
    assert.equal(solved.status, 200, JSON.stringify(solved.body));
  });
});
