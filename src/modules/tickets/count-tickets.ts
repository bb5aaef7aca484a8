import type { Db } from '../../store/database.ts';
import { CATEGORIES, CHANNELS, STATUSES, type Category, type Channel, type Status } from './model.ts';

/** Statuses of work still to do: what the inbox views count. */
export const OPEN_STATUSES: readonly Status[] = ['new', 'open', 'pending', 'on_hold'];

/**
 * What the inbox sidebar shows. `views` and the by_* breakdowns count open work (new, open,
 * pending, on hold); `byStatus` counts every ticket by status, `views.all` every ticket.
 */
export type TicketCounts = {
  views: { mine: number | null; unassigned: number; open: number; all: number };
  byStatus: Record<Status, number>;
  byChannel: Record<Channel, number>;
  byCategory: Record<Category, number>;
  byTeam: { teamId: number | null; count: number }[];
};

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/**
 * Counts for the inbox views in four grouped queries, each answered from an index on
 * (status, …) rather than the table, so they stay fast at 100,000 tickets. `mine` is null
 * for a caller who is not an agent.
 */
export async function countTickets(db: Db, agentId: number | null): Promise<TicketCounts> {
  const open = [...OPEN_STATUSES];
  const [statuses, kinds, teams, people] = await Promise.all([
    db.selectFrom('tickets').select(['status', (eb) => eb.fn.countAll<number | string>().as('n')]).groupBy('status').execute(),
    db.selectFrom('tickets').select(['channel', 'category', (eb) => eb.fn.countAll<number | string>().as('n')]).where('status', 'in', open).groupBy(['channel', 'category']).execute(),
    db.selectFrom('tickets').select(['team_id', (eb) => eb.fn.countAll<number | string>().as('n')]).where('status', 'in', open).groupBy('team_id').execute(),
    db
      .selectFrom('tickets')
      .select((eb) => [
        eb.fn.sum<number | string | null>(eb.case().when('assignee_id', 'is', null).then(1).else(0).end()).as('unassigned'),
        eb.fn.sum<number | string | null>(eb.case().when('assignee_id', '=', agentId ?? -1).then(1).else(0).end()).as('mine'),
      ])
      .where('status', 'in', open)
      .executeTakeFirstOrThrow(),
  ]);
  const byStatus = zeros(STATUSES);
  for (const r of statuses) if (r.status in byStatus) byStatus[r.status as Status] = Number(r.n);
  const byChannel = zeros(CHANNELS);
  const byCategory = zeros(CATEGORIES);
  for (const r of kinds) {
    if (r.channel in byChannel) byChannel[r.channel as Channel] += Number(r.n);
    if (r.category in byCategory) byCategory[r.category as Category] += Number(r.n);
  }
  return {
    views: {
      mine: agentId === null ? null : Number(people.mine ?? 0),
      unassigned: Number(people.unassigned ?? 0),
      open: open.reduce((sum, s) => sum + byStatus[s], 0),
      all: STATUSES.reduce((sum, s) => sum + byStatus[s], 0),
    },
    byStatus,
    byChannel,
    byCategory,
    byTeam: teams.map((r) => ({ teamId: r.team_id, count: Number(r.n) })).sort((a, b) => b.count - a.count || (a.teamId ?? 0) - (b.teamId ?? 0)),
  };
}
