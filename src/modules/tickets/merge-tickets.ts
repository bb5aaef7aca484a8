import { AppError, badRequest, conflict } from '../../kernel/errors.ts';
import type { Actor } from '../../kernel/events.ts';
import type { Work } from '../../store/unit-of-work.ts';
import { insertMessage } from './add-message.ts';
import { textToHtml } from './message-body.ts';
import type { Ticket } from './model.ts';
import { findTicket, getTicketById } from './queries.ts';

export type MergedTickets = { ticket: Ticket; merged: boolean };

/** A system note on a ticket, from Careline itself; it changes nothing else. */
async function systemNote(work: Work, ticket: Ticket, text: string): Promise<void> {
  await insertMessage(work, ticket, { kind: 'note', author: { type: 'system', id: null }, channel: ticket.channel, body: { text, html: textToHtml(text) }, externalId: null, screened: [] }, { type: 'system' }, { changesState: false });
}

/**
 * Merges one ticket of a customer into another of the same customer: the source's messages
 * move to the target (keeping their order by time of arrival), replies threaded to the source
 * now thread to the target, and the source is closed with a note that links the target. Both
 * tickets get a ticket.merged event. A retry of a merge already done returns the target
 * unchanged (merged: false).
 */
export async function mergeTickets(work: Work, sourceReference: string, targetReference: string, actor: Actor): Promise<MergedTickets> {
  const { trx, now } = work;
  const source = await findTicket(trx, sourceReference);
  const target = await findTicket(trx, targetReference);
  if (source.id === target.id) throw badRequest('A ticket cannot be merged into itself', { into: 'same ticket' });
  const state = await trx.selectFrom('tickets').select(['id', 'merged_into_id']).where('id', 'in', [source.id, target.id]).execute();
  const mergedInto = (id: number) => state.find((r) => r.id === id)?.merged_into_id ?? null;
  if (mergedInto(source.id) === target.id) return { ticket: target, merged: false };
  if (mergedInto(source.id) !== null) throw conflict(`Ticket ${source.reference} was already merged into another ticket`);
  if (mergedInto(target.id) !== null) throw conflict(`Ticket ${target.reference} was merged into another ticket; merge into that one instead`);
  if (source.customer.id !== target.customer.id) {
    throw new AppError('conflict', `Only tickets of the same customer can be merged: ${source.reference} and ${target.reference} belong to different customers`, { into: 'other customer' });
  }
  if (source.status === 'closed') throw conflict(`Ticket ${source.reference} is closed; closed tickets cannot be merged`);
  if (target.status === 'closed') throw conflict(`Ticket ${target.reference} is closed and takes no new messages; merge into an open ticket`);
  // Claim the source first: of two merges racing on it, one updates the row and the other finds it merged.
  const claimed = await trx.updateTable('tickets').set({ merged_into_id: target.id }).where('id', '=', source.id).where('merged_into_id', 'is', null).executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) throw conflict(`Ticket ${source.reference} is being merged already; try again`);

  const moved = await trx.updateTable('messages').set({ ticket_id: target.id }).where('ticket_id', '=', source.id).executeTakeFirst();
  const messages = Number(moved.numUpdatedRows);
  await trx.updateTable('ticket_external_ids').set({ ticket_id: target.id }).where('ticket_id', '=', source.id).execute();
  await trx.updateTable('tickets').set({ status: 'closed', updated_at: now }).where('id', '=', source.id).execute();
  await trx.updateTable('tickets').set({ updated_at: now }).where('id', '=', target.id).execute();
  await systemNote(work, source, `Merged into ${target.reference}: its ${messages === 1 ? 'message is' : `${messages} messages are`} there now.`);
  await systemNote(work, target, `${source.reference} ("${source.subject}") was merged into this ticket with ${messages === 1 ? 'its message' : `its ${messages} messages`}.`);
  const data = { source: source.reference, target: target.reference, messages };
  work.emit({ type: 'ticket.updated', ticketId: source.id, customerId: source.customer.id, actor, data: { reference: source.reference, changes: { status: [source.status, 'closed'] } } });
  work.emit({ type: 'ticket.merged', ticketId: source.id, customerId: source.customer.id, actor, data: { reference: source.reference, ...data } });
  work.emit({ type: 'ticket.merged', ticketId: target.id, customerId: target.customer.id, actor, data: { reference: target.reference, ...data } });
  return { ticket: await getTicketById(trx, target.id), merged: true };
}
