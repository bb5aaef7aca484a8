import { conflict } from '../../kernel/errors.ts';
import type { Actor } from '../../kernel/events.ts';
import type { Db } from '../../store/database.ts';
import { getTicketById, updateTicket, type Ticket } from '../tickets/index.ts';
import { byTurn, hasSkill, onlineCandidates, openTeamIds, servesTeam, type Candidate } from './candidates.ts';
import { ACTIVE_STATUSES, OFFER_SECONDS, type Offer, type RoutingDeps } from './model.ts';

/** Offer outcomes that keep an agent from being offered the same chat again (in the same team). */
export const SPENT = ['declined', 'expired', 'transferred'];

/** Thrown inside an offer's transaction to roll it back: another node took the ticket or the agent first. */
class LostRace extends Error {
  constructor(readonly what: 'ticket' | 'agent') {
    super(`lost the race for the ${what}`);
  }
}

export type WaitingTicket = { id: number; team_id: number | null; category: string };

/** Chats among ids that wait for an agent and that nobody is being offered. */
export function waitingTickets(db: Db, ids: number[]) {
  return db.selectFrom('tickets as t').select(['t.id', 't.team_id', 't.category'])
    .where('t.id', 'in', ids).where('t.channel', '=', 'chat').where('t.assignee_id', 'is', null).where('t.status', 'in', ACTIVE_STATUSES)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('chat_offers as o').select('o.id').whereRef('o.ticket_id', '=', 't.id').where('o.status', '=', 'open'))));
}

/** The online agents who may get this chat now, best first: free capacity, the skill, its team open, not spent on it. */
export function eligible(agents: Candidate[], ticket: WaitingTicket, open: Set<number>, spent: Set<number>): Candidate[] {
  return agents
    .filter((a) => !spent.has(a.agentId) && a.load < a.maxChats && hasSkill(a, ticket.category) && servesTeam(a, ticket.team_id, open))
    .sort(byTurn);
}

/**
 * Records the offer of a ticket to the picked agent, or reports who won the race instead: the
 * unique index allows one open offer per ticket, and the agent's turn must be the one read.
 */
export async function tryOffer(deps: RoutingDeps, ticket: WaitingTicket, pick: Candidate, now: Date): Promise<Offer | 'ticket' | 'agent'> {
  const at = now.toISOString();
  const expiresAt = new Date(now.getTime() + OFFER_SECONDS * 1000).toISOString();
  try {
    await deps.store.transaction(async (trx) => {
      if (!(await waitingTickets(trx, [ticket.id]).executeTakeFirst())) throw new LostRace('ticket');
      const inserted = await trx.insertInto('chat_offers')
        .values({ ticket_id: ticket.id, agent_id: pick.agentId, team_id: ticket.team_id, status: 'open', created_at: at, expires_at: expiresAt, resolved_at: null })
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) throw new LostRace('ticket');
      const turn = await trx.updateTable('agent_presence').set((eb) => ({ last_routed_at: at, turn: eb('turn', '+', 1) }))
        .where('agent_id', '=', pick.agentId).where('turn', '=', pick.turn).executeTakeFirst();
      if (Number(turn.numUpdatedRows) !== 1) throw new LostRace('agent');
    });
  } catch (error) {
    if (error instanceof LostRace) return error.what;
    throw error;
  }
  pick.load++;
  pick.turn++;
  pick.lastRoutedAt = at;
  return { agentId: pick.agentId, expiresAt };
}

/** Agents who declined a chat, let its offer expire or handed it over, in its current team. */
export async function spentOn(db: Db, tickets: WaitingTicket[]): Promise<Map<number, Set<number>>> {
  const rows = tickets.length
    ? await db.selectFrom('chat_offers').select(['ticket_id', 'agent_id', 'team_id']).where('ticket_id', 'in', tickets.map((t) => t.id)).where('status', 'in', SPENT).execute()
    : [];
  const teamOf = new Map(tickets.map((t) => [t.id, t.team_id]));
  const spent = new Map<number, Set<number>>(tickets.map((t) => [t.id, new Set()]));
  for (const r of rows) if (r.team_id === teamOf.get(r.ticket_id)) spent.get(r.ticket_id)!.add(r.agent_id);
  return spent;
}

