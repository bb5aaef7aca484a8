import { onlineCandidates, openTeamIds, servesTeam } from './candidates.ts';
import type { Availability, RoutingDeps } from './model.ts';

/**
 * Whether a chat for the team (null: any team) can be answered now, and why not: the team is
 * outside its business hours, or no agent who serves it is online. Busy agents still count:
 * a full house means a queue, not an email.
 */
export async function availability(deps: Pick<RoutingDeps, 'store' | 'clock'>, teamId: number | null): Promise<Availability> {
  const db = deps.store.db;
  const now = deps.clock.now();
  const [teams, open, agents] = await Promise.all([
    db.selectFrom('teams').select(['id', 'slug']).orderBy('id').execute(),
    openTeamIds(db, now),
    onlineCandidates(db, now),
  ]);
  const teamOnline = (id: number | null): boolean => agents.some((a) => servesTeam(a, id, open));
  const online = teamOnline(teamId);
  const inHours = teamId === null ? open.size > 0 || teams.length === 0 : open.has(teamId);
  return {
    online,
    reason: online ? null : inHours ? 'no_agents' : 'outside_hours',
    teams: teams.map((t) => ({ slug: t.slug, online: teamOnline(t.id) })),
  };
}
