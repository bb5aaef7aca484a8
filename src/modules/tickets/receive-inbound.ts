import { findOrCreateCustomer, markIdentityBouncing, type IdentityInput, type IdentityKind } from '../customers/index.ts';
import type { Actor } from '../../kernel/events.ts';
import { normalizeReference } from '../../kernel/ids.ts';
import type { Tx } from '../../store/database.ts';
import type { Work } from '../../store/unit-of-work.ts';
import { insertMessage } from './add-message.ts';
import { createTicket } from './create-ticket.ts';
import { inboundBody, openingContent } from './inbound-opening.ts';
import { makeBody } from './message-body.ts';
import { messageByExternalId } from './message-by-external-id.ts';
import type { Category, Channel, Priority, Ticket } from './model.ts';
import type { PreparedTicket } from './prepare-ticket.ts';
import { getTicketById } from './queries.ts';

/** What a channel's filters found out about a message; typed, so nothing talks through magic keys. */
export type InboundAnnotation =
  /** Sent by a machine (auto-reply, list, our own loop): stored, never answered automatically. */
  | { kind: 'automated'; reason: string }
  /** A report that something we sent did not arrive; originalIds are the ids of what we sent. */
  | { kind: 'delivery_failure'; recipients: Array<{ kind: IdentityKind; value: string }>; diagnostic: string; originalIds: string[] };

/** A file the channel already wrote durably (before the transaction), to be linked to the message. */
export type InboundAttachment = { filename: string; contentType: string; size: number; storageKey: string; contentId: string | null };

/** One message as any channel hands it to the domain: who, what, what it answers, and the channel's defaults. */
export type InboundMessage = {
  channel: Channel;
  /** The channel's own id (an email's Message-ID): the same id is stored once. */
  externalId: string;
  from: { identity: IdentityInput; name: string | null };
  subject: string;
  body: { text?: string | undefined; html?: string | undefined };
  /** Ids of the messages this one answers, nearest first (In-Reply-To, then References newest first). */
  replyTo: string[];
  attachments: InboundAttachment[];
  /** What a new ticket starts with: the category triage leans to, a priority, a team. */
  defaults: { category: Category | null; priority: Priority | null; teamId: number | null };
  annotations: InboundAnnotation[];
  /** The opening of the ticket this message would create, prepared on another thread (prepareInboundOpening); ignored unless made from this very message. */
  prepared?: PreparedTicket | null;
};

/** What receiveInbound did; `ticket` is the ticket the message now belongs to. */
export type Received =
  | { outcome: 'created' | 'appended' | 'follow_up' | 'duplicate' | 'delivery_failure'; ticket: Ticket; messageId: number }
  | { outcome: 'unmatched_failure'; ticket: null; messageId: null };

/** The tag a ticket opened by an automated message carries, so agents can filter the noise. */
export const AUTOMATED_TAG = 'auto-submitted';

const SYSTEM: Actor = { type: 'system' };
const MAX_THREAD_IDS = 50;
const REFERENCE_IN_SUBJECT = /\[\s*(CL-?[0-9A-Z]{8})\s*\]/gi;

/**
 * Files an inbound message in the caller's transaction: finds or creates the customer, then
 * joins the ticket it answers (by the ids it replies to, or by `[CL-…]` in the subject when the
 * sender owns or already wrote on that ticket), opens a follow-up when that ticket is closed,
 * or opens a new ticket. A delivery failure becomes an internal note on the ticket it is about.
 * The same external id is stored once. Automated messages never change a ticket's status.
 */
export async function receiveInbound(work: Work, m: InboundMessage): Promise<Received> {
  const { trx } = work;
  const seen = await messageByExternalId(trx, m.channel, m.externalId);
  if (seen) return { outcome: 'duplicate', ticket: await getTicketById(trx, seen.ticket_id), messageId: seen.id };
  const failure = m.annotations.find((a) => a.kind === 'delivery_failure');
  if (failure) return recordDeliveryFailure(work, m, failure);
  const automated = m.annotations.some((a) => a.kind === 'automated');
  const { customer } = await findOrCreateCustomer(work, m.from.identity, m.from.name, SYSTEM);
  const actor: Actor = { type: 'customer', id: customer.id };
  const thread = (await ticketByExternalIds(trx, m.channel, m.replyTo)) ?? (await ticketBySubjectReference(trx, m.subject, customer.id));
  if (thread && thread.status !== 'closed') {
    const author = { type: 'customer' as const, id: customer.id };
    const { id } = await insertMessage(work, thread, { kind: 'reply', author, channel: m.channel, body: makeBody(inboundBody(m)), externalId: m.externalId }, actor, { changesState: !automated });
    await insertAttachments(work, id, m.attachments);
    return { outcome: 'appended', ticket: await getTicketById(trx, thread.id), messageId: id };
  }
  const opening = openingContent(m);
  const made = await createTicket(work, {
    subject: opening.subject,
    body: { text: opening.text, html: opening.html },
    customer: { known: customer },
    channel: m.channel,
    priority: m.defaults.priority ?? undefined,
    teamId: m.defaults.teamId,
    tags: automated ? [AUTOMATED_TAG] : [],
    externalId: m.externalId,
    followUpOfId: thread?.id ?? null,
    hints: { mailboxCategory: opening.mailboxCategory },
    prepared: m.prepared ?? null,
  }, actor);
  if (!made.created) return { outcome: 'duplicate', ticket: made.ticket, messageId: (await messageByExternalId(trx, m.channel, m.externalId))!.id };
  await insertAttachments(work, made.opening.id, m.attachments);
  return { outcome: thread ? 'follow_up' : 'created', ticket: made.ticket, messageId: made.opening.id };
}

