import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openStore } from '../../src/store/database.ts';
import { api, runCli, spawnServer, type ServerProcess } from '../support/spawn-server.ts';

const CLIENTS = 20;
const LOAD_MS = 2_500;

type Accepted = { reference: string; subject: string; body: string; email: string };

describe('nothing is lost: SIGKILL under load on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'careline-durability-'));
  const databaseUrl = `sqlite:${join(dir, 'careline.db')}`;
  const env = { DATABASE_URL: databaseUrl, CARELINE_DATA_DIR: dir, CARELINE_DEMO: '0', CARELINE_RATE_LIMITS: 'off', LOG_LEVEL: 'warn' };
  const servers: ServerProcess[] = [];
  const accepted: Accepted[] = [];
  let token = '';
  let unanswered = 0;

  before(async () => {
    token = (await runCli(['token', 'create', '--name', 'load', '--role', 'admin'], env)).stdout.trim();
  });
  after(async () => {
    await Promise.all(servers.map((s) => s.stop('SIGKILL')));
    rmSync(dir, { recursive: true, force: true });
  });

  test('every ticket whose POST got a 201 is stored exactly once with its first message', async (t) => {
    const server = await spawnServer(env);
    servers.push(server);
    let killed = false;
    const client = async (c: number): Promise<void> => {
      for (let n = 0; !killed; n++) {
        const subject = `Load ${c}-${n}: printer on fire`;
        const body = `Client ${c} request ${n}: the printer is on fire again.`;
        const email = `load-${c}@example.org`;
        try {
          const res = await api(server.url, 'POST', '/api/v1/tickets', token, { subject, body, customer: { email } });
          if (res.status === 201) accepted.push({ reference: (res.body as { reference: string }).reference, subject, body, email });
          else if (!killed) throw new Error(`POST /api/v1/tickets answered ${res.status}: ${JSON.stringify(res.body)}`);
        } catch (error) {
          if (!killed) throw error;
          unanswered++;
          return;
        }
      }
    };
    const load = Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
    await new Promise((r) => setTimeout(r, LOAD_MS));
    killed = true;
    await server.stop('SIGKILL');
    await load;

    t.diagnostic(`${accepted.length} tickets accepted, ${unanswered} requests cut off by the kill`);
    assert.ok(accepted.length >= CLIENTS, `enough load to mean something (${accepted.length} accepted)`);
    assert.ok(unanswered > 0, 'the kill landed while requests were in flight');

    const store = openStore(databaseUrl);
    try {
      const tickets = await store.db.selectFrom('tickets').select(['id', 'reference', 'subject']).execute();
      const byReference = new Map<string, Array<{ id: number; subject: string }>>();
      const bySubject = new Map<string, number>();
      for (const t of tickets) {
        byReference.set(t.reference, [...(byReference.get(t.reference) ?? []), t]);
        bySubject.set(t.subject, (bySubject.get(t.subject) ?? 0) + 1);
      }
      const firstMessages = new Map<number, { text: string; author_type: string }>();
      const messages = await store.db.selectFrom('messages').select(['ticket_id', 'text', 'author_type', 'id']).orderBy('id').execute();
      for (const m of messages) if (!firstMessages.has(m.ticket_id)) firstMessages.set(m.ticket_id, m);
      const created = new Set(
        (await store.db.selectFrom('events').select('data').where('type', '=', 'ticket.created').execute()).map((e) => (JSON.parse(e.data) as { reference: string }).reference),
      );

      for (const a of accepted) {
        const rows = byReference.get(a.reference) ?? [];
        assert.equal(rows.length, 1, `${a.reference} is stored once`);
        assert.equal(rows[0]!.subject, a.subject);
        assert.equal(bySubject.get(a.subject), 1, `"${a.subject}" was not stored twice`);
        const first = firstMessages.get(rows[0]!.id);
        assert.ok(first, `${a.reference} has its first message`);
        assert.equal(first.text, a.body);
        assert.equal(first.author_type, 'customer');
        assert.ok(created.has(a.reference), `${a.reference} has its ticket.created event`);
      }
      for (const [subject, count] of bySubject) assert.equal(count, 1, `"${subject}" stored ${count} times`);
      for (const t of tickets) assert.ok(firstMessages.has(t.id), `no ticket without its first message (${t.reference})`);
    } finally {
      await store.close();
    }
  });

  test('restarted on the same file, the server serves every accepted ticket', async () => {
    assert.ok(accepted.length > 0, 'the first test recorded accepted tickets');
    const server = await spawnServer(env);
    servers.push(server);
    const queue = [...accepted];
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        for (let a = queue.pop(); a; a = queue.pop()) {
          const res = await api(server.url, 'GET', `/api/v1/tickets/${a.reference}`, token);
          assert.equal(res.status, 200, `GET ${a.reference}: ${JSON.stringify(res.body)}`);
          const ticket = res.body as { reference: string; subject: string; customer: { email: string } };
          assert.equal(ticket.reference, a.reference);
          assert.equal(ticket.subject, a.subject);
          assert.equal(ticket.customer.email, a.email);
        }
      }),
    );
    const sample = accepted[accepted.length - 1]!;
    const messages = await api(server.url, 'GET', `/api/v1/tickets/${sample.reference}/messages`, token);
    assert.equal(messages.status, 200, JSON.stringify(messages.body));
    const items = (messages.body as { items?: Array<{ text: string }> }).items ?? (messages.body as Array<{ text: string }>);
    assert.equal(items[0]!.text, sample.body);
    const fresh = await api(server.url, 'POST', '/api/v1/tickets', token, { subject: 'After the restart', body: 'Still here?', customer: { email: 'after@example.org' } });
    assert.equal(fresh.status, 201, JSON.stringify(fresh.body));
  });
});
