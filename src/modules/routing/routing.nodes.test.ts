import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createDeps, type Deps } from '../../deps.ts';
import { createLogger } from '../../kernel/logger.ts';
import { openStore } from '../../store/database.ts';
import { closeDeps, testConfig } from '../../../test/support/builders.ts';
import { buildAgent, buildChat, buildTeam, ManualClock, routingDeps } from '../../../test/support/routing.ts';
import { dialectSkip, openTestStore, type TestStore } from '../../../test/support/stores.ts';
import { availability, offerNext, offerWaiting, onlineAgentIds, setAgentRouting, setPresence, touchPresence, type RoutingDeps } from './index.ts';

/** Two nodes: two Deps, two connection pools, one PostgreSQL schema, one clock. */
describe('routing across two nodes on postgres', { skip: await dialectSkip('postgres') }, () => {
  let shared: TestStore;
  let a: Deps;
  let b: Deps;
  const clock = new ManualClock();
  let ra: RoutingDeps;
  let rb: RoutingDeps;
  before(async () => {
    shared = await openTestStore('postgres');
    a = await createDeps(testConfig({ CARELINE_NODE_ID: 'node-a' }), { store: shared.store, log: createLogger('silent'), clock });
    b = await createDeps(testConfig({ CARELINE_NODE_ID: 'node-b' }), { store: openStore(shared.url), log: createLogger('silent'), clock });
    ra = routingDeps(a, clock);
    rb = routingDeps(b, clock);
  });
  after(async () => {
    await closeDeps(b);
    await a.jobs.stop();
    await a.bus.close();
    await shared.cleanup();
  });

  test('both nodes offer the same chats at once: exactly one offer per chat wins, and no agent goes over capacity', async () => {
    const team = await buildTeam(a, 'Race');
    const agents = [await buildAgent(a, [team.id]), await buildAgent(a, [team.id]), await buildAgent(a, [team.id])];
    for (const agent of agents) {
      await setAgentRouting(a.store.db, agent.id, { skills: [], maxChats: 2 }, clock.now().toISOString());
      await setPresence(agent.id % 2 ? ra : rb, agent.id, 'online', agent.id % 2 ? 'node-a' : 'node-b');
    }
    const chats: number[] = [];
    for (let i = 0; i < 10; i++) chats.push(await buildChat(a, ra, team.id));
    const results = await Promise.all(chats.flatMap((id) => [offerNext(ra, id), offerNext(rb, id)]));
    const offers = await a.store.db.selectFrom('chat_offers').select(['ticket_id', 'agent_id']).where('status', '=', 'open').execute();
    // 3 agents × 2 chats: six chats get an offer, four wait; each chat at most once.
    assert.equal(offers.length, 6);
    assert.equal(new Set(offers.map((o) => o.ticket_id)).size, 6);
    assert.equal(results.filter((r) => r !== null).length, 6, 'every stored offer was reported by exactly one node');
    for (const agent of agents) assert.equal(offers.filter((o) => o.agent_id === agent.id).length, 2, `agent ${agent.id} holds exactly max_chats offers`);
  });

  test('routing rounds on both nodes at once offer each chat once and fill every agent exactly to capacity', async () => {
    const team = await buildTeam(a, 'Rounds');
    const agents = [await buildAgent(a, [team.id]), await buildAgent(a, [team.id])];
    for (const agent of agents) {
      await setAgentRouting(a.store.db, agent.id, { skills: [], maxChats: 3 }, clock.now().toISOString());
      await setPresence(ra, agent.id, 'online', 'node-a');
    }
    const chats: number[] = [];
    for (let i = 0; i < 8; i++) chats.push(await buildChat(a, ra, team.id));
    const [fromA, fromB] = await Promise.all([offerWaiting(ra, chats), offerWaiting(rb, chats)]);
    const offers = await a.store.db.selectFrom('chat_offers').select(['ticket_id', 'agent_id']).where('status', '=', 'open').where('ticket_id', 'in', chats).execute();
    assert.equal(offers.length, 6);
    assert.equal(new Set(offers.map((o) => o.ticket_id)).size, 6);
    assert.deepEqual([...fromA, ...fromB].map((o) => o.ticketId).sort(), offers.map((o) => o.ticket_id).sort(), 'each stored offer was reported by exactly one node');
    for (const agent of agents) assert.equal(offers.filter((o) => o.agent_id === agent.id).length, 3);
  });

  test("a killed node's agents drop out after 45 s while the live node's heartbeat keeps its own", async () => {
    const team = await buildTeam(a, 'Expiry');
    const [onC, onB] = [await buildAgent(a, [team.id]), await buildAgent(a, [team.id])];
    const c = await createDeps(testConfig({ CARELINE_NODE_ID: 'node-c' }), { store: openStore(shared.url), log: createLogger('silent'), clock });
    await setPresence(routingDeps(c, clock), onC.id, 'online', 'node-c');
    await setPresence(rb, onB.id, 'online', 'node-b');
    const both = await onlineAgentIds(rb);
    assert.ok(both.includes(onC.id) && both.includes(onB.id));
    await closeDeps(c); // node C dies: no heartbeat, no goodbye
    for (let i = 0; i < 4; i++) {
      clock.advance(15);
      await touchPresence(rb, 'node-b', [onB.id]);
    }
    const online = await onlineAgentIds(rb);
    assert.ok(!online.includes(onC.id), 'node C stopped refreshing');
    assert.ok(online.includes(onB.id));
    const chat = await buildChat(b, rb, team.id);
    assert.equal((await offerNext(rb, chat))?.agentId, onB.id);
    assert.deepEqual((await availability(rb, team.id)).online, true);
  });
});
