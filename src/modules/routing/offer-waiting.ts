import { onlineCandidates, openTeamIds } from './candidates.ts';
import type { Offer, RoutingDeps } from './model.ts';
import { eligible, spentOn, tryOffer, waitingTickets } from './offers.ts';
import { waitingChats } from './queue.ts';

/**
 * One routing round for many chats: reads the online agents, business hours and spent offers
 * once, then offers the waiting chats oldest first, counting each offer against the agent's
 * capacity as it goes. When no agent has room it costs three queries, however long the queue.
 * Each offer is still its own conditional transaction, so rounds on several nodes at once are
 * safe; a lost race re-reads the agents once.
 */
export async function offerWaiting(deps: RoutingDeps, ticketIds?: number[]): Promise<Array<Offer & { ticketId: number }>> {
  const db = deps.store.db;
  const now = deps.clock.now();
  let agents = await onlineCandidates(db, now);
  if (!agents.some((a) => a.load < a.maxChats)) return [];
  const ids = ticketIds ?? (await waitingChats(deps));
  if (ids.length === 0) return [];
  const offers: Array<Offer & { ticketId: number }> = [];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const found = await waitingTickets(db, chunk).execute();
    const byId = new Map(found.map((t) => [t.id, t]));
    const [open, spent] = await Promise.all([openTeamIds(db, now), spentOn(db, found)]);
    for (const id of chunk) {
      const ticket = byId.get(id);
      if (!ticket) continue;
      for (let attempt = 0; attempt < 2; attempt++) {
        const pick = eligible(agents, ticket, open, spent.get(id)!)[0];
        if (!pick) break;
        const outcome = await tryOffer(deps, ticket, pick, now);
        if (outcome === 'ticket') break;
        if (outcome !== 'agent') {
          offers.push({ ticketId: id, ...outcome });
          break;
        }
        agents = await onlineCandidates(db, deps.clock.now());
      }
      if (!agents.some((a) => a.load < a.maxChats)) return offers;
    }
  }
  return offers;
}
