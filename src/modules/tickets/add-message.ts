import { AppError, badRequest } from '../../kernel/errors.ts';
import type { Actor } from '../../kernel/events.ts';
import { compiledOnce } from '../../store/compiled-once.ts';
import type { Work } from '../../store/unit-of-work.ts';
import { screenMessage, SECRET_NOTICE, type Finding } from '../triage/index.ts';
import { guardAgentReply, type Override } from './guard-outbound.ts';
import { makeBody, textToHtml, type Body } from './message-body.ts';
import { messageByExternalId } from './message-by-external-id.ts';
import type { AuthorType, Channel, Message, MessageKind, Status, Ticket } from './model.ts';
import { findTicket, listMessages } from './queries.ts';

export type NewMessage = {
  kind: MessageKind;
  author: { type: AuthorType; id: number | null };
  channel: Channel;
  body: Body;
  externalId: string | null;
  /** Set when the caller already screened the body for secrets (with these findings). */
  screened?: Finding[];
};

export type InsertedMessage = { id: number; body: Body; redactions: Finding[] };

/** Every message goes through this insert: built and compiled once (see compiledOnce). */
const insertMessageRow = compiledOnce(
  (db, ticketId: number, kind: string, authorType: string, authorId: number | null, channel: string, text: string, html: string, externalId: string | null, redactions: string, createdAt: string) =>
    db
      .insertInto('messages')
      .values({
        ticket_id: ticketId,
        kind: kind as MessageKind,
        author_type: authorType as AuthorType,
        author_id: authorId,
        channel: channel as Channel,
        text,
        html,
        external_id: externalId,
        redactions,
        created_at: createdAt,
      })
      .returning('id'),
);

/** A message that changes nothing else about its ticket still makes it the latest active. */
const touchTicket = compiledOnce((db, updatedAt: string, ticketId: number) => db.updateTable('tickets').set({ updated_at: updatedAt }).where('id', '=', ticketId));

/**
 * Inserts a message and applies what a message means for the ticket's state; no checks.
 * Every message passes secret redaction here first, whoever wrote it; a customer whose
 * message lost a secret is told, in the same channel, that support never needs one.
 * With changesState false the ticket's status and first response stay as they are: for a
 * ticket's opening message (it was just created as asked), system notices and automated mail.
 */
export async function insertMessage(work: Work, ticket: Ticket, m: NewMessage, actor: Actor, options: { changesState?: boolean } = {}): Promise<InsertedMessage> {
  const { trx, now } = work;
  let body = m.body;
  let redactions = m.screened ?? [];
  if (!m.screened) {
    // HTML made from the text (chat, plain-text mail) is screened once, as that text, and made again from what is left.
    const derived = m.body.html === textToHtml(m.body.text);
    const screened = screenMessage({ text: m.body.text, html: derived ? '' : m.body.html });
    body = { text: screened.text, html: derived ? textToHtml(screened.text) : screened.html };
    redactions = screened.findings;
  }
  const row = (await insertMessageRow(trx, ticket.id, m.kind, m.author.type, m.author.id, m.channel, body.text, body.html, m.externalId, JSON.stringify(redactions), now)).rows[0]!;
  work.emit({
    type: 'message.created',
    ticketId: ticket.id,
    customerId: ticket.customer.id,
    actor,
    data: { reference: ticket.reference, messageId: row.id, kind: m.kind, authorType: m.author.type, channel: m.channel },
  });
  if (redactions.length > 0 && m.author.type === 'customer') {
    await insertMessage(work, ticket, { kind: 'reply', author: { type: 'system', id: null }, channel: m.channel, body: { text: SECRET_NOTICE, html: textToHtml(SECRET_NOTICE) }, externalId: null, screened: [] }, { type: 'system' }, { changesState: false });
  }
  const inserted = { id: row.id, body, redactions };
  if (options.changesState === false) return inserted;
  const changes: Record<string, readonly [unknown, unknown]> = {};
  const set: { updated_at: string; status?: Status; first_response_at?: string } = { updated_at: now };
  if (m.kind === 'reply' && m.author.type === 'agent') {
    if (!ticket.firstResponseAt) set.first_response_at = now;
    if (ticket.status === 'new') set.status = 'open';
  }
  if (m.kind === 'reply' && m.author.type === 'customer' && (ticket.status === 'pending' || ticket.status === 'solved')) set.status = 'open';
  if (set.status) changes.status = [ticket.status, set.status];
  if (Object.keys(set).length === 1) await touchTicket(trx, now, ticket.id);
  else await trx.updateTable('tickets').set(set).where('id', '=', ticket.id).execute();
  if (Object.keys(changes).length) {
    work.emit({ type: 'ticket.updated', ticketId: ticket.id, customerId: ticket.customer.id, actor, data: { reference: ticket.reference, changes } });
  }
  return inserted;
}

export type AddMessageInput = {
  reference: string;
  kind: MessageKind;
  author: { type: AuthorType; id: number | null };
  channel: Channel;
  body: { text?: string | undefined; html?: string | undefined };
  externalId?: string | null;
  /** An admin sends a reply the outbound guard stopped; audited. */
  guardOverride?: Override;
};

/**
 * Adds a reply or note to a ticket. An agent's public reply passes the outbound guard first:
 * one that asks the customer for a secret is refused unless an admin overrides it. A retry with the same externalId returns the message
 * already stored instead of adding another. Closed tickets take no new messages.
 */
export async function addMessage(work: Work, input: AddMessageInput, actor: Actor): Promise<{ message: Message; created: boolean }> {
  const { trx } = work;
  const ticket = await findTicket(trx, input.reference);
  if (input.kind === 'note' && input.author.type === 'customer') throw badRequest('Customers cannot write internal notes', { kind: 'note' });
  if (input.externalId) {
    const seen = await messageByExternalId(trx, input.channel, input.externalId);
    if (seen) {
      if (seen.ticket_id !== ticket.id) throw new AppError('conflict', `The id ${input.externalId.slice(0, 200)} is already used by a message on another ticket`);
      const messages = await listMessages(trx, seen.ticket_id);
      return { message: messages.find((m) => m.id === seen.id)!, created: false };
    }
  }
  if (ticket.status === 'closed') {
    throw new AppError('conflict', `Ticket ${ticket.reference} is closed; open a follow-up ticket instead`);
  }
  const body = makeBody(input.body);
  if (input.kind === 'reply' && input.author.type === 'agent') await guardAgentReply(work, ticket, body, actor, input.guardOverride);
  const { id } = await insertMessage(work, ticket, { ...input, body, externalId: input.externalId ?? null }, actor);
  const messages = await listMessages(trx, ticket.id);
  return { message: messages.find((m) => m.id === id)!, created: true };
}
