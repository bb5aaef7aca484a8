import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { openStore } from '../../src/store/database.ts';
import { PG_URL, REDIS_URL, skipUnless } from '../support/services.ts';
import { api, runCli, spawnServer, type ServerProcess } from '../support/spawn-server.ts';
import { agent, customer, type ChatClient, type Frame } from '../support/ws-client.ts';

describe('chat across two nodes on PostgreSQL + Redis, one of them SIGKILLed mid-chat', { skip: (await skipUnless('postgres')) || (await skipUnless('redis')) }, () => {
  const schema = `chat2_${process.pid}_${randomBytes(4).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'careline-chat2-'));
  const env = {
    DATABASE_URL: `${PG_URL}?schema=${schema}`,
    REDIS_URL,
    CARELINE_DEMO: '0',
    CARELINE_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    CARELINE_SESSION_SECRET: randomBytes(32).toString('hex'),
  };
  let a: ServerProcess;
  let b: ServerProcess;
  let token = '';
  let agentId = 0;
  const clients: ChatClient[] = [];

  before(async () => {
    token = (await runCli(['token', 'create', '--name', 'chat2', '--role', 'admin'], env)).stdout.trim();
    [a, b] = await Promise.all([spawnServer({ ...env, CARELINE_NODE_ID: 'node-a' }), spawnServer({ ...env, CARELINE_NODE_ID: 'node-b' })]);
    const made = await api(b.url, 'POST', '/api/v1/agents', token, { email: `maya-${process.pid}@careline.test`, name: 'Maya', role: 'agent' });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    agentId = (made.body as { id: number }).id;
  });

  after(async () => {
    for (const c of clients) await c.close();
    await Promise.all([a, b].filter(Boolean).map((n) => n.stop('SIGTERM')));
    const store = openStore(PG_URL);
    try {
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(store.db);
    } finally {
      await store.close();
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('an agent with sockets on both nodes stays online when one closes, and goes offline when both have', async () => {
    const made = await api(a.url, 'POST', '/api/v1/agents', token, { email: `leo-${process.pid}@careline.test`, name: 'Leo', role: 'agent' });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const leoId = (made.body as { id: number }).id;
    const onB = await agent(b.url, { token, agent_id: leoId });
    const onA = await agent(a.url, { token, agent_id: leoId });
    assert.equal((await onB.client.request({ type: 'presence', id: 'p-b', status: 'online' })).type, 'ok');
    // Node A vouches last, then its socket closes while the one on node B stays.
    assert.equal((await onA.client.request({ type: 'presence', id: 'p-a', status: 'online' })).type, 'ok');
    await onA.client.close();
    /** What a new customer's welcome on a node says within 3 s (a welcome's availability may be a second old). */
    const settles = async (base: string, online: boolean): Promise<boolean> => {
      for (let i = 0; i < 15; i++) {
        const { client, welcome } = await customer(base);
        await client.close();
        if (welcome.availability.online === online) return true;
        await new Promise((r) => setTimeout(r, 200));
      }
      return false;
    };
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(await settles(a.url, true), 'Leo is still online through node B');
    assert.ok(await settles(b.url, true));
    await onB.client.close();
    assert.ok(await settles(a.url, false), 'both sockets closed: Leo is offline');
  });

  test('offers, messages and typing cross nodes; after node A dies the customer resumes on B with nothing lost or doubled', async () => {
    const maya = await agent(b.url, { token, agent_id: agentId });
    clients.push(maya.client);
    assert.equal((await maya.client.request({ type: 'presence', id: 'p', status: 'online' })).type, 'ok');

    const { client: ann, welcome } = await customer(a.url);
    clients.push(ann);
    assert.equal(welcome.availability.online, true, JSON.stringify(welcome));
    const started = await ann.request({ type: 'start', client_id: 'c-0', text: 'Two nodes, one chat', name: 'Ann' });
    assert.equal(started.type, 'ack', JSON.stringify(started));
    const id = started.conversation.id as number;

    // The offer made on node A reaches the agent on node B; accepting there tells the customer on A.
    await maya.client.waitFor((f) => f.type === 'offer' && f.conversation.id === id, 10_000);
    assert.equal((await maya.client.request({ type: 'accept', id: 'a-1', conversation_id: id })).type, 'ok');
    await ann.waitFor((f) => f.type === 'status' && f.status === 'active', 10_000);

    assert.equal((await maya.client.request({ type: 'message', client_id: 'm-1', conversation_id: id, text: 'Hello from node B' })).seq, 2);
    assert.equal((await ann.waitFor((f) => f.type === 'message' && f.seq === 2, 10_000)).text, 'Hello from node B');
    ann.send({ type: 'typing', active: true });
    await maya.client.waitFor((f) => f.type === 'typing' && f.conversation_id === id && f.active === true, 10_000);

    // A burst of messages to node A, killed while they are in flight.
    const sent = Array.from({ length: 30 }, (_, i) => `c-${i + 1}`);
    const from = ann.frames.length;
    for (const clientId of sent) ann.send({ type: 'message', client_id: clientId, text: `burst ${clientId}` });
    await ann.waitFor((f) => f.type === 'ack' && f.client_id !== 'c-0', 10_000, from);
    await a.stop('SIGKILL');
    await ann.closed;
    const acked = new Map(ann.frames.slice(from).filter((f) => f.type === 'ack').map((f) => [f.client_id as string, f]));
    assert.ok(acked.size >= 1);

    // The agent keeps writing on B meanwhile.
    await maya.client.request({ type: 'message', client_id: 'm-2', conversation_id: id, text: 'Still here on B' });

    // The customer reconnects to B from the last seq it saw and resends what was never acked.
    const seen = ann.frames.filter((f) => f.type === 'message').map((f) => f.seq as number);
    const lastSeen = Math.max(...seen, ...[...acked.values()].map((f) => f.seq as number));
    const { client: back, welcome: again } = await customer(b.url, { visitor_token: welcome.visitor_token, last_seq: lastSeen });
    clients.push(back);
    assert.equal(again.conversation.id, id);
    for (const clientId of sent.filter((c) => !acked.has(c))) {
      const ack = await back.request({ type: 'message', client_id: clientId, text: `burst ${clientId}` }, 10_000);
      assert.equal(ack.type, 'ack', JSON.stringify(ack));
    }
    // Resending an acknowledged one returns its first ack: stored once.
    const [firstAcked, firstAck] = [...acked.entries()][0]!;
    const repeat = await back.request({ type: 'message', client_id: firstAcked, text: `burst ${firstAcked}` });
    assert.equal(repeat.message_id, firstAck.message_id);
    assert.equal(repeat.seq, firstAck.seq);

    // Every message is stored exactly once, numbered 1..n without gaps, acked ones with the seq they were acked with.
    const ticket = await api(b.url, 'GET', `/api/v1/tickets/${started.conversation.reference}`, token);
    const texts = (ticket.body as { messages: Array<{ text: string }> }).messages.map((m) => m.text);
    for (const clientId of sent) assert.equal(texts.filter((t) => t === `burst ${clientId}`).length, 1, `${clientId} stored once`);
    const replay = await customer(b.url, { visitor_token: welcome.visitor_token, last_seq: 0 });
    clients.push(replay.client);
    const total = replay.welcome.conversation.last_seq as number;
    await replay.client.waitFor((f) => f.type === 'message' && f.seq === total, 10_000);
    const seqs = replay.client.frames.filter((f): f is Frame => f.type === 'message').map((f) => f.seq as number);
    assert.deepEqual(seqs, Array.from({ length: total }, (_, i) => i + 1));
    assert.equal(total, 1 + 1 + sent.length + 1);
    for (const [clientId, ack] of acked) {
      const replayed = replay.client.frames.find((f) => f.type === 'message' && f.seq === ack.seq);
      assert.equal(replayed?.text, `burst ${clientId}`);
    }
  });
});
