import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openStore } from '../../src/store/database.ts';
import { SmtpClient } from '../support/smtp-client.ts';
import { api, freePort, runCli, spawnServer, type ServerProcess } from '../support/spawn-server.ts';

const CLIENTS = 10;
const LOAD_MS = 3_000;

type Accepted = { messageId: string; reference: string; subject: string };

describe('no acknowledged mail is lost: SIGKILL under SMTP load on SQLite', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'careline-email-durability-'));
  const databaseUrl = `sqlite:${join(dir, 'careline.db')}`;
  let env: Record<string, string>;
  const servers: ServerProcess[] = [];
  const accepted: Accepted[] = [];
  let token = '';
  let cutOff = 0;

  before(async () => {
    env = { DATABASE_URL: databaseUrl, CARELINE_DATA_DIR: dir, CARELINE_DEMO: '0', CARELINE_RATE_LIMITS: 'off', LOG_LEVEL: 'warn', SMTP_PORT: String(await freePort()) };
    await runCli(['mailbox', 'add', 'support@example.com', '--category', 'general'], env);
    token = (await runCli(['token', 'create', '--name', 'load', '--role', 'admin'], env)).stdout.trim();
  });
  after(async () => {
    await Promise.all(servers.map((s) => s.stop('SIGKILL')));
    rmSync(dir, { recursive: true, force: true });
  });

  test('every mail answered 250 is stored exactly once, raw and as a ticket message', async (t) => {
    const server = await spawnServer(env);
    servers.push(server);
    let killed = false;
    const client = async (c: number): Promise<void> => {
      const { client: smtp } = await SmtpClient.connect(Number(env.SMTP_PORT));
      await smtp.command(`EHLO load-${c}.example`);
      for (let n = 0; !killed; n++) {
        const messageId = `load-${c}-${n}@customer.example`;
        const subject = `Load ${c}-${n}: vault will not sync`;
        const raw = `From: load-${c}-${n}@customer.example\r\nTo: support@example.com\r\nSubject: ${subject}\r\nMessage-ID: <${messageId}>\r\n\r\nClient ${c} mail ${n}.\r\n`;
        try {
          const reply = await smtp.send(`load-${c}@customer.example`, ['support@example.com'], raw);
          if (reply.code === 250) accepted.push({ messageId, subject, reference: /Received as (CL-[0-9A-Z]{8})/.exec(reply.text)![1]! });
          else if (!killed) throw new Error(`mail ${messageId} answered ${reply.code} ${reply.text}`);
        } catch (error) {
          if (!killed) throw error;
          cutOff++;
          return;
        }
      }
      smtp.destroy();
    };
    const load = Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
    await new Promise((r) => setTimeout(r, LOAD_MS));
    killed = true;
    await server.stop('SIGKILL');
    await load;

    t.diagnostic(`${accepted.length} mails answered 250 in ${LOAD_MS} ms (${Math.round(accepted.length / (LOAD_MS / 1000))}/s over ${CLIENTS} connections), ${cutOff} cut off by the kill`);
    assert.ok(accepted.length >= CLIENTS * 5, `enough load to mean something (${accepted.length} accepted)`);
    assert.ok(cutOff > 0, 'the kill landed while mails were in flight');

    const store = openStore(databaseUrl);
    try {
      const messages = await store.db.selectFrom('messages as m').innerJoin('tickets as t', 't.id', 'm.ticket_id').select(['m.external_id', 't.reference', 'm.author_type']).where('m.channel', '=', 'email').execute();
      const inbound = await store.db.selectFrom('inbound_emails').select(['message_id', 'status', 'ticket_id']).execute();
      const count = (ids: Array<string | null>) => ids.reduce((map, id) => map.set(id ?? '', (map.get(id ?? '') ?? 0) + 1), new Map<string, number>());
      const messageCounts = count(messages.map((m) => m.external_id));
      const inboundCounts = count(inbound.map((r) => r.message_id));
      for (const a of accepted) {
        assert.equal(messageCounts.get(a.messageId), 1, `${a.messageId} is one ticket message`);
        assert.equal(inboundCounts.get(a.messageId), 1, `${a.messageId} is one stored raw email`);
        assert.equal(messages.find((m) => m.external_id === a.messageId)!.reference, a.reference);
      }
      for (const [id, n] of messageCounts) assert.equal(n, 1, `${id} stored ${n} times`);
      for (const r of inbound) assert.ok(r.status === 'processed' && messageCounts.get(r.message_id) === 1, `raw ${r.message_id} committed with its message`);
    } finally {
      await store.close();
    }
  });

  test('restarted on the same file, the server serves every acknowledged mail and takes new ones', async () => {
    assert.ok(accepted.length > 0, 'the first test recorded accepted mails');
    const server = await spawnServer(env);
    servers.push(server);
    const queue = [...accepted];
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let a = queue.pop(); a; a = queue.pop()) {
          const res = await api(server.url, 'GET', `/api/v1/tickets/${a.reference}`, token);
          assert.equal(res.status, 200, `GET ${a.reference}: ${JSON.stringify(res.body)}`);
          assert.equal((res.body as { subject: string; channel: string }).subject, a.subject);
        }
      }),
    );
    const { client } = await SmtpClient.connect(Number(env.SMTP_PORT));
    await client.command('EHLO after.example');
    const reply = await client.send('after@customer.example', ['support@example.com'], 'From: after@customer.example\r\nSubject: After the restart\r\n\r\nStill there?\r\n');
    assert.equal(reply.code, 250, reply.text);
    await client.quit();
  });
});
