import type { Strings } from './i18n.ts';
import type { Conversation } from './protocol.ts';

/** What the status line needs to know. */
export type StatusFacts = {
  refused: boolean;
  ready: boolean;
  /** A deliberate reconnect is under way: say nothing about it. */
  quiet: boolean;
  everReady: boolean;
  agentTyping: string | null;
  conversation: Conversation | null;
};

/** The one line under the header: connection trouble first, then typing, then the chat's state (queue, agent, ended). */
export function statusLine(t: Strings, f: StatusFacts): string {
  if (f.refused) return t.unavailable;
  if (!f.ready) return f.quiet ? '' : f.everReady ? t.reconnecting : t.connecting;
  if (f.agentTyping) return t.typing(f.agentTyping);
  const conv = f.conversation;
  if (!conv) return '';
  if (conv.status === 'closed') return t.ended;
  if (conv.status === 'active') return conv.agent ? t.joined(conv.agent.name) : '';
  const q = conv.queue;
  if (!q) return t.waiting;
  const wait = q.estimated_wait_seconds ? t.minutes(Math.ceil(q.estimated_wait_seconds / 60)) : null;
  return t.queued(q.position, wait);
}