/**
 * Offers a waiting chat to the next agent: online, serving its team in business hours, with the
 * skill and free capacity, fewest chats then longest since their last one, never one who
 * declined it or let it expire. One open offer per ticket (a unique index) and a conditional
 * bump of the agent's turn make it safe for several nodes at once: exactly one offer wins.
 */
export async function offerNext(deps: RoutingDeps, ticketId: number): Promise<Offer | null> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const now = deps.clock.now();
    const db = deps.store.db;
    const ticket = await waitingTickets(db, [ticketId]).executeTakeFirst();
    if (!ticket) return null;
    const [agents, open, spent] = await Promise.all([onlineCandidates(db, now), openTeamIds(db, now), spentOn(db, [ticket])]);
    const pick = eligible(agents, ticket, open, spent.get(ticket.id)!)[0];
    if (!pick) return null;
    const outcome = await tryOffer(deps, ticket, pick, now);
    if (outcome === 'ticket') return null;
    if (outcome !== 'agent') return outcome;
  }
  return null;
}

/** The open offer of a ticket, if any (to show it again to an agent who reconnects). */
export async function openOfferOf(deps: Pick<RoutingDeps, 'store'>, ticketId: number): Promise<Offer | null> {
  const row = await deps.store.db.selectFrom('chat_offers').select(['agent_id', 'expires_at']).where('ticket_id', '=', ticketId).where('status', '=', 'open').executeTakeFirst();
  return row ? { agentId: row.agent_id, expiresAt: row.expires_at } : null;
}

/** Closes this agent's open, unexpired offer of the ticket as `status`, or throws conflict. */
async function resolveOffer(db: Db, ticketId: number, agentId: number, status: 'accepted' | 'declined', now: string): Promise<void> {
  const result = await db.updateTable('chat_offers').set({ status, resolved_at: now })
    .where('ticket_id', '=', ticketId).where('agent_id', '=', agentId).where('status', '=', 'open').where('expires_at', '>', now)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw conflict('This chat is not offered to you (any more)');
}

/** Takes an offered chat: assigns the ticket to the agent and opens it (a ticket.updated event), or throws conflict. */
export async function acceptOffer(deps: RoutingDeps, ticketId: number, agentId: number, actor: Actor): Promise<Ticket> {
  return deps.uow(async (work) => {
    await resolveOffer(work.trx, ticketId, agentId, 'accepted', work.now);
    const ticket = await getTicketById(work.trx, ticketId);
    if (ticket.assigneeId !== null || !(ACTIVE_STATUSES as readonly string[]).includes(ticket.status)) throw conflict('This chat was taken or closed meanwhile');
    await work.trx.updateTable('agent_presence').set({ last_routed_at: work.now }).where('agent_id', '=', agentId).execute();
    return updateTicket(work, ticket.reference, { assigneeId: agentId, status: 'open' }, actor);
  });
}

/** Turns an offered chat down; the gateway then offers it to the next agent. Throws conflict if it was not offered to this agent. */
export async function declineOffer(deps: RoutingDeps, ticketId: number, agentId: number): Promise<void> {
  const now = deps.clock.now().toISOString();
  await deps.store.transaction((trx) => resolveOffer(trx, ticketId, agentId, 'declined', now));
}

/** Marks offers past their time as expired and returns their tickets, which the gateway offers again. */
export async function expireOffers(deps: RoutingDeps): Promise<number[]> {
  const now = deps.clock.now().toISOString();
  const rows = await deps.store.transaction((trx) =>
    trx.updateTable('chat_offers').set({ status: 'expired', resolved_at: now }).where('status', '=', 'open').where('expires_at', '<=', now).returning('ticket_id').execute(),
  );
  return [...new Set(rows.map((r) => r.ticket_id))];
}
