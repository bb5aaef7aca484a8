import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { AppError } from '../../kernel/errors.ts';
import { testDeps } from '../../../test/support/builders.ts';
import { buildAgent, buildChat, buildTeam, ManualClock, routingDeps } from '../../../test/support/routing.ts';
import { DIALECTS, dialectSkip } from '../../../test/support/stores.ts';
import { getTicketById } from '../tickets/index.ts';
import {
  acceptOffer, availability, declineOffer, expireOffers, offerNext, offerWaiting, onlineAgentIds, queueOverview, queuePosition, queuePositions,
  leavePresence, setAgentRouting, setBusinessHours, setPresence, touchPresence, transferChat, waitingChats,
} from './index.ts';

const NODE = 'node-a';
const isConflict = (e: AppError): boolean => e.code === 'conflict';

for (const dialect of DIALECTS) {
  describe(`routing on ${dialect}`, { skip: await dialectSkip(dialect) }, () => {
    const opened: Array<{ close(): Promise<void> }> = [];
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((d) => d.close()));
    });

    /** A fresh store with a Support team of two online agents, on a clock at Thu 26 Nov 2026 10:00 UTC. */
    async function world() {
      const deps = await testDeps(dialect);
      opened.push(deps);
      const clock = new ManualClock();
      const rd = routingDeps(deps, clock);
      const support = await buildTeam(deps, 'Support');
      const [ann, bob] = [await buildAgent(deps, [support.id]), await buildAgent(deps, [support.id])];
      await setPresence(rd, ann.id, 'online', NODE);
      await setPresence(rd, bob.id, 'online', NODE);
      return { deps, clock, rd, support, ann, bob };
    }

    test('an offer goes to the agent with the fewest chats, then round-robin among equals', async () => {
      const { deps, rd, support, ann, bob, clock } = await world();
      const first = await buildChat(deps, rd, support.id);
      const offer = await offerNext(rd, first);
      assert.equal(offer?.agentId, ann.id);
      assert.equal(offer?.expiresAt, new Date(clock.now().getTime() + 30_000).toISOString());
      assert.equal(await offerNext(rd, first), null, 'one open offer per chat');
      const second = await buildChat(deps, rd, support.id);
      assert.equal((await offerNext(rd, second))?.agentId, bob.id, 'Ann holds an offer, so Bob is less loaded');
      clock.advance(1);
      await acceptOffer(rd, second, bob.id, { type: 'agent', id: bob.id });
      clock.advance(1);
      await acceptOffer(rd, first, ann.id, { type: 'agent', id: ann.id });
      const third = await buildChat(deps, rd, support.id);
      assert.equal((await offerNext(rd, third))?.agentId, bob.id, 'equal load: Bob was routed longest ago');
    });

    test('accepting assigns and opens the ticket with a ticket.updated event; only the offered agent may accept, once', async () => {
      const { deps, rd, support, ann, bob } = await world();
      const chat = await buildChat(deps, rd, support.id);
      await offerNext(rd, chat);
      await assert.rejects(acceptOffer(rd, chat, bob.id, { type: 'agent', id: bob.id }), isConflict);
      const ticket = await acceptOffer(rd, chat, ann.id, { type: 'agent', id: ann.id });
      assert.deepEqual([ticket.assigneeId, ticket.status], [ann.id, 'open']);
      const events = await deps.store.db.selectFrom('events').select(['type', 'actor_id', 'data']).where('ticket_id', '=', chat).where('type', '=', 'ticket.updated').execute();
      assert.equal(events.length, 1);
      assert.equal(events[0]!.actor_id, ann.id);
      assert.deepEqual(JSON.parse(events[0]!.data).changes.assigneeId, [null, ann.id]);
      await assert.rejects(acceptOffer(rd, chat, ann.id, { type: 'agent', id: ann.id }), isConflict);
      assert.deepEqual(await waitingChats(rd), []);
      assert.equal(await queuePosition(rd, chat), null);
    });

    test('skills match the category, capacity caps concurrent chats, away agents get nothing', async () => {
      const { deps, rd, support, ann, bob } = await world();
      await setAgentRouting(deps.store.db, ann.id, { skills: ['billing'], maxChats: 1 }, new Date().toISOString());
      const account = await buildChat(deps, rd, support.id, 'account');
      assert.equal((await offerNext(rd, account))?.agentId, bob.id, 'Ann lacks the account skill');
      const billing = await buildChat(deps, rd, support.id, 'billing');
      assert.equal((await offerNext(rd, billing))?.agentId, ann.id);
      const more = await buildChat(deps, rd, support.id, 'billing');
      await setAgentRouting(deps.store.db, bob.id, { skills: [], maxChats: 1 }, new Date().toISOString());
      assert.equal(await offerNext(rd, more), null, 'both are at capacity');
      await declineOffer(rd, billing, ann.id);
      await setPresence(rd, ann.id, 'away', NODE);
      assert.equal(await offerNext(rd, more), null, 'Ann is away, Bob is full');
      await setPresence(rd, ann.id, 'online', NODE);
      assert.equal((await offerNext(rd, more))?.agentId, ann.id);
    });

    test('a declined or expired offer goes to the next agent and never back; a stale offer cannot be accepted', async () => {
      const { deps, rd, support, ann, bob, clock } = await world();
      const chat = await buildChat(deps, rd, support.id);
      assert.equal((await offerNext(rd, chat))?.agentId, ann.id);
      await assert.rejects(declineOffer(rd, chat, bob.id), isConflict);
      await declineOffer(rd, chat, ann.id);
      assert.deepEqual(await waitingChats(rd), [chat]);
      assert.equal((await offerNext(rd, chat))?.agentId, bob.id);
      clock.advance(29);
      assert.deepEqual(await expireOffers(rd), []);
      clock.advance(1);
      assert.deepEqual(await expireOffers(rd), [chat]);
      await assert.rejects(acceptOffer(rd, chat, bob.id, { type: 'agent', id: bob.id }), isConflict);
      assert.equal(await offerNext(rd, chat), null, 'both had their turn');
      const carl = await buildAgent(deps, [support.id]);
      await setPresence(rd, carl.id, 'online', NODE);
      assert.equal((await offerNext(rd, chat))?.agentId, carl.id);
      assert.equal((await getTicketById(deps.store.db, chat)).assigneeId, null);
    });

    test('presence not refreshed for 45 s counts as offline; the heartbeat keeps it', async () => {
      const { deps, rd, support, ann, bob, clock } = await world();
      assert.deepEqual(await onlineAgentIds(rd), [ann.id, bob.id]);
      clock.advance(30);
      await touchPresence(rd, NODE, [bob.id]);
      clock.advance(16);
      assert.deepEqual(await onlineAgentIds(rd), [bob.id]);
      const chat = await buildChat(deps, rd, support.id);
      assert.equal((await offerNext(rd, chat))?.agentId, bob.id);
      await setPresence(rd, bob.id, 'offline', NODE);
      await touchPresence(rd, NODE, [bob.id]);
      assert.deepEqual(await onlineAgentIds(rd), [], 'a heartbeat does not bring an offline agent back');
      assert.deepEqual(await availability(rd, support.id), { online: false, reason: 'no_agents', teams: [{ slug: support.slug, online: false }] });
    });

    test('an agent with sockets on two nodes stays online when one node lets go; offline once both have', async () => {
      const { rd, ann, bob } = await world();
      // Both nodes hold Ann's sockets; node B's heartbeat came last.
      await touchPresence(rd, 'node-b', [ann.id]);
      assert.equal(await leavePresence(rd, NODE, ann.id), false, 'node A is not the one vouching');
      assert.deepEqual(await onlineAgentIds(rd), [ann.id, bob.id]);
      // Node A's heartbeat came last, then its sockets closed: Ann drops out until node B vouches again.
      await touchPresence(rd, NODE, [ann.id]);
      assert.equal(await leavePresence(rd, NODE, ann.id), true);
      assert.deepEqual(await onlineAgentIds(rd), [bob.id]);
      await touchPresence(rd, 'node-b', [ann.id]);
      assert.deepEqual(await onlineAgentIds(rd), [ann.id, bob.id], 'the node still holding her sockets brings her back');
      // Node B lets go too: offline, and node A's heartbeat (it no longer holds her) is not sent.
      assert.equal(await leavePresence(rd, 'node-b', ann.id), true);
      assert.deepEqual(await onlineAgentIds(rd), [bob.id]);
      // An agent who chose offline stays offline whichever node refreshes.
      await setPresence(rd, bob.id, 'offline', NODE);
      await touchPresence(rd, 'node-b', [bob.id]);
      assert.deepEqual(await onlineAgentIds(rd), []);
    });

    test('one routing round offers the queue oldest first within capacity, and skips chats nobody may take', async () => {
      const { deps, rd, support, ann, bob } = await world();
      const now = new Date().toISOString();
      await setAgentRouting(deps.store.db, ann.id, { skills: [], maxChats: 1 }, now);
      await setAgentRouting(deps.store.db, bob.id, { skills: [], maxChats: 1 }, now);
      const chats = [await buildChat(deps, rd, support.id), await buildChat(deps, rd, support.id), await buildChat(deps, rd, support.id)];
      const round = await offerWaiting(rd);
      assert.deepEqual(round.map((o) => [o.ticketId, o.agentId]), [[chats[0], ann.id], [chats[1], bob.id]]);
      assert.deepEqual(await offerWaiting(rd), [], 'everyone is full');
      await declineOffer(rd, chats[0]!, ann.id);
      assert.deepEqual((await offerWaiting(rd)).map((o) => [o.ticketId, o.agentId]), [[chats[2], ann.id]], 'Ann declined the first chat; Bob is full');
      assert.deepEqual(await waitingChats(rd), [chats[0]]);
    });

    test('a viewer or a deactivated agent cannot go online, but anyone can go offline', async () => {
      const { deps, rd, support, ann } = await world();
      const viewer = await buildAgent(deps, [support.id], 'viewer');
      await assert.rejects(setPresence(rd, viewer.id, 'online', NODE), (e: AppError) => e.details?.status === 'viewer');
      await deps.store.db.updateTable('agents').set({ active: 0 }).where('id', '=', ann.id).execute();
      assert.ok(!(await onlineAgentIds(rd)).includes(ann.id), 'a deactivated agent drops out at once');
      await assert.rejects(setPresence(rd, ann.id, 'online', NODE), (e: AppError) => e.details?.agentId === 'inactive');
      await setPresence(rd, ann.id, 'offline', NODE);
      await assert.rejects(setPresence(rd, 999_999, 'offline', NODE), (e: AppError) => e.details?.agentId === 'unknown');
      await assert.rejects(setPresence(rd, ann.id, 'busy' as 'away', NODE), (e: AppError) => e.details?.status === 'unknown');
    });

    test('business hours: a closed team is offline with outside_hours and gets no offers', async () => {
      const { deps, rd, support, clock, ...agents } = await world();
      const billing = await buildTeam(deps, 'Billing');
      const clara = await buildAgent(deps, [billing.id]);
      await setPresence(rd, clara.id, 'online', NODE);
      const now = new Date().toISOString();
      await setBusinessHours(deps.store.db, billing.id, { timeZone: 'Europe/Berlin', alwaysOpen: false, schedule: (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({ day, open: '08:00', close: '18:00' })) }, now);
      assert.deepEqual(await availability(rd, billing.id), { online: true, reason: null, teams: [{ slug: support.slug, online: true }, { slug: billing.slug, online: true }] });
      const chat = await buildChat(deps, rd, billing.id, 'billing');
      clock.advance(8 * 3600); // Thursday 18:00 UTC = 19:00 in Berlin
      const { ann, bob } = agents;
      assert.deepEqual(await onlineAgentIds(rd), [], '8 hours without a heartbeat');
      await touchPresence(rd, NODE, [ann.id, bob.id, clara.id]); // still connected to this node: present again
      assert.deepEqual(await availability(rd, billing.id), { online: false, reason: 'outside_hours', teams: [{ slug: support.slug, online: true }, { slug: billing.slug, online: false }] });
      assert.equal((await availability(rd, null)).online, true, 'Support is open around the clock');
      assert.equal(await offerNext(rd, chat), null);
    });

    test('transfer to an online agent assigns at once; to a team it re-queues, and the previous agent is not offered it back', async () => {
      const { deps, rd, support, ann, bob } = await world();
      const billing = await buildTeam(deps, 'Billing');
      const chat = await buildChat(deps, rd, support.id);
      await offerNext(rd, chat);
      await acceptOffer(rd, chat, ann.id, { type: 'agent', id: ann.id });
      const moved = await transferChat(rd, chat, { toAgentId: bob.id }, { type: 'agent', id: ann.id });
      assert.equal(moved.assigneeId, bob.id);
      const offline = await buildAgent(deps, [support.id]);
      await assert.rejects(transferChat(rd, chat, { toAgentId: offline.id }, { type: 'agent', id: bob.id }), isConflict);
      await assert.rejects(transferChat(rd, chat, { toTeam: 'nope' }, { type: 'agent', id: bob.id }), (e: AppError) => e.code === 'not_found');
      await deps.store.db.insertInto('agent_teams').values({ agent_id: bob.id, team_id: billing.id }).execute();
      const queued = await transferChat(rd, chat, { toTeam: billing.slug }, { type: 'agent', id: bob.id });
      assert.deepEqual([queued.assigneeId, queued.teamId], [null, billing.id]);
      assert.deepEqual(await waitingChats(rd), [chat]);
      assert.equal(await offerNext(rd, chat), null, 'Bob handed it over; nobody else is in Billing');
      await deps.store.db.insertInto('agent_teams').values({ agent_id: ann.id, team_id: billing.id }).execute();
      assert.equal((await offerNext(rd, chat))?.agentId, ann.id);
    });

    test('queue position counts older waiting chats of the same team; the estimate grows with position', async () => {
      const { deps, rd, support, clock } = await world();
      const other = await buildTeam(deps, 'Other');
      const chats = [];
      for (let i = 0; i < 3; i++) {
        chats.push(await buildChat(deps, rd, support.id));
        clock.advance(1);
      }
      await buildChat(deps, rd, other.id);
      const positions = await Promise.all(chats.map((id) => queuePosition(rd, id)));
      assert.deepEqual(positions.map((p) => p?.position), [1, 2, 3]);
      const many = await queuePositions(rd, [...chats, 999_999]);
      assert.deepEqual(chats.map((id) => many.get(id)), positions, 'the batch agrees with one at a time');
      assert.equal(many.has(999_999), false);
      assert.ok(positions[0]!.estimatedWaitSeconds < positions[2]!.estimatedWaitSeconds);
      const overview = await queueOverview(rd);
      const team = overview.teams.find((t) => t.id === support.id)!;
      assert.deepEqual(team.waiting.map((w) => [w.ticketId, w.position]), chats.map((id, i) => [id, i + 1]));
      assert.equal(overview.teams.find((t) => t.id === other.id)!.waiting.length, 1);
      assert.deepEqual(overview.agents.map((a) => a.load), [0, 0]);
    });
  });
}
