import { notFound } from '../../kernel/errors.ts';
import type { Actor } from '../../kernel/events.ts';
import type { Work } from '../../store/unit-of-work.ts';
import type { ChecklistItem } from './model.ts';
import { findTicket, listChecklist } from './queries.ts';

/** Ticks or unticks a step of a ticket's escalation checklist; recorded in the ticket's history. */
export async function setChecklistItem(work: Work, reference: string, itemId: number, done: boolean, actor: Actor): Promise<ChecklistItem[]> {
  const { trx, now } = work;
  const ticket = await findTicket(trx, reference);
  const item = await trx.selectFrom('ticket_checklist_items').selectAll().where('id', '=', itemId).where('ticket_id', '=', ticket.id).executeTakeFirst();
  if (!item) throw notFound(`Checklist item ${itemId} on ${ticket.reference}`);
  if ((item.done_at !== null) !== done) {
    await trx
      .updateTable('ticket_checklist_items')
      .set({ done_at: done ? now : null, done_by: done && actor.type === 'agent' ? actor.id : null })
      .where('id', '=', itemId)
      .execute();
    work.emit({
      type: 'ticket.updated',
      ticketId: ticket.id,
      customerId: ticket.customer.id,
      actor,
      data: { reference: ticket.reference, changes: { [`checklist.${itemId}`]: [item.done_at !== null, done] } },
    });
  }
  return listChecklist(trx, ticket.id);
}
