import { findOrCreateCustomer, getCustomer, type IdentityInput } from '../customers/index.ts';
import { badRequest } from '../../kernel/errors.ts';
import type { Actor } from '../../kernel/events.ts';
import { newReference } from '../../kernel/ids.ts';
import type { Work } from '../../store/unit-of-work.ts';
import { makeBody } from './message-body.ts';
import type { Category, Channel, Priority, Status, Ticket } from './model.ts';
import { normalizeTag } from './model.ts';
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
};

export const MAX_SUBJECT = 500;

/** Creates the customer if new, the ticket and its first (customer) message, in the caller's transaction. */
export async function createTicket(work: Work, input: NewTicket, actor: Actor): Promise<{ ticket: Ticket; created: boolean }> {
  const { trx, now } = work;
  if (input.externalId) {
    const seen = await trx.selectFrom('messages').select('ticket_id').where('channel', '=', input.channel).where('external_id', '=', input.externalId).executeTakeFirst();
    if (seen) return { ticket: await getTicketById(trx, seen.ticket_id), created: false };
  }
  const subject = input.subject.replace(/\s+/g, ' ').trim();
  if (!subject) throw badRequest('A ticket needs a subject', { subject: 'empty' });
  if (subject.length > MAX_SUBJECT) throw badRequest(`A subject may hold at most ${MAX_SUBJECT} characters`, { subject: 'too long' });
  const body = makeBody(input.body);
  const tags = [...new Set((input.tags ?? []).map((t) => {
    const n = normalizeTag(t);
    if (!n) throw badRequest(`"${t.slice(0, 64)}" is not a valid tag`, { tags: 'invalid' });
    return n;
  }))];
  await checkAssignment(trx, input.assigneeId ?? null, input.teamId ?? null);
  const customerId = 'id' in input.customer
    ? (await getCustomer(trx, input.customer.id)).id
    : (await findOrCreateCustomer(work, input.customer.identity, input.customer.name ?? null, actor)).customerId;

  let row: { id: number; reference: string } | undefined;
  for (let attempt = 0; !row; attempt++) {
    if (attempt === 5) throw new Error('could not find a free ticket reference');
    row = await trx
      .insertInto('tickets')
      .values({
        reference: newReference(),
        subject,
        status: input.status ?? 'new',
        priority: input.priority ?? 'normal',
        category: input.category ?? 'general',
        channel: input.channel,
        customer_id: customerId,
        assignee_id: input.assigneeId ?? null,
        team_id: input.teamId ?? null,
        follow_up_of_id: input.followUpOfId ?? null,
        solved_at: input.status === 'solved' ? now : null,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('reference').doNothing())
      .returning(['id', 'reference'])
      .executeTakeFirst();
  }
  if (tags.length) await trx.insertInto('ticket_tags').values(tags.map((tag) => ({ ticket_id: row!.id, tag }))).execute();
  const ticket = await getTicketById(trx, row.id);
  work.emit({
    type: 'ticket.created',
    ticketId: ticket.id,
    customerId,
    actor,
    data: { reference: ticket.reference, subject, channel: ticket.channel, status: ticket.status, category: ticket.category, priority: ticket.priority },
  });
  await insertMessage(work, ticket, {
    kind: 'reply',
    author: { type: 'customer', id: customerId },
    channel: input.channel,
    body,
    externalId: input.externalId ?? null,
  }, actor, true);
  return { ticket, created: true };
}
