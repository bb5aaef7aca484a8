import type { Db } from '../../store/database.ts';
import { businessHoursOf, isOpenAt } from './business-hours.ts';
import { ACTIVE_STATUSES, DEFAULT_MAX_CHATS } from './model.ts';
import { onlineAgentsQuery } from './presence.ts';

/** An online agent as routing sees them: teams, skills, capacity, current load. */
export type Candidate = {
  agentId: number;
  name: string;
  teamIds: number[];
  skills: string[];
  maxChats: number;
  /** Active chats assigned plus open offers. */
  load: number;
  lastRoutedAt: string;
  /** The agent's offer counter as read; an offer commits only if it is unchanged. */
  turn: number;
};

/** Every online agent with teams, skills and load, in one query per table. */
export async function onlineCandidates(db: Db, now: Date): Promise<Candidate[]> {
  const rows = await onlineAgentsQuery(db, now)
    .leftJoin('agent_routing as r', 'r.agent_id', 'a.id')
    .select(['a.id', 'a.name', 'p.last_routed_at', 'p.turn', 'r.skills', 'r.max_chats'])
    .orderBy('a.id')
    .execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [memberships, chats, offers] = await Promise.all([
    db.selectFrom('agent_teams').select(['agent_id', 'team_id']).where('agent_id', 'in', ids).execute(),
    db.selectFrom('tickets').select(['assignee_id', (eb) => eb.fn.countAll<string | number>().as('n')])
      .where('channel', '=', 'chat').where('status', 'in', ACTIVE_STATUSES).where('assignee_id', 'in', ids).groupBy('assignee_id').execute(),
    db.selectFrom('chat_offers').select(['agent_id', (eb) => eb.fn.countAll<string | number>().as('n')])
      .where('status', '=', 'open').where('agent_id', 'in', ids).groupBy('agent_id').execute(),
  ]);
  const load = new Map<number, number>();
  for (const c of chats) load.set(c.assignee_id!, Number(c.n));
  for (const o of offers) load.set(o.agent_id, (load.get(o.agent_id) ?? 0) + Number(o.n));
  return rows.map((r) => ({
    agentId: r.id,
    name: r.name,
    teamIds: memberships.filter((m) => m.agent_id === r.id).map((m) => m.team_id),
    skills: r.skills ? (JSON.parse(r.skills) as string[]) : [],
    maxChats: r.max_chats ?? DEFAULT_MAX_CHATS,
    load: load.get(r.id) ?? 0,
    lastRoutedAt: r.last_routed_at,
    turn: r.turn,
  }));
}

/** Team ids whose business hours are open at `now`, among all teams. */
export async function openTeamIds(db: Db, now: Date): Promise<Set<number>> {
  const teams = await db.selectFrom('teams').select('id').execute();
  const hours = await businessHoursOf(db, teams.map((t) => t.id));
  return new Set([...hours.values()].filter((h) => isOpenAt(h, now)).map((h) => h.teamId));
}

/**
 * Whether an agent works a team's queue now: a member of that open team; for a chat without a
 * team, an agent in no team or in any open team.
 */
export function servesTeam(c: Candidate, teamId: number | null, open: Set<number>): boolean {
  if (teamId !== null) return c.teamIds.includes(teamId) && open.has(teamId);
  return c.teamIds.length === 0 || c.teamIds.some((id) => open.has(id));
}

/** Whether an agent has the skill for a category: no skills set means every category. */
export const hasSkill = (c: Candidate, category: string): boolean => c.skills.length === 0 || c.skills.includes(category);

/** Fewest chats first, then the one who waited longest since their last chat: round-robin among equals. */
export const byTurn = (a: Candidate, b: Candidate): number =>
  a.load - b.load || (a.lastRoutedAt < b.lastRoutedAt ? -1 : a.lastRoutedAt > b.lastRoutedAt ? 1 : a.agentId - b.agentId);
