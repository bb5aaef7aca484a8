import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { api, freePort, runCli, spawnServer, type ServerProcess } from '../support/spawn-server.ts';
import { smtpSink, until, type SunkMail } from '../support/smtp-sink.ts';

const CARD = '4111 1111 1111 1111';
const PASSWORD = 'Hunter2hunter2';
type MessageJson = { text: string; html: string; author: { type: string } };

describe('email out over real SMTP: acknowledgements, replies, threading, secrets', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'careline-email-out-e2e-'));
  let sink: Awaited<ReturnType<typeof smtpSink>>;
  let server: ServerProcess;
  let inPort = 0;
  let token = '';
  const send = (mail: SendMailOptions) => nodemailer.createTransport({ host: '127.0.0.1', port: inPort, secure: false, ignoreTLS: true }).sendMail({ to: 'support@example.com', ...mail });
  const referenceOf = (response: string): string => {
    const reference = /Received as (CL-[0-9A-Z]{8})/.exec(response)?.[1];
    assert.ok(reference, response);
    return reference;
  };
  const mailTo = (address: string, match: (m: SunkMail) => boolean) => until(`a mail to ${address}`, () => sink.received.find((m) => m.rcpt.includes(address) && match(m)));

  before(async () => {
    const outPort = await freePort();
    inPort = await freePort();
    sink = await smtpSink(outPort);
    const env = {
      DATABASE_URL: `sqlite:${join(dir, 'careline.db')}`,
      CARELINE_DATA_DIR: dir,
      CARELINE_DEMO: '1',
      LOG_LEVEL: 'info',
      PUBLIC_URL: 'http://help.vaultly.test',
      SMTP_PORT: String(inPort),
      SMTP_OUTBOUND_URL: `smtp://127.0.0.1:${outPort}`,
    };
    server = await spawnServer(env);
    token = (await runCli(['token', 'create', '--name', 'email-out-e2e', '--role', 'admin'], env)).stdout.trim();
  });
  after(async () => {
    await server?.stop();
    await sink?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a new mail is acknowledged to its sender with the reference and Auto-Submitted: auto-replied', async () => {
    const info = await send({ from: 'Erin <erin@customer.example>', subject: 'My vault will not unlock', text: 'The desktop app rejects my master password.', messageId: '<out-e2e-1@customer.example>' });
    const reference = referenceOf(info.response);
    const { mail } = await mailTo('erin@customer.example', (m) => (m.mail.subject ?? '').includes(reference));
    assert.equal(mail.subject, `[${reference}] We received your request: My vault will not unlock`);
    assert.equal(mail.from?.value[0]?.address, 'support@example.com');
    assert.equal(mail.headers.get('auto-submitted'), 'auto-replied');
    assert.match(mail.headers.get('x-careline-loop') as string, new RegExp(reference));
    assert.equal(mail.inReplyTo, '<out-e2e-1@customer.example>');
    assert.match(mail.text ?? '', new RegExp(`reference is ${reference}`));
  });

  test("an agent's reply reaches the customer threaded; the customer's answer to it joins the same ticket", async () => {
    const info = await send({ from: 'fay@customer.example', subject: 'Sync stopped', text: 'My phone no longer syncs.', messageId: '<out-e2e-2@customer.example>' });
    const reference = referenceOf(info.response);
    const posted = await api(server.url, 'POST', `/api/v1/tickets/${reference}/messages`, token, { body: 'Please update the app to 3.2.2 and sign in again.' });
    assert.equal(posted.status, 201, JSON.stringify(posted.body));
    const { mail: reply } = await mailTo('fay@customer.example', (m) => (m.mail.text ?? '').includes('update the app'));
    assert.equal(reply.subject, `Re: Sync stopped [${reference}]`);
    assert.equal(reply.inReplyTo, '<out-e2e-2@customer.example>');
    assert.equal(reply.headers.get('auto-submitted'), undefined);
    assert.ok(reply.messageId?.endsWith('@help.vaultly.test>'), reply.messageId);

    const answer = await send({ from: 'fay@customer.example', subject: 'Re: your answer', text: 'Updated, it works now. Thanks!', messageId: '<out-e2e-3@customer.example>', inReplyTo: reply.messageId, references: [reply.messageId!] });
    assert.match(answer.response, new RegExp(`Received as ${reference}`));
    const { items } = (await api(server.url, 'GET', `/api/v1/tickets/${reference}/messages`, token)).body as { items: MessageJson[] };
    assert.deepEqual(items.filter((m) => m.author.type === 'customer').map((m) => m.text), ['My phone no longer syncs.', 'Updated, it works now. Thanks!']);
  });

  test('an auto-submitted mail gets no acknowledgement', async () => {
    const info = await send({ from: 'ooo@customer.example', subject: 'Out of office', text: 'I am away until Monday.', headers: { 'Auto-Submitted': 'auto-replied' } });
    referenceOf(info.response);
    const marker = await send({ from: 'gus@customer.example', subject: 'Marker', text: 'A later mail, acknowledged.' });
    const markerRef = referenceOf(marker.response);
    await mailTo('gus@customer.example', (m) => (m.mail.subject ?? '').includes(markerRef));
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(sink.received.filter((m) => m.rcpt.includes('ooo@customer.example')).length, 0);
  });

  test('secrets in a customer mail are redacted, the customer is told support never needs them, and no log line holds them', async () => {
    const info = await send({ from: 'hal@customer.example', subject: 'Billing question', text: `My card is ${CARD} and my password is ${PASSWORD}, please check my last invoice.` });
    const reference = referenceOf(info.response);
    const ticket = await api(server.url, 'GET', `/api/v1/tickets/${reference}`, token);
    const messages = await api(server.url, 'GET', `/api/v1/tickets/${reference}/messages`, token);
    const shown = JSON.stringify([ticket.body, messages.body]);
    assert.ok(!shown.includes(CARD) && !shown.includes(PASSWORD) && !shown.includes('4111111111111111'), shown);
    assert.match(JSON.stringify(messages.body), /My card is \[card ending 1111 removed\] and my password is \[password removed\]/);
    const { mail } = await mailTo('hal@customer.example', (m) => /never needs your password/.test(m.mail.text ?? ''));
    assert.equal(mail.headers.get('auto-submitted'), 'auto-replied');
    assert.match(mail.subject ?? '', new RegExp(`\\[${reference}\\]`));
    for (const m of sink.received) assert.ok(!`${m.mail.subject}${m.mail.text}${m.mail.html}`.includes(PASSWORD), 'no mail repeats the secret');
    await server.stop('SIGTERM');
    const logs = server.output();
    assert.match(logs, /SMTP message/, 'the log was captured');
    assert.ok(!logs.includes(CARD) && !logs.includes(PASSWORD) && !logs.includes('4111111111111111'), 'no log line holds a secret');
  });
});
