import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import { REDIS_URL, skipUnless } from '../../test/support/services.ts';
import type { StoredEvent } from './events.ts';
import { RedisEventBus } from './redis-event-bus.ts';

/** Each run gets its own channel so parallel runs on one Redis never see each other. */
const CHANNEL = `careline:test:${process.pid}:${randomBytes(4).toString('hex')}`;

let nextId = 1;
function ticketCreated(reference: string): StoredEvent {
  return {
    id: nextId++,
    type: 'ticket.created',
    ticketId: 7,
    customerId: 3,
    actor: { type: 'system' },
    data: { reference, subject: 'Sync fails', channel: 'api', status: 'new', category: 'general', priority: 'normal' },
    createdAt: new Date().toISOString(),
  };
}

const settle = (ms = 100): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, ms = 2000): Promise<void> {
  for (const end = Date.now() + ms; !check() && Date.now() < end; ) await settle(10);
}

describe('RedisEventBus', { skip: await skipUnless('redis') }, () => {
  type Report = { listener: string; event: StoredEvent; error: unknown };
  const listenerErrors: Report[] = [];
  const badMessages: unknown[] = [];
  let a: RedisEventBus;
  let b: RedisEventBus;
  let raw: Redis;

  before(async () => {
    const onError = (listener: string, event: StoredEvent, error: unknown): void => void listenerErrors.push({ listener, event, error });
    const onBad = (error: unknown): void => void badMessages.push(error);
    a = await RedisEventBus.connect(REDIS_URL, 'node-a', onError, onBad, { channel: CHANNEL });
    b = await RedisEventBus.connect(REDIS_URL, 'node-b', onError, onBad, { channel: CHANNEL });
    raw = new Redis(REDIS_URL);
  });
  after(async () => {
    await a.close();
    await b.close();
    raw.disconnect();
  });

  test('an event published on one node reaches listeners on both nodes exactly once', async () => {
    const onA: StoredEvent[] = [];
    const onB: StoredEvent[] = [];
    const offA = a.subscribe({ name: 'a', events: ['ticket.created'], handle: (e) => void onA.push(e) });
    const offB = b.subscribe({ name: 'b', events: '*', handle: (e) => void onB.push(e) });
    const event = ticketCreated('CL-AAAAAAAA');
    await a.publish([event]);
    await until(() => onA.length > 0 && onB.length > 0);
    await settle();
    assert.deepEqual(onB, [event]);
    assert.deepEqual(onA, [event]);
    offA();
    offB();
  });

  test('a listener hears only the event types it names, and nothing after unsubscribing', async () => {
    const seen: string[] = [];
    const off = b.subscribe({ name: 'only-updates', events: ['ticket.updated'], handle: (e) => void seen.push(e.type) });
    await a.publish([ticketCreated('CL-BBBBBBBB'), { ...ticketCreated('CL-BBBBBBBB'), type: 'ticket.updated', data: { reference: 'CL-BBBBBBBB', changes: {} } }]);
    await until(() => seen.length > 0);
    await settle();
    assert.deepEqual(seen, ['ticket.updated']);
    off();
    await a.publish([{ ...ticketCreated('CL-BBBBBBBB'), type: 'ticket.updated', data: { reference: 'CL-BBBBBBBB', changes: {} } }]);
    await settle();
    assert.deepEqual(seen, ['ticket.updated']);
  });

  test('a listener that throws is reported and does not stop the others', async () => {
    listenerErrors.length = 0;
    const seen: string[] = [];
    const offs = [
      b.subscribe({ name: 'first', events: '*', handle: (e) => void seen.push(`first ${e.id}`) }),
      b.subscribe({ name: 'broken', events: '*', handle: () => { throw new Error('listener bug'); } }),
      b.subscribe({ name: 'broken-async', events: '*', handle: async () => { throw new Error('async listener bug'); } }),
      b.subscribe({ name: 'last', events: '*', handle: (e) => void seen.push(`last ${e.id}`) }),
    ];
    const one = ticketCreated('CL-CCCCCCCC');
    const two = ticketCreated('CL-CCCCCCCD');
    await a.publish([one, two]);
    await until(() => seen.length === 4);
    assert.deepEqual(seen, [`first ${one.id}`, `last ${one.id}`, `first ${two.id}`, `last ${two.id}`]);
    assert.deepEqual(listenerErrors.map((r) => `${r.listener} ${r.event.id} ${(r.error as Error).message}`), [
      `broken ${one.id} listener bug`,
      `broken-async ${one.id} async listener bug`,
      `broken ${two.id} listener bug`,
      `broken-async ${two.id} async listener bug`,
    ]);
    for (const off of offs) off();
  });

  test('events are handled one at a time in the order they were published, as on the memory bus', async () => {
    const log: string[] = [];
    const off = b.subscribe({
      name: 'slow',
      events: '*',
      handle: async (e) => {
        const { reference } = e.data as { reference: string };
        log.push(`start ${reference}`);
        await settle(reference === 'CL-DDDDDDD1' ? 50 : 1);
        log.push(`end ${reference}`);
      },
    });
    await a.publish([ticketCreated('CL-DDDDDDD1'), ticketCreated('CL-DDDDDDD2'), ticketCreated('CL-DDDDDDD3')]);
    await until(() => log.length === 6);
    assert.deepEqual(log, ['start CL-DDDDDDD1', 'end CL-DDDDDDD1', 'start CL-DDDDDDD2', 'end CL-DDDDDDD2', 'start CL-DDDDDDD3', 'end CL-DDDDDDD3']);
    off();
  });

  test('a garbage message on the channel is reported, not a crash, and later events still arrive', async () => {
    badMessages.length = 0;
    const seen: StoredEvent[] = [];
    const off = b.subscribe({ name: 'after-garbage', events: '*', handle: (e) => void seen.push(e) });
    const garbage = ['not json', 'null', '42', '{}', '{"origin":"x"}', '{"origin":"x","event":null}', '{"origin":"x","event":{"id":"1"}}', '[]'];
    for (const message of garbage) await raw.publish(CHANNEL, message);
    const event = ticketCreated('CL-EEEEEEEE');
    await a.publish([event]);
    await until(() => seen.length > 0 && badMessages.length >= garbage.length * 2);
    await settle();
    assert.deepEqual(seen, [event]);
    assert.equal(badMessages.length, garbage.length * 2, 'each node reports each bad message once');
    off();
  });

  test('close() is safe to call twice', async () => {
    const c = await RedisEventBus.connect(REDIS_URL, 'node-c', () => {}, () => {}, { channel: CHANNEL });
    await c.close();
    await c.close();
  });

  test('an unreachable Redis makes connect() reject with a clear error and leave nothing running', () => {
    const script = `
      import { RedisEventBus } from './src/kernel/redis-event-bus.ts';
      const seen = [];
      try {
        await RedisEventBus.connect('redis://127.0.0.1:1', 'node-x', () => {}, () => {}, { onConnectionError: (e) => seen.push(e.message) });
        console.log('connected?!');
      } catch (error) {
        console.log('rejected: ' + error.message);
      }`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 10_000 });
    assert.equal(child.signal, null, `the process exits by itself (stdout: ${child.stdout}, stderr: ${child.stderr.slice(0, 500)})`);
    assert.equal(child.status, 0);
    assert.match(child.stdout, /^rejected: cannot reach Redis at redis:\/\/127\.0\.0\.1:1: /);
    assert.doesNotMatch(child.stderr, /Unhandled error event/);
  });
});
