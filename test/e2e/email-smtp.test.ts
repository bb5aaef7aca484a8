import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import nodemailer from 'nodemailer';
import { SmtpClient } from '../support/smtp-client.ts';
import { api, freePort, runCli, spawnServer, type ServerProcess } from '../support/spawn-server.ts';

type TicketJson = { reference: string; channel: string; subject: string; priority: string; category: string; team_id: number | null; customer: { email: string } };
type MessageJson = { text: string; author: { type: string }; channel: string; external_id: string | null };

describe('email in over real SMTP, on the demo workspace', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'careline-email-e2e-'));
  let env: Record<string, string>;
  let server: ServerProcess;
  let smtpPort = 0;
  let token = '';
  const get = async <T>(path: string): Promise<T> => {
    const res = await api(server.url, 'GET', path, token);
    assert.equal(res.status, 200, `GET ${path}: ${JSON.stringify(res.body)}`);
    return res.body as T;
  };
  const transport = () => nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });

  before(async () => {
    smtpPort = await freePort();
    env = { DATABASE_URL: `sqlite:${join(dir, 'careline.db')}`, CARELINE_DATA_DIR: dir, CARELINE_DEMO: '1', LOG_LEVEL: 'warn', SMTP_PORT: String(smtpPort) };
    server = await spawnServer(env);
    token = (await runCli(['token', 'create', '--name', 'email-e2e', '--role', 'admin'], env)).stdout.trim();
  });
  after(async () => {
    await server?.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  test('a mail to support@example.com becomes an email ticket with a reference, found by its sender', async () => {
    const info = await transport().sendMail({
      from: 'Erin Example <erin@customer.example>',
      to: 'support@example.com',
      subject: 'My vault will not unlock',
      text: 'Since this morning the desktop app rejects my master password.',
      messageId: '<e2e-first@customer.example>',
    });
    const reference = /Received as (CL-[0-9A-Z]{8})/.exec(info.response)?.[1];
    assert.ok(reference, info.response);
    const page = await get<{ items: TicketJson[] }>('/api/v1/tickets?customer=erin@customer.example');
    assert.equal(page.items.length, 1);
    const [ticket] = page.items;
    assert.deepEqual([ticket!.reference, ticket!.channel, ticket!.subject], [reference, 'email', 'My vault will not unlock']);
    const teams = await get<{ items: Array<{ id: number; slug: string }> }>('/api/v1/teams');
    assert.equal(ticket!.team_id, teams.items.find((t) => t.slug === 'support')!.id);
    const { items } = await get<{ items: MessageJson[] }>(`/api/v1/tickets/${reference}/messages`);
    assert.deepEqual([items[0]!.author.type, items[0]!.channel, items[0]!.external_id], ['customer', 'email', 'e2e-first@customer.example']);
  });

  test('a reply with [reference] in the subject lands in that ticket; the same Message-ID twice appears once', async () => {
    const [ticket] = (await get<{ items: TicketJson[] }>('/api/v1/tickets?customer=erin@customer.example')).items;
    const reply = { from: 'erin@customer.example', to: 'support@example.com', subject: `Re: [${ticket!.reference}] My vault will not unlock`, text: 'It also fails on my phone.', messageId: '<e2e-reply@customer.example>' };
    await transport().sendMail(reply);
    const again = await transport().sendMail(reply);
    assert.match(again.response, new RegExp(`Already received as ${ticket!.reference}`));
    const { items } = await get<{ items: MessageJson[] }>(`/api/v1/tickets/${ticket!.reference}/messages`);
    assert.deepEqual(items.filter((m) => m.author.type === 'customer').map((m) => m.text), ['Since this morning the desktop app rejects my master password.', 'It also fails on my phone.']);
    assert.equal((await get<{ items: TicketJson[] }>('/api/v1/tickets?customer=erin@customer.example')).items.length, 1);
  });

  test('RCPT to an unknown address gets 550; security@ mail takes its mailbox priority and team', async () => {
    const { client, greeting } = await SmtpClient.connect(smtpPort);
    assert.equal(greeting.code, 220);
    await client.command('EHLO e2e.example');
    const refused = await client.send('erin@customer.example', ['unknown@example.com'], 'From: erin@customer.example\r\nSubject: hi\r\n\r\nhello\r\n');
    assert.deepEqual([refused.step, refused.code], ['rcpt', 550]);
    const sent = await client.send('sec@customer.example', ['security@example.com'], 'From: sec@customer.example\r\nSubject: Question about 2FA\r\nMessage-ID: <e2e-sec@customer.example>\r\n\r\nHow do I turn on two-step login?\r\n');
    assert.equal(sent.code, 250, sent.text);
    await client.quit();
    const [ticket] = (await get<{ items: TicketJson[] }>('/api/v1/tickets?customer=sec@customer.example')).items;
    const teams = await get<{ items: Array<{ id: number; slug: string }> }>('/api/v1/teams');
    assert.deepEqual([ticket!.priority, ticket!.team_id], ['high', teams.items.find((t) => t.slug === 'security')!.id]);
  });

  test('mailboxes are listed by the API and the CLI, and one added by the API receives mail at once', async () => {
    const listed = await get<{ items: Array<{ address: string; category: string }> }>('/api/v1/mailboxes');
    assert.deepEqual(listed.items.map((m) => [m.address, m.category]), [['billing@example.com', 'billing'], ['security@example.com', 'security'], ['support@example.com', 'general']]);
    const added = await api(server.url, 'POST', '/api/v1/mailboxes', token, { address: 'Sync@Example.com', category: 'sync' });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    assert.equal((added.body as { address: string }).address, 'sync@example.com');
    const info = await transport().sendMail({ from: 'sync-user@customer.example', to: 'sync@example.com', subject: 'Vault out of date', text: 'My phone shows last week’s vault.' });
    assert.match(info.response, /Received as CL-/);
    const cli = await runCli(['mailbox', 'list'], env);
    assert.match(cli.stdout, /sync@example\.com\tsync/);
  });

  test('SIGTERM closes SMTP and HTTP and exits 0', async () => {
    await server.stop('SIGTERM');
    assert.equal(server.child.exitCode, 0, server.output());
  });
});
