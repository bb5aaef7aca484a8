/** Tickets, their messages and history: create, update, reply, note, list, find by reference. */
export * from './model.ts';
export { createTicket, MAX_SUBJECT, type NewTicket } from './create-ticket.ts';
export { updateTicket, type TicketPatch } from './update-ticket.ts';
export { addMessage, insertMessage, type AddMessageInput, type NewMessage, type InsertedMessage } from './add-message.ts';
export { receiveInbound, recordExternalId, AUTOMATED_TAG, type InboundMessage, type InboundAnnotation, type InboundAttachment, type Received } from './receive-inbound.ts';
export { retryOnDuplicate } from './retry-on-duplicate.ts';
export { findTicket, getTicketById, listChecklist, listMessages } from './queries.ts';
export { setChecklistItem } from './checklist.ts';
export { ESCALATION_TAG } from './apply-triage.ts';
export { listTickets, type TicketFilter, type TicketPage } from './list-tickets.ts';
export { countTickets, OPEN_STATUSES, type TicketCounts } from './count-tickets.ts';
export { searchPhrase, type SearchPhrase } from './ticket-search.ts';
export { mergeTickets, type MergedTickets } from './merge-tickets.ts';
export { makeBody, sanitizeMessageHtml, textToHtml } from './message-body.ts';
export { ticketEvents } from '../../store/event-log.ts';
export { guardBody, type Override } from './guard-outbound.ts';
export * from './verification/index.ts';
export { eraseCustomerTickets, listVerifications, ticketIdsOf, ERASED_TEXT, type ErasedTickets } from './erase-tickets.ts';
