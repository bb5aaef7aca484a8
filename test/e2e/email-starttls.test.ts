import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import nodemailer from 'nodemailer';
import { api, freePort, runCli, spawnServer, type ServerProcess } from '../support/spawn-server.ts';

describe('careline serve with SMTP_TLS_CERT and SMTP_TLS_KEY', () => {
  const dir = mkdtempSync(join(tmpdir(), 'careline-starttls-'));
  let server: ServerProcess;
  let env: Record<string, string>;
  let smtpPort = 0;
  before(async () => {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-days', '1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    smtpPort = await freePort();
    env = {
      DATABASE_URL: `sqlite:${join(dir, 'careline.db')}`, CARELINE_DATA_DIR: dir, CARELINE_DEMO: '1', LOG_LEVEL: 'warn', SMTP_PORT: String(smtpPort),
      SMTP_TLS_CERT: join(dir, 'cert.pem'), SMTP_TLS_KEY: join(dir, 'key.pem'),
    };
    server = await spawnServer(env);
  });
  after(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a client that requires TLS delivers over STARTTLS and the ticket carries the sender verdict', async () => {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, requireTLS: true, tls: { rejectUnauthorized: false } });
    try {
      const info = await transport.sendMail({ from: 'Ada <ada@customer.example>', to: 'support@example.com', subject: 'Over TLS', text: 'Encrypted on the way in.' });
      const reference = /Received as (CL-[0-9A-Z]{8})/.exec(info.response)?.[1];
      assert.ok(reference, info.response);
      const token = (await runCli(['token', 'create', '--name', 'starttls-e2e', '--role', 'admin'], env)).stdout.trim();
      const res = await api(server.url, 'GET', `/api/v1/tickets/${reference}`, token);
      const body = res.body as { unverified_sender: boolean; messages: Array<{ sender_auth: { unverified: boolean } | null }> };
      assert.equal(res.status, 200);
      assert.equal(body.unverified_sender, false);
      assert.equal(body.messages[0]?.sender_auth?.unverified, false, 'checked (no network here: no records, nothing to flag)');
    } finally {
      transport.close();
    }
  });
});
