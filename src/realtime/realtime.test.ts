import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDeps } from '../../test/support/builders.ts';
import type { StoredEvent } from '../kernel/events.ts';
import type { AgentPeer } from './hub.ts';
import { Realtime, TIMERS } from './realtime.ts';

type Got = { at: number; frame: { type: string; event?: { id: number; ticket_id: number } } };

function agentPeer(agentId: number, chats: number[]): AgentPeer & { got: Got[] } {
  const got: Got[] = [];
  const push = (frame: Got['frame']): void => void got.push({ at: performance.now(), frame });
  return { id: `agent-${agentId}`, agentId, name: `Agent ${agentId}`, chats: new Set(chats), viewing: new Set(), got, send: push, sendRaw: (raw) => push(JSON.parse(raw) as Got['frame']) };
}

let nextId = 1;
function chatMessageEvent(ticketId: number): StoredEvent {
  const id = nextId++;
  return {
    id, type: 'message.created', ticketId, customerId: 1, actor: { type: 'customer', id: 1 }, createdAt: new Date().toISOString(),
    data: { reference: `CL-${ticketId}`, messageId: id, kind: 'reply', authorType: 'customer', channel: 'chat' },
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe("chat activity for agents who neither follow nor view the chat", () => {
  let deps: Awaited<ReturnType<typeof testDeps>>;
  let rt: Realtime;

  before(async () => {
    deps = await testDeps('sqlite');
    rt = new Realtime(deps);
    await rt.start();
  });
  after(async () => {
    await rt.stop();
    await deps.close();
  });

  test("each chat's latest message event, once a window that starts with its first; chats noted apart leave apart", async () => {
    const follower = agentPeer(1, [71]);
    const other = agentPeer(2, []);
    rt.hub.addAgent(follower);
    rt.hub.addAgent(other);
    const start = performance.now();
    const a1 = chatMessageEvent(71);
    const a2 = chatMessageEvent(71);
    await deps.bus.publish([a1, a2]);
    await sleep(300);
    const b1 = chatMessageEvent(72);
    await deps.bus.publish([b1]);
    const a3 = chatMessageEvent(71);
    await deps.bus.publish([a3]);
    await sleep(TIMERS.chatActivityMs + 500);

    const events = other.got.filter((g) => g.frame.type === 'event');
    assert.deepEqual(events.map((g) => g.frame.event!.id), [a3.id, b1.id], 'one event per chat, the latest, in the order the chats first moved');
    const [forA, forB] = events.map((g) => g.at - start);
    assert.ok(forA! >= TIMERS.chatActivityMs - 10, `chat 71 waited its window: sent after ${forA!.toFixed(0)} ms`);
    assert.ok(forB! - forA! >= 200, `chat 72, noted 300 ms later, left ${(forB! - forA!).toFixed(0)} ms after chat 71`);
    assert.equal(follower.got.filter((g) => g.frame.type === 'event' && g.frame.event!.ticket_id === 71).length, 0, 'the follower gets message frames instead');
    assert.equal(follower.got.filter((g) => g.frame.type === 'event' && g.frame.event!.ticket_id === 72).length, 1);

    // A new window opens with the next message.
    const a4 = chatMessageEvent(71);
    await deps.bus.publish([a4]);
    await sleep(TIMERS.chatActivityMs + 300);
    assert.deepEqual(other.got.filter((g) => g.frame.type === 'event').map((g) => g.frame.event!.id), [a3.id, b1.id, a4.id]);
  });
});
