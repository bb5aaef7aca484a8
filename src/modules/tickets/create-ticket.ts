import { findOrCreateCustomer, resolveCustomer, type CustomerRef, type IdentityInput } from '../customers/index.ts';
import { badRequest } from '../../kernel/errors.ts';
import type { Actor } from '../../kernel/events.ts';
import { newReference } from '../../kernel/ids.ts';
import { compiledOnce } from '../../store/compiled-once.ts';
import type { Work } from '../../store/unit-of-work.ts';
import { applyTriage } from './apply-triage.ts';
import type { Category, Channel, Message, Priority, Status, Ticket } from './model.ts';
import { normalizeTags, UNVERIFIED } from './model.ts';
import { getTicketById } from './queries.ts';
import { insertMessage } from './add-message.ts';
import { messageByExternalId } from './message-by-external-id.ts';
import { checkAssignment } from './update-ticket.ts';
import { MAX_SUBJECT, preparedFrom, prepareTicket, typedSubject, type PreparedTicket, type TicketContent } from './prepare-ticket.ts';

/** A new ticket: who it is from, what it says, and optional starting fields. */
export type NewTicket = {
  subject: string;
  body: { text?: string | undefined; html?: string | undefined };
  /** By identity (found or created), by id (merges followed), or `known`: resolved in this transaction already, used as is. */
  customer: { identity: IdentityInput; name?: string | null } | { id: number } | { known: CustomerRef };
  channel: Channel;
  priority?: Priority;
  category?: Category;
  status?: Status;
  assigneeId?: number | null;
  teamId?: number | null;
  tags?: string[];
  /** The channel's own id of the first message (Message-ID, client message id): a retry finds it. */
  externalId?: string | null;
  followUpOfId?: number | null;
  /** Routing hints for triage: the receiving mailbox's default, the customer's form choice. */
  hints?: { mailboxCategory?: Category | null; formCategory?: Category | null };
  /** This content already sanitized, screened and triaged elsewhere (prepareTicket); used only when made from this very subject, body and hints. */
  prepared?: PreparedTicket | null;
};

export { MAX_SUBJECT };

/** The ticket row, written once per new ticket on every channel: built and compiled once (see compiledOnce). */
const insertTicketRow = compiledOnce(
  (db, reference: string, subject: string, status: string, priority: string, category: string, channel: string, customerId: number, assigneeId: number | null, teamId: number | null, triage: string, followUpOfId: number | null, solvedAt: string | null, now: string) =>
    db
      .insertInto('tickets')
      .values({
        reference,
        subject,
        status,
        priority,
        category,
        channel,
        customer_id: customerId,
        assignee_id: assigneeId,
        team_id: teamId,
        triage,
        follow_up_of_id: followUpOfId,
        solved_at: solvedAt,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('reference').doNothing())
      .returning(['id', 'reference']),
);

/** What createTicket made; `opening` is the first message when the ticket is new. */
export type CreatedTicket = { ticket: Ticket; created: true; opening: Message } | { ticket: Ticket; created: false; opening: null };

/**
 * Creates the customer if new, the ticket and its first (customer) message, in the caller's
 * transaction. Builds its answer from what it wrote instead of reading it back: this is the
 * hottest write path.
 */
export async function createTicket(work: Work, input: NewTicket, actor: Actor): Promise<CreatedTicket> {
  const { trx, now } = work;
  if (input.externalId) {
    const seen = await messageByExternalId(trx, input.channel, input.externalId);
    if (seen) return { ticket: await getTicketById(trx, seen.ticket_id), created: false, opening: null };
  }
  const typed = typedSubject(input.subject);
  if (!typed) throw badRequest('A ticket needs a subject', { subject: 'empty' });
  if (typed.length > MAX_SUBJECT) throw badRequest(`A subject may hold at most ${MAX_SUBJECT} characters`, { subject: 'too long' });
  const { subject, body, findings, verdict } = preparedOpening(input);
  const routed = await applyTriage(trx, verdict, { category: input.category, priority: input.priority, teamId: input.teamId ?? null, tags: input.tags ?? [] });
  const tags = normalizeTags(routed.tags);
  await checkAssignment(trx, input.assigneeId ?? null, routed.teamId);
  const customer = await customerOf(work, input.customer, actor);
  const customerId = customer.id;
  const followUpOf = input.followUpOfId
    ? ((await trx.selectFrom('tickets').select('reference').where('id', '=', input.followUpOfId).executeTakeFirst())?.reference ?? null)
    : null;

  const status = input.status ?? 'new';
  const solvedAt = status === 'solved' ? now : null;
  const triage = JSON.stringify(verdict);
  let row: { id: number; reference: string } | undefined;
  for (let attempt = 0; !row; attempt++) {
    if (attempt === 5) throw new Error('could not find a free ticket reference');
    const inserted = await insertTicketRow(trx, newReference(), subject, status, routed.priority, routed.category, input.channel, customerId, input.assigneeId ?? null, routed.teamId, triage, input.followUpOfId ?? null, solvedAt, now);
    row = inserted.rows[0];
  }
  if (verdict.escalation) {
    await trx
      .insertInto('ticket_checklist_items')
      .values(verdict.escalation.checklist.map((text, position) => ({ ticket_id: row!.id, position, text })))
      .execute();
  }
  if (tags.length) await trx.insertInto('ticket_tags').values(tags.map((tag) => ({ ticket_id: row!.id, tag }))).execute();
  const ticket: Ticket = {
    id: row.id,
    reference: row.reference,
    subject,
    status,
    priority: routed.priority,
    category: routed.category,
    channel: input.channel,
    customer,
    assigneeId: input.assigneeId ?? null,
    teamId: routed.teamId,
    tags,
    followUpOf,
    createdAt: now,
    updatedAt: now,
    firstResponseAt: null,
    solvedAt,
    triage: verdict,
    verification: UNVERIFIED,
    unverifiedSender: false,
  };
  work.emit({
    type: 'ticket.created',
    ticketId: ticket.id,
    customerId,
    actor,
    data: { reference: ticket.reference, subject, channel: ticket.channel, status: ticket.status, category: ticket.category, priority: ticket.priority },
  });
  const externalId = input.externalId ?? null;
  const { id: messageId } = await insertMessage(work, ticket, { kind: 'reply', author: { type: 'customer', id: customerId }, channel: input.channel, body, externalId, screened: findings }, actor, { changesState: false });
  const opening: Message = {
    id: messageId,
    ticketId: ticket.id,
    kind: 'reply',
    author: { type: 'customer', id: customerId, name: customer.name },
    channel: input.channel,
    text: body.text,
    html: body.html,
    externalId,
    redactions: findings,
    senderAuth: null,
    attachments: [],
    createdAt: now,
  };
  return { ticket, created: true, opening };
}

async function customerOf(work: Work, given: NewTicket['customer'], actor: Actor): Promise<CustomerRef> {
  if ('known' in given) return given.known;
  if ('id' in given) return resolveCustomer(work.trx, given.id);
  return (await findOrCreateCustomer(work, given.identity, given.name ?? null, actor)).customer;
}

/** The opening as prepared elsewhere when it was made from this content, else prepared here. */
function preparedOpening(input: NewTicket): PreparedTicket {
  const content: TicketContent = {
    subject: input.subject,
    text: input.body.text,
    html: input.body.html,
    mailboxCategory: input.hints?.mailboxCategory ?? null,
    formCategory: input.hints?.formCategory ?? null,
  };
  return input.prepared && preparedFrom(input.prepared, content) ? input.prepared : prepareTicket(content);
}
