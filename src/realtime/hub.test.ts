import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TokenBucket } from './connection.ts';
import { Hub, type AgentPeer, type CustomerPeer } from './hub.ts';
import type { Envelope, Relay } from './relay.ts';

type Sent = Array<{ type: string } & Record<string, unknown>>;

function customerPeer(id: string): CustomerPeer & { got: Sent } {
  const got: Sent = [];
  return { id, conversationId: null, got, send: (f) => got.push(f), sendRaw: (raw) => got.push(JSON.parse(raw) as Sent[number]) };
}

function agentPeer(id: string, agentId: number, chats: number[] = []): AgentPeer & { got: Sent } {
  const got: Sent = [];
  return { id, agentId, name: `Agent ${agentId}`, chats: new Set(chats), viewing: new Set(), got, send: (f) => got.push(f), sendRaw: (raw) => got.push(JSON.parse(raw) as Sent[number]) };
}

function recordingRelay(): Relay & { published: Envelope[] } {
  const published: Envelope[] = [];
  return { published, publish: (e) => void published.push(e), close: async () => {} };
}

describe('the rate limit of a connection', () => {
  test('a burst passes, the next frame waits for the refill', () => {
    let now = 0;
    const bucket = new TokenBucket(20, 40, () => now);
    for (let i = 0; i < 40; i++) assert.equal(bucket.take(), true, `frame ${i}`);
    assert.equal(bucket.take(), false);
    now += 50; // 20/s: one frame per 50 ms
    assert.equal(bucket.take(), true);
    assert.equal(bucket.take(), false);
    now += 10_000;
    let passed = 0;
    while (bucket.take()) passed++;
    assert.equal(passed, 40, 'never more than the burst');
  });
});

describe('the hub of one node', () => {
  test("a chat's frames reach its customers, the agents following it, and other nodes; never the sender", () => {
    const relay = recordingRelay();
    const hub = new Hub('node-a', relay);
    const ann = customerPeer('ann');
    const annTab = customerPeer('ann-tab');
    const other = customerPeer('other');
    hub.follow(ann, 91);
    hub.follow(annTab, 91);
    hub.follow(other, 92);
    const maya = agentPeer('maya', 3, [91]);
    const leo = agentPeer('leo', 5, [92]);
    hub.addAgent(maya);
    hub.addAgent(leo);
    hub.deliver({ kind: 'conversation', id: 91, audience: 'all' }, { type: 'message', seq: 2 }, 'ann');
    assert.deepEqual(ann.got, []);
    assert.deepEqual(annTab.got, [{ type: 'message', seq: 2 }]);
    assert.deepEqual(other.got, []);
    assert.deepEqual(maya.got, [{ type: 'message', seq: 2 }]);
    assert.deepEqual(leo.got, []);
    assert.equal(relay.published.length, 1);
    hub.deliver({ kind: 'conversation', id: 91, audience: 'customers' }, { type: 'typing' });
    assert.equal(maya.got.length, 1, 'agents are not in the customers audience');
    hub.deliver({ kind: 'agent', id: 5 }, { type: 'offer' });
    assert.deepEqual(leo.got, [{ type: 'offer' }]);
  });

  test('a frame for every agent but the followers of a chat skips those who follow or view it', () => {
    const hub = new Hub('node-a', recordingRelay());
    const maya = agentPeer('maya', 3, [91]);
    const leo = agentPeer('leo', 5, [92]);
    const kim = agentPeer('kim', 7);
    for (const peer of [maya, leo, kim]) hub.addAgent(peer);
    hub.view(kim, 91, true, false);
    kim.got.length = 0;
    hub.local({ kind: 'agents', besides: 91 }, { type: 'event', n: 1 });
    hub.local({ kind: 'agents' }, { type: 'event', n: 2 });
    assert.deepEqual(maya.got, [{ type: 'event', n: 2 }], 'Maya follows chat 91');
    assert.deepEqual(kim.got, [{ type: 'event', n: 2 }], 'Kim views chat 91');
    assert.deepEqual(leo.got, [{ type: 'event', n: 1 }, { type: 'event', n: 2 }]);
  });

  test('what another node relays is delivered here; a viewer on another node shows up in viewers', () => {
    const hub = new Hub('node-b', recordingRelay());
    const ann = customerPeer('ann');
    hub.follow(ann, 91);
    hub.receive({ origin: 'node-a', kind: 'frame', target: { kind: 'conversation', id: 91, audience: 'customers' }, frame: { type: 'message', seq: 3 }, except: null });
    assert.deepEqual(ann.got, [{ type: 'message', seq: 3 }]);
    const maya = agentPeer('maya', 3);
    hub.addAgent(maya);
    hub.view(maya, 7, true, false);
    hub.receive({ origin: 'node-a', kind: 'viewer', ticketId: 7, agent: { id: 5, name: 'Leo' }, active: true, typing: true });
    assert.deepEqual(maya.got.at(-1), { type: 'viewers', ticket_id: 7, agents: [{ id: 3, name: 'Agent 3', typing: false }, { id: 5, name: 'Leo', typing: true }] });
    hub.receive({ origin: 'node-a', kind: 'viewer', ticketId: 7, agent: { id: 5, name: 'Leo' }, active: false, typing: false });
    assert.deepEqual(hub.viewersOf(7), [{ id: 3, name: 'Agent 3', typing: false }]);
    assert.equal(hub.removeAgent(maya), true, "the agent's last socket here");
    assert.deepEqual(hub.viewersOf(7), []);
  });
});
