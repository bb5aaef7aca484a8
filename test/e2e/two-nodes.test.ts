import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { openStore } from '../../src/store/database.ts';
import { PG_URL, REDIS_URL, skipUnless } from '../support/services.ts';
import { api, runCli, spawnServer, type ServerProcess } from '../support/spawn-server.ts';

type SseEvent = { id: string; event: string; data: unknown };

/** An open GET /api/v1/stream: events as they arrive, and a way to wait for one. */
type EventStream = { events: SseEvent[]; waitFor(match: (e: SseEvent) => boolean, ms: number): Promise<SseEvent>; close(): void };

function openStream(base: string, token: string): Promise<EventStream> {
  return new Promise((resolve, reject) => {
    const events: SseEvent[] = [];
    const waiters = new Set<() => void>();
    const req = http.get(`${base}/api/v1/stream`, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`stream answered ${res.statusCode}`));
        res.resume();
        return;
      }
      assert.match(String(res.headers['content-type']), /^text\/event-stream/);
      let buffer = '';
      let connected = false;
      res.setEncoding('utf8').on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.startsWith(': connected') && !connected) {
            connected = true;
            resolve(stream);
            continue;
          }
          const fields = new Map<string, string>();
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            const colon = line.indexOf(':');
            fields.set(line.slice(0, colon), line.slice(colon + 1).trimStart());
          }
          if (!fields.has('event')) continue;
          events.push({ id: fields.get('id') ?? '', event: fields.get('event')!, data: JSON.parse(fields.get('data') ?? 'null') });
          for (const wake of waiters) wake();
        }
      });
    });
    req.on('error', reject);
    const stream: EventStream = {
      events,
      waitFor: (match, ms) =>
        new Promise((ok, fail) => {
          const check = (): boolean => {
            const found = events.find(match);
            if (!found) return false;
            waiters.delete(check);
            clearTimeout(timer);
            ok(found);
            return true;
          };
          const timer = setTimeout(() => {
            waiters.delete(check);
            fail(new Error(`no matching event within ${ms} ms; saw ${JSON.stringify(events.map((e) => e.event))}`));
          }, ms);
          if (!check()) waiters.add(check);
        }),
      close: () => req.destroy(),
    };
  });
}

describe('two app nodes on one PostgreSQL schema, joined by Redis', { skip: (await skipUnless('postgres')) || (await skipUnless('redis')) }, () => {
  const schema = `e2e_${process.pid}_${randomBytes(4).toString('hex')}`;
  const databaseUrl = `${PG_URL}?schema=${schema}`;
  const env = {
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    CARELINE_DEMO: '0',
    LOG_LEVEL: 'warn',
    CARELINE_SESSION_SECRET: randomBytes(32).toString('hex'),
  };
  const nodes: ServerProcess[] = [];
  const streams: EventStream[] = [];
  let token = '';

  before(async () => {
    const { stdout } = await runCli(['token', 'create', '--name', 'x', '--role', 'admin'], env);
    token = stdout.trim();
    assert.match(token, /^\S{20,}$/);
    const started = await Promise.allSettled(['node-a', 'node-b'].map((id) => spawnServer({ ...env, CARELINE_NODE_ID: id })));
    for (const s of started) if (s.status === 'fulfilled') nodes.push(s.value);
    for (const s of started) if (s.status === 'rejected') throw s.reason;
  });

  after(async () => {
    for (const s of streams) s.close();
    await Promise.all(nodes.map((n) => n.stop('SIGTERM')));
    const store = openStore(PG_URL);
    try {
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(store.db);
    } finally {
      await store.close();
    }
  });

  test('each node reports itself on /healthz', async () => {
    const [a, b] = nodes;
    const ha = await api(a!.url, 'GET', '/healthz', token);
    const hb = await api(b!.url, 'GET', '/healthz', token);
    assert.deepEqual(ha.body, { status: 'ok', database: 'postgres', node: 'node-a' });
    assert.deepEqual(hb.body, { status: 'ok', database: 'postgres', node: 'node-b' });
  });

  test('a ticket created on node A is streamed by node B (and by A) as ticket.created', async () => {
    const [a, b] = nodes;
    const onB = await openStream(b!.url, token);
    const onA = await openStream(a!.url, token);
    streams.push(onB, onA);
    const created = await api(a!.url, 'POST', '/api/v1/tickets', token, {
      subject: 'Vault sync fails after update',
      body: 'Since 3.2.1 the app says E-4012.',
      customer: { email: `two-nodes-${schema}@example.org`, name: 'Ada' },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const reference = (created.body as { reference: string }).reference;
    assert.match(reference, /^CL-[0-9A-HJKMNP-TV-Z]{8}$/);

    const isOurs = (e: SseEvent): boolean => e.event === 'ticket.created' && (e.data as { data?: { reference?: string } }).data?.reference === reference;
    const seenOnB = await onB.waitFor(isOurs, 10_000);
    const seenOnA = await onA.waitFor(isOurs, 10_000);
    assert.equal((seenOnB.data as { type: string }).type, 'ticket.created');
    assert.equal(seenOnB.id, seenOnA.id, 'both nodes stream the same stored event');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(onB.events.filter(isOurs).length, 1, 'node B streams it exactly once');
    assert.equal(onA.events.filter(isOurs).length, 1, 'node A streams it exactly once');
    assert.ok(onB.events.some((e) => e.event === 'message.created' && (e.data as { data: { reference: string } }).data.reference === reference));

    const readOnB = await api(b!.url, 'GET', `/api/v1/tickets/${reference}`, token);
    assert.equal(readOnB.status, 200);
    assert.equal((readOnB.body as { subject: string }).subject, 'Vault sync fails after update');
  });
});
