import { findOrCreateCustomer, resolveCustomer, type IdentityInput } from '../customers/index.ts';
import { badRequest } from '../../kernel/errors.ts';
import type { Actor } from '../../kernel/events.ts';
import { newReference } from '../../kernel/ids.ts';
import type { Work } from '../../store/unit-of-work.ts';
import { classify, screenMessage } from '../triage/index.ts';
import { makeBody } from './message-body.ts';
import { applyTriage } from './apply-triage.ts';
import type { Category, Channel, Message, Priority, Status, Ticket } from './model.ts';
import { normalizeTags, UNVERIFIED } from './model.ts';
import { getTicketById } from './queries.ts';
import { insertMessage } from './add-message.ts';
import { checkAssignment } from './update-ticket.ts';

/** A new ticket: who it is from, what it says, and optional starting fields. */
export type NewTicket = {
  subject: string;
  body: { text?: string | undefined; html?: string | undefined };
  customer: { identity: IdentityInput; name?: string | null } | { id: number };
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
};

export const MAX_SUBJECT = 500;

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
    const seen = await trx.selectFrom('messages').select('ticket_id').where('channel', '=', input.channel).where('external_id', '=', input.externalId).executeTakeFirst();
    if (seen) return { ticket: await getTicketById(trx, seen.ticket_id), created: false, opening: null };
  }
  const typed = input.subject.replace(/\s+/g, ' ').trim();
  if (!typed) throw badRequest('A ticket needs a subject', { subject: 'empty' });
  if (typed.length > MAX_SUBJECT) throw badRequest(`A subject may hold at most ${MAX_SUBJECT} characters`, { subject: 'too long' });
  const made = makeBody(input.body);
  const screened = screenMessage({ subject: typed, text: made.text, html: made.html });
  const subject = screened.subject ?? typed;
  const body = { text: screened.text, html: screened.html };
  const verdict = classify({ subject, text: body.text, mailboxCategory: input.hints?.mailboxCategory ?? null, formCategory: input.hints?.formCategory ?? null });
  const routed = await applyTriage(trx, verdict, { category: input.category, priority: input.priority, teamId: input.teamId ?? null, tags: input.tags ?? [] });
  const tags = normalizeTags(routed.tags);
  await checkAssignment(trx, input.assigneeId ?? null, routed.teamId);
  const customer = 'id' in input.customer
    ? await resolveCustomer(trx, input.customer.id)
    : (await findOrCreateCustomer(work, input.customer.identity, input.customer.name ?? null, actor)).customer;
  const customerId = customer.id;
  const followUpOf = input.followUpOfId
    ? ((await trx.selectFrom('tickets').select('reference').where('id', '=', input.followUpOfId).executeTakeFirst())?.reference ?? null)
    : null;

  let row: { id: number; reference: string } | undefined;
  for (let attempt = 0; !row; attempt++) {
    if (attempt === 5) throw new Error('could not find a free ticket reference');
    row = await trx
      .insertInto('tickets')
      .values({
        reference: newReference(),
        subject,
        status: input.status ?? 'new',
        priority: routed.priority,
        category: routed.category,
        channel: input.channel,
        customer_id: customerId,
        assignee_id: input.assigneeId ?? null,
        team_id: routed.teamId,
        triage: JSON.stringify(verdict),
        follow_up_of_id: input.followUpOfId ?? null,
        solved_at: input.status === 'solved' ? now : null,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('reference').doNothing())
      .returning(['id', 'reference'])
      .executeTakeFirst();
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
    status: input.status ?? 'new',
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
    solvedAt: input.status === 'solved' ? now : null,
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
  const { id: messageId } = await insertMessage(work, ticket, { kind: 'reply', author: { type: 'customer', id: customerId }, channel: input.channel, body, externalId, screened: screened.findings }, actor, { changesState: false });
  const opening: Message = {
    id: messageId,
    ticketId: ticket.id,
    kind: 'reply',
    author: { type: 'customer', id: customerId, name: customer.name },
    channel: input.channel,
    text: body.text,
    html: body.html,
    externalId,
    redactions: screened.findings,
    senderAuth: null,
    attachments: [],
    createdAt: now,
  };
  return { ticket, created: true, opening };
}