/**
 * Remembers an id a channel knows one of our messages by (an outbound Message-ID), so that a
 * reply naming it joins the ticket. Recording the same id again changes nothing.
 */
export async function recordExternalId(work: Work, ref: { channel: Channel; externalId: string; ticketId: number; messageId: number | null }): Promise<void> {
  await work.trx
    .insertInto('ticket_external_ids')
    .values({ channel: ref.channel, external_id: ref.externalId, ticket_id: ref.ticketId, message_id: ref.messageId, created_at: work.now })
    .onConflict((oc) => oc.columns(['channel', 'external_id']).doNothing())
    .execute();
}

async function recordDeliveryFailure(work: Work, m: InboundMessage, failure: Extract<InboundAnnotation, { kind: 'delivery_failure' }>): Promise<Received> {
  const ticket = await ticketByExternalIds(work.trx, m.channel, [...failure.originalIds, ...m.replyTo]);
  if (!ticket) return { outcome: 'unmatched_failure', ticket: null, messageId: null };
  for (const recipient of failure.recipients.slice(0, 20)) await markIdentityBouncing(work, recipient, failure.diagnostic);
  const who = failure.recipients.map((r) => r.value).join(', ') || 'unknown recipient';
  const text = `Delivery failed: ${who}: ${failure.diagnostic}`.slice(0, 2000);
  const note = { kind: 'note' as const, author: { type: 'system' as const, id: null }, channel: m.channel, body: makeBody({ text }), externalId: m.externalId };
  const { id } = await insertMessage(work, ticket, note, SYSTEM);
  return { outcome: 'delivery_failure', ticket, messageId: id };
}

/** The ticket of the nearest id we know, among messages' external ids and our recorded outbound ids. */
async function ticketByExternalIds(trx: Tx, channel: Channel, ids: string[]): Promise<Ticket | null> {
  const wanted = [...new Set(ids.filter((id) => id.length > 0 && id.length <= 500))].slice(0, MAX_THREAD_IDS);
  if (wanted.length === 0) return null;
  const rows = await trx
    .selectFrom('messages')
    .select(['ticket_id', 'external_id'])
    .where('channel', '=', channel)
    .where('external_id', 'in', wanted)
    .union(trx.selectFrom('ticket_external_ids').select(['ticket_id', 'external_id']).where('channel', '=', channel).where('external_id', 'in', wanted))
    .execute();
  for (const id of wanted) {
    const hit = rows.find((r) => r.external_id === id);
    if (hit) return getTicketById(trx, hit.ticket_id);
  }
  return null;
}

/** A ticket named `[CL-…]` in the subject, if the sender owns it or has written on it before. */
async function ticketBySubjectReference(trx: Tx, subject: string, customerId: number): Promise<Ticket | null> {
  let tries = 0;
  for (const match of subject.slice(0, 2000).matchAll(REFERENCE_IN_SUBJECT)) {
    if (++tries > 5) break;
    const reference = normalizeReference(match[1]!);
    const row = reference ? await trx.selectFrom('tickets').select(['id', 'customer_id']).where('reference', '=', reference).executeTakeFirst() : undefined;
    if (!row) continue;
    if (row.customer_id === customerId) return getTicketById(trx, row.id);
    const wrote = await trx
      .selectFrom('messages')
      .select('id')
      .where('ticket_id', '=', row.id)
      .where('author_type', '=', 'customer')
      .where('author_id', '=', customerId)
      .limit(1)
      .executeTakeFirst();
    if (wrote) return getTicketById(trx, row.id);
  }
  return null;
}

async function insertAttachments(work: Work, messageId: number, files: InboundAttachment[]): Promise<void> {
  if (files.length === 0) return;
  await work.trx
    .insertInto('attachments')
    .values(files.map((f) => ({ message_id: messageId, filename: f.filename, content_type: f.contentType, size: f.size, storage_key: f.storageKey, content_id: f.contentId, created_at: work.now })))
    .execute();
}
