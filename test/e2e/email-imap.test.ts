import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ImapFlow } from 'imapflow';
import { buildEmail } from '../../src/channels/email/test-kit.ts';
import { openStore } from '../../src/store/database.ts';
import { dovecotSkip, startDovecot, type TestDovecot } from '../support/dovecot.ts';
import { runCli, spawnServer, type ServerProcess } from '../support/spawn-server.ts';

describe('IMAP polling from the CLI and from careline serve', { skip: dovecotSkip() }, () => {
  let dovecot: TestDovecot;
  let dir: string;
  let env: Record<string, string>;
  let server: ServerProcess | null = null;
  const append = async (raw: Buffer): Promise<void> => {
    const client = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false });
    await client.connect();
    await client.append('INBOX', raw);
    await client.logout();
  };
  const storedIds = async (): Promise<string[]> => {
    const store = openStore(env.DATABASE_URL!, { groupCommit: false });
    try {
      return (await store.db.selectFrom('inbound_emails').select('message_id').orderBy('id').execute()).map((r) => r.message_id);
    } finally {
      await store.close();
    }
  };

  before(async () => {
    dovecot = await startDovecot();
    dir = mkdtempSync(join(tmpdir(), 'careline-imap-e2e-'));
    env = { DATABASE_URL: `sqlite:${join(dir, 'careline.db')}`, CARELINE_DATA_DIR: dir, CARELINE_DEMO: '0', LOG_LEVEL: 'warn', IMAP_POLL_SECONDS: '1' };
  });
  after(async () => {
    await server?.stop();
    await dovecot.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('mailbox imap stores the settings; mailbox poll files the mail once; serve polls by itself', async () => {
    await runCli(['mailbox', 'add', 'hosted@example.com', '--category', 'general'], env);
    await runCli(['mailbox', 'imap', 'hosted@example.com', '--host', dovecot.host, '--port', String(dovecot.port), '--no-tls', '--user', dovecot.user], { ...env, IMAP_PASSWORD: dovecot.password });
    await append(buildEmail({ messageId: 'cli-1@customer.example' }));
    const polled = await runCli(['mailbox', 'poll', 'hosted@example.com'], env);
    assert.match(polled.stdout, /fetched 1, stored 1, already stored 0/);
    assert.match((await runCli(['mailbox', 'poll', 'hosted@example.com'], env)).stdout, /fetched 0, stored 0/);
    assert.deepEqual(await storedIds(), ['cli-1@customer.example']);

    server = await spawnServer(env);
    await append(buildEmail({ messageId: 'serve-1@customer.example' }));
    const deadline = Date.now() + 15_000;
    while (!(await storedIds()).includes('serve-1@customer.example')) {
      assert.ok(Date.now() < deadline, `serve did not poll: ${server.output()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.deepEqual(await storedIds(), ['cli-1@customer.example', 'serve-1@customer.example']);
  });
});
