import type { Deps } from '../../deps.ts';
import type { Category } from '../tickets/index.ts';

/** What routing needs from Deps: the store, transactions with events, and the time. */
export type RoutingDeps = Pick<Deps, 'store' | 'uow' | 'clock'>;

export const PRESENCE_STATUSES = ['online', 'away', 'offline'] as const;
/** online agents get chats offered; away and offline get none. */
export type PresenceStatus = (typeof PRESENCE_STATUSES)[number];

/** A presence not refreshed for this long counts as offline: its node is gone. */
export const PRESENCE_TTL_MS = 45_000;
/** How long an agent has to accept an offer before it goes to the next agent. */
export const OFFER_SECONDS = 30;
/** Concurrent chats an agent takes when nobody set max_chats. */
export const DEFAULT_MAX_CHATS = 3;
/** Queue estimate per position when no chat was answered recently. */
export const DEFAULT_WAIT_SECONDS = 60;

/** Ticket statuses in which a chat still occupies its agent (and waits in the queue unassigned). */
export const ACTIVE_STATUSES = ['new', 'open', 'pending', 'on_hold'] as const;

/** Why nobody can take a chat right now. */
export type Availability = {
  online: boolean;
  reason: null | 'no_agents' | 'outside_hours';
  teams: Array<{ slug: string; online: boolean }>;
};

/** An open offer of a chat to one agent. */
export type Offer = { agentId: number; expiresAt: string };

/** Where a waiting chat stands. */
export type QueuePosition = { position: number; estimatedWaitSeconds: number };

/** Where a transfer sends a chat: to one agent, or back to a team's queue. */
export type TransferTarget = { toAgentId: number } | { toTeam: string };

/** An agent's routing settings: skills are ticket categories (empty = all). */
export type AgentRouting = { agentId: number; skills: Category[]; maxChats: number };
