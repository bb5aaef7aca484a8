import { badRequest } from '../../kernel/errors.ts';
import type { Db } from '../../store/database.ts';
import { PRESENCE_STATUSES, PRESENCE_TTL_MS, type PresenceStatus, type RoutingDeps } from './model.ts';

const EPOCH = new Date(0).toISOString();

/** Sets an agent's presence as seen by the node the agent is connected to; inactive agents and viewers cannot go online (anyone can go offline). */
export async function setPresence(deps: RoutingDeps, agentId: number, status: PresenceStatus, nodeId: string): Promise<void> {
  if (!PRESENCE_STATUSES.includes(status)) throw badRequest(`Presence must be one of ${PRESENCE_STATUSES.join(', ')}`, { status: 'unknown' });
  const agent = await deps.store.db.selectFrom('agents').select(['active', 'role']).where('id', '=', agentId).executeTakeFirst();
  if (!agent) throw badRequest(`Agent ${agentId} does not exist`, { agentId: 'unknown' });
  if (status !== 'offline' && agent.active !== 1) throw badRequest(`Agent ${agentId} is inactive`, { agentId: 'inactive' });
  if (status === 'online' && agent.role === 'viewer') throw badRequest('A viewer cannot take chats', { status: 'viewer' });
  const now = deps.clock.now().toISOString();
  await deps.store.transaction((trx) =>
    trx.insertInto('agent_presence')
      .values({ agent_id: agentId, status, node_id: nodeId, seen_at: now, last_routed_at: EPOCH })
      .onConflict((oc) => oc.column('agent_id').doUpdateSet({ status, node_id: nodeId, seen_at: now }))
      .execute(),
  );
}

/** The heartbeat of a node for the agents connected to it; presence not refreshed within 45 s counts as offline. */
export async function touchPresence(deps: RoutingDeps, nodeId: string, agentIds: number[]): Promise<void> {
  if (agentIds.length === 0) return;
  const now = deps.clock.now().toISOString();
  await deps.store.transaction((trx) =>
    trx.updateTable('agent_presence').set({ seen_at: now, node_id: nodeId }).where('agent_id', 'in', agentIds).where('status', '!=', 'offline').execute(),
  );
}

/**
 * A node no longer holds any socket of the agent, so it stops vouching for the agent's presence.
 * Only the node that refreshed the presence last can take it away (its heartbeat is cleared,
 * so the agent counts as offline at once); while another node still holds the agent's sockets,
 * that node's heartbeat brings it back. The status the agent chose is kept. True when this node
 * was the one vouching (other nodes holding the agent should refresh it now).
 */
export async function leavePresence(deps: RoutingDeps, nodeId: string, agentId: number): Promise<boolean> {
  const result = await deps.store.transaction((trx) =>
    trx.updateTable('agent_presence').set({ seen_at: EPOCH }).where('agent_id', '=', agentId).where('node_id', '=', nodeId).executeTakeFirst(),
  );
  return Number(result.numUpdatedRows) > 0;
}

/** The oldest heartbeat that still counts as present at `now`. */
export function presenceCutoff(now: Date): string {
  return new Date(now.getTime() - PRESENCE_TTL_MS).toISOString();
}

/** Ids of active, non-viewer agents who are online with a live heartbeat. */
export async function onlineAgentIds(deps: Pick<RoutingDeps, 'store' | 'clock'>): Promise<number[]> {
  const rows = await onlineAgentsQuery(deps.store.db, deps.clock.now()).select('a.id').orderBy('a.id').execute();
  return rows.map((r) => r.id);
}

/** agents joined to a live online presence; the base of every routing query. */
export function onlineAgentsQuery(db: Db, now: Date) {
  return db
    .selectFrom('agents as a')
    .innerJoin('agent_presence as p', 'p.agent_id', 'a.id')
    .where('a.active', '=', 1)
    .where('a.role', '!=', 'viewer')
    .where('p.status', '=', 'online')
    .where('p.seen_at', '>', presenceCutoff(now));
}
