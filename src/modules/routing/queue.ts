import type { Db } from '../../store/database.ts';
import type { Category } from '../tickets/index.ts';
import { onlineCandidates, openTeamIds, servesTeam, type Candidate } from './candidates.ts';
import { ACTIVE_STATUSES, DEFAULT_WAIT_SECONDS, type QueuePosition, type RoutingDeps } from './model.ts';

/** Unassigned live chats, oldest first. */
function queued(db: Db) {
  return db.selectFrom('tickets as t')
    .where('t.channel', '=', 'chat').where('t.assignee_id', 'is', null).where('t.status', 'in', ACTIVE_STATUSES);
}

/**
 * Seconds a chat at the head of the queue waits for one agent: the median time from start to
 * accept of the last 50 chats accepted within a day, bounded to 10 s–10 min; 60 s without any.
 */
async function typicalWait(db: Db, now: Date): Promise<number> {
  const since = new Date(now.getTime() - 86_400_000).toISOString();
  const rows = await db.selectFrom('chat_offers as o').innerJoin('tickets as t', 't.id', 'o.ticket_id')
    .select(['t.created_at', 'o.resolved_at'])
    .where('o.status', '=', 'accepted').where('o.resolved_at', '>=', since)
    .orderBy('o.resolved_at', 'desc').limit(50).execute();
  const waits = rows.map((r) => (Date.parse(r.resolved_at!) - Date.parse(r.created_at)) / 1000).sort((a, b) => a - b);
  if (waits.length === 0) return DEFAULT_WAIT_SECONDS;
  return Math.min(600, Math.max(10, waits[Math.floor(waits.length / 2)]!));
}

/** The estimate for a position: the typical wait times the position, shared among the agents serving the team. */
const estimate = (position: number, typical: number, agents: number): number => Math.round((typical * position) / Math.max(1, agents));

/** A waiting chat's place among its team's unassigned chats (1 = next) and an estimated wait; null when it is not waiting. */
export async function queuePosition(deps: Pick<RoutingDeps, 'store' | 'clock'>, ticketId: number): Promise<QueuePosition | null> {
  const db = deps.store.db;
  const ticket = await queued(db).select(['t.id', 't.team_id', 't.created_at']).where('t.id', '=', ticketId).executeTakeFirst();
  if (!ticket) return null;
  const ahead = await queued(db)
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('t.team_id', ticket.team_id === null ? 'is' : '=', ticket.team_id)
    .where((eb) => eb.or([eb('t.created_at', '<', ticket.created_at), eb.and([eb('t.created_at', '=', ticket.created_at), eb('t.id', '<', ticket.id)])]))
    .executeTakeFirstOrThrow();
  const now = deps.clock.now();
  const [typical, agents, open] = await Promise.all([typicalWait(db, now), onlineCandidates(db, now), openTeamIds(db, now)]);
  const position = Number(ahead.n) + 1;
  return { position, estimatedWaitSeconds: estimate(position, typical, agents.filter((a) => servesTeam(a, ticket.team_id, open)).length) };
}

/**
 * queuePosition for many chats in one go (the routing round's queue frames): one read of the
 * whole queue, the agents and the hours, however many chats wait. Chats not waiting are absent.
 */
export async function queuePositions(deps: Pick<RoutingDeps, 'store' | 'clock'>, ticketIds: number[]): Promise<Map<number, QueuePosition>> {
  const wanted = new Set(ticketIds);
  const out = new Map<number, QueuePosition>();
  if (wanted.size === 0) return out;
  const db = deps.store.db;
  const now = deps.clock.now();
  const [chats, typical, agents, open] = await Promise.all([
    queued(db).select(['t.id', 't.team_id']).orderBy('t.created_at').orderBy('t.id').execute(),
    typicalWait(db, now),
    onlineCandidates(db, now),
    openTeamIds(db, now),
  ]);
  const ahead = new Map<number | null, number>();
  const serving = new Map<number | null, number>();
  for (const c of chats) {
    const position = (ahead.get(c.team_id) ?? 0) + 1;
    ahead.set(c.team_id, position);
    if (!wanted.has(c.id)) continue;
    if (!serving.has(c.team_id)) serving.set(c.team_id, agents.filter((a) => servesTeam(a, c.team_id, open)).length);
    out.set(c.id, { position, estimatedWaitSeconds: estimate(position, typical, serving.get(c.team_id)!) });
  }
  return out;
}

/** Ids of unassigned live chats that nobody is being offered, oldest first: what the gateway offers next. */
export async function waitingChats(deps: Pick<RoutingDeps, 'store'>, limit = 500): Promise<number[]> {
  const rows = await queued(deps.store.db).select('t.id')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('chat_offers as o').select('o.id').whereRef('o.ticket_id', '=', 't.id').where('o.status', '=', 'open'))))
    .orderBy('t.created_at').orderBy('t.id').limit(limit).execute();
  return rows.map((r) => r.id);
}

export type QueuedChat = {
  ticketId: number;
  reference: string;
  subject: string;
  category: Category;
  position: number;
  waitingSince: string;
  estimatedWaitSeconds: number;
  offeredTo: number | null;
};

/** The live queue for the console: waiting chats per team, and who is online with what load. */
export type QueueOverview = {
  teams: Array<{ id: number | null; slug: string | null; name: string | null; open: boolean; waiting: QueuedChat[] }>;
  agents: Array<Pick<Candidate, 'agentId' | 'name' | 'teamIds' | 'skills' | 'maxChats' | 'load'>>;
};

/** Every team's queue (and the chats without a team), with positions and estimates, and the online agents. */
export async function queueOverview(deps: Pick<RoutingDeps, 'store' | 'clock'>): Promise<QueueOverview> {
  const db = deps.store.db;
  const now = deps.clock.now();
  const [teams, chats, typical, agents, open] = await Promise.all([
    db.selectFrom('teams').select(['id', 'slug', 'name']).orderBy('id').execute(),
    queued(db).leftJoin('chat_offers as o', (j) => j.onRef('o.ticket_id', '=', 't.id').on('o.status', '=', 'open'))
      .select(['t.id', 't.reference', 't.subject', 't.category', 't.team_id', 't.created_at', 'o.agent_id'])
      .orderBy('t.created_at').orderBy('t.id').limit(1000).execute(),
    typicalWait(db, now),
    onlineCandidates(db, now),
    openTeamIds(db, now),
  ]);
  const queueOf = (teamId: number | null): QueuedChat[] => {
    const serving = agents.filter((a) => servesTeam(a, teamId, open)).length;
    return chats.filter((c) => c.team_id === teamId).map((c, i) => ({
      ticketId: c.id,
      reference: c.reference,
      subject: c.subject,
      category: c.category as Category,
      position: i + 1,
      waitingSince: c.created_at,
      estimatedWaitSeconds: estimate(i + 1, typical, serving),
      offeredTo: c.agent_id,
    }));
  };
  const unteamed = queueOf(null);
  return {
    teams: [
      ...teams.map((t) => ({ id: t.id, slug: t.slug, name: t.name, open: open.has(t.id), waiting: queueOf(t.id) })),
      ...(unteamed.length ? [{ id: null, slug: null, name: null, open: true, waiting: unteamed }] : []),
    ],
    agents: agents.map(({ agentId, name, teamIds, skills, maxChats, load }) => ({ agentId, name, teamIds, skills, maxChats, load })),
  };
}
