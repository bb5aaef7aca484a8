import type { StoredEvent } from '../../kernel/events.ts';
import type { Db } from '../../store/database.ts';
import { erasedAt, getCustomer, mergedInto, type Customer } from '../customers/index.ts';
import { auditEntries, type AuditRecord } from '../identity/index.ts';
import { mailsTo, type OutboxEmail } from '../outbox/index.ts';
import { getTicketById, listChecklist, listMessages, listVerifications, ticketEvents, ticketIdsOf, type ChecklistItem, type Message, type Ticket } from '../tickets/index.ts';

/** One ticket of an export, with everything that happened on it. */
export type ExportedTicket = { ticket: Ticket; messages: Message[]; events: StoredEvent[]; checklist: ChecklistItem[]; verifications: Awaited<ReturnType<typeof listVerifications>> };

/** Everything Careline holds about a customer, gathered for their access request. */
export type CustomerExport = {
  exportedAt: string;
  customer: Customer;
  erasedAt: string | null;
  mergedFrom: number[];
  tickets: ExportedTicket[];
  outbox: OutboxEmail[];
  audit: AuditRecord[];
};

/**
 * Gathers a customer's data (GDPR Art. 15/20): the record and identities, every ticket with
 * messages (attachment metadata included), history, checklist and verifications, the mail we
 * sent them, and the audit entries about them or their tickets.
 */
export async function exportCustomer(db: Db, id: number, now: string): Promise<CustomerExport> {
  const customer = await getCustomer(db, id);
  const mergedFrom = await mergedInto(db, customer.id);
  const ticketIds = await ticketIdsOf(db, [customer.id, ...mergedFrom]);
  const tickets: ExportedTicket[] = [];
  for (const ticketId of ticketIds) {
    const ticket = await getTicketById(db, ticketId);
    tickets.push({ ticket, messages: await listMessages(db, ticketId), events: await ticketEvents(db, ticketId), checklist: await listChecklist(db, ticketId), verifications: await listVerifications(db, ticketId) });
  }
  const addresses = customer.identities.filter((i) => i.kind === 'email').map((i) => i.value);
  const outbox = await mailsTo(db, { customerId: customer.id, ticketIds, addresses });
  const targets = [
    ...[customer.id, ...mergedFrom].map((c) => ({ type: 'customer', id: String(c) })),
    ...tickets.map((t) => ({ type: 'ticket', id: t.ticket.reference })),
  ];
  const audit: AuditRecord[] = [];
  for await (const entry of auditEntries(db, { targets })) audit.push(entry);
  return { exportedAt: now, customer, erasedAt: await erasedAt(db, customer.id), mergedFrom, tickets, outbox, audit };
}
