import { conflict, notFound } from '../../kernel/errors.ts';
import type { Actor } from '../../kernel/events.ts';
import { getTicketById, updateTicket, type Ticket } from '../tickets/index.ts';
import { ACTIVE_STATUSES, type RoutingDeps, type TransferTarget } from './model.ts';
import { onlineAgentsQuery } from './presence.ts';

/**
 * Hands a live chat to another agent (who must be online) or back to a team's queue, where the
 * gateway offers it again; whoever held it is not offered it back in that team.
 */
export async function transferChat(deps: RoutingDeps, ticketId: number, target: TransferTarget, actor: Actor): Promise<Ticket> {
  return deps.uow(async (work) => {
    const { trx, now } = work;
    const ticket = await getTicketById(trx, ticketId);
    if (ticket.channel !== 'chat' || !(ACTIVE_STATUSES as readonly string[]).includes(ticket.status)) throw conflict(`${ticket.reference} is not a live chat`);
    await trx.updateTable('chat_offers').set({ status: 'cancelled', resolved_at: now }).where('ticket_id', '=', ticketId).where('status', '=', 'open').execute();
    if ('toAgentId' in target) {
      const online = await onlineAgentsQuery(trx, deps.clock.now()).select('a.id').where('a.id', '=', target.toAgentId).executeTakeFirst();
      if (!online) throw conflict(`Agent ${target.toAgentId} is not online to take the chat`);
      await trx.updateTable('agent_presence').set((eb) => ({ last_routed_at: now, turn: eb('turn', '+', 1) })).where('agent_id', '=', target.toAgentId).execute();
      return updateTicket(work, ticket.reference, { assigneeId: target.toAgentId, status: 'open' }, actor);
    }
    const team = await trx.selectFrom('teams').select('id').where('slug', '=', target.toTeam).executeTakeFirst();
    if (!team) throw notFound(`Team "${target.toTeam}"`);
    if (ticket.assigneeId !== null) {
      await trx.insertInto('chat_offers')
        .values({ ticket_id: ticketId, agent_id: ticket.assigneeId, team_id: team.id, status: 'transferred', created_at: now, expires_at: now, resolved_at: now })
        .execute();
    }
    return updateTicket(work, ticket.reference, { assigneeId: null, teamId: team.id }, actor);
  });
}
