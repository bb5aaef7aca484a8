import { findMailbox, normalizeAddress } from '../../../modules/mailboxes/index.ts';
import type { OutboundMail } from '../../../modules/outbox/index.ts';
import { AUTOMATED_TAG, getTicketById, type Ticket } from '../../../modules/tickets/index.ts';
import type { Tx } from '../../../store/database.ts';
import { acknowledgementBody, acknowledgementSubject, outboundHeaders, replyBody, replySubject, threadHeaders } from './compose.ts';

/** A mail to queue and where its Message-ID threads back to. */
export type PlannedMail = { send: OutboundMail & { ticketId: number }; threadMessageId: number | null };

/** A mail to queue, or why nothing is sent. */
export type MailPlan = PlannedMail | { skip: string };

/**
 * The mail for a public reply: an agent's, or Careline's own (the secret notice), to a ticket
 * that came by email or, on another channel, a reply written as email to a customer with an
 * address. Skips notes, customer messages, replies already mailed, our own addresses, and a
 * notice answering machine-sent mail (RFC 3834: never answer an auto-reply).
 */
export async function planReply(trx: Tx, host: string, messageId: number): Promise<MailPlan> {
  const m = await trx.selectFrom('messages').select(['id', 'ticket_id', 'kind', 'author_type', 'channel', 'text', 'html']).where('id', '=', messageId).executeTakeFirst();
  if (!m) return { skip: 'message is gone' };
  if (m.kind !== 'reply') return { skip: 'internal note' };
  if (m.author_type !== 'agent' && m.author_type !== 'system') return { skip: 'written by the customer' };
  const ticket = await getTicketById(trx, m.ticket_id);
  if (ticket.channel !== 'email' && m.channel !== 'email') return { skip: `ticket channel ${ticket.channel}, message channel ${m.channel}` };
  const mailed = await trx.selectFrom('ticket_external_ids').select('external_id').where('channel', '=', 'email').where('message_id', '=', m.id).executeTakeFirst();
  if (mailed) return { skip: 'already mailed' };
  const to = await recipientOf(trx, ticket);
  if (!to) return { skip: 'customer has no email address' };
  if (await isOwnAddress(trx, host, to)) return { skip: 'recipient is one of our mailboxes' };
  const automatic = m.author_type === 'system';
  if (automatic && (await answersAutomatedMail(trx, ticket.id, m.id))) return { skip: 'answers automated mail' };
  return {
    send: {
      kind: 'reply',
      to,
      from: await fromAddress(trx, host, ticket.id),
      subject: replySubject(ticket.subject, ticket.reference),
      ...replyBody({ text: m.text, html: m.html, reference: ticket.reference }),
      headers: outboundHeaders({ host, reference: ticket.reference, automatic }),
      ...threadHeaders(await customerMessageIds(trx, ticket.id)),
      ticketId: ticket.id,
      customerId: ticket.customer.id,
    },
    threadMessageId: m.id,
  };
}

/**
 * The acknowledgement of a ticket opened by an inbound email. Skips tickets opened elsewhere,
 * tickets opened by automated mail (auto-reply, bulk, bounce, our own loop), our own
 * addresses, and a ticket already acknowledged.
 */
export async function planAcknowledgement(trx: Tx, host: string, ticketId: number, trackingUrl?: string): Promise<MailPlan> {
  const ticket = await getTicketById(trx, ticketId);
  if (ticket.channel !== 'email') return { skip: `ticket channel ${ticket.channel}` };
  const inbound = await trx.selectFrom('inbound_emails').select(['id', 'auto_submitted']).where('ticket_id', '=', ticket.id).orderBy('id').limit(1).executeTakeFirst();
  if (!inbound) return { skip: 'not opened by an inbound email' };
  if (inbound.auto_submitted || ticket.tags.includes(AUTOMATED_TAG)) return { skip: 'opened by automated mail' };
  const acked = await trx.selectFrom('outbound_emails').select('id').where('ticket_id', '=', ticket.id).where('kind', '=', 'acknowledgement').executeTakeFirst();
  if (acked) return { skip: 'already acknowledged' };
  const to = await recipientOf(trx, ticket);
  if (!to) return { skip: 'customer has no email address' };
  if (await isOwnAddress(trx, host, to)) return { skip: 'recipient is one of our mailboxes' };
  return acknowledgementMail({ ticket, to, from: await fromAddress(trx, host, ticket.id), host, trackingUrl, answers: await customerMessageIds(trx, ticket.id) });
}

/**
 * The acknowledgement itself, from what is known of its ticket: to the customer, from the
 * mailbox the mail came to, threaded under the customer's mails (`answers`, oldest first),
 * marked as automatic (RFC 3834). Shared by the plan above and by the receipt of a new mail,
 * which knows all of it already (receive-email.ts).
 */
export function acknowledgementMail(a: { ticket: Ticket; to: string; from: string; host: string; trackingUrl?: string | undefined; answers: string[] }): PlannedMail {
  const { ticket } = a;
  return {
    send: {
      kind: 'acknowledgement',
      to: a.to,
      from: a.from,
      subject: acknowledgementSubject(ticket.subject, ticket.reference),
      ...acknowledgementBody({ name: ticket.customer.name, reference: ticket.reference, subject: ticket.subject, ...(a.trackingUrl ? { trackingUrl: a.trackingUrl } : {}) }),
      headers: outboundHeaders({ host: a.host, reference: ticket.reference, automatic: true }),
      ...threadHeaders(a.answers),
      ticketId: ticket.id,
      customerId: ticket.customer.id,
    },
    threadMessageId: null,
  };
}

/** The customer's primary email, else any email identity of theirs. */
async function recipientOf(trx: Tx, ticket: Ticket): Promise<string | null> {
  if (ticket.customer.email) return ticket.customer.email;
  const identity = await trx.selectFrom('customer_identities').select('value').where('customer_id', '=', ticket.customer.id).where('kind', '=', 'email').orderBy('id').limit(1).executeTakeFirst();
  return identity?.value ?? null;
}

/** Our mailboxes and the default sender: mail to them would talk to ourselves. */
export async function isOwnAddress(trx: Tx, host: string, address: string): Promise<boolean> {
  const wanted = normalizeAddress(address);
  if (wanted === `support@${host}`.toLowerCase()) return true;
  return (await findMailbox(trx, wanted)) !== null;
}

/** The mailbox the ticket came in through; else the first mailbox; else support@ our host. */
async function fromAddress(trx: Tx, host: string, ticketId: number): Promise<string> {
  const came = await trx
    .selectFrom('inbound_emails as i')
    .innerJoin('mailboxes as m', 'm.id', 'i.mailbox_id')
    .select('m.address')
    .where('i.ticket_id', '=', ticketId)
    .orderBy('i.id')
    .limit(1)
    .executeTakeFirst();
  if (came) return came.address;
  const first = await trx.selectFrom('mailboxes').select('address').orderBy('id').limit(1).executeTakeFirst();
  return first?.address ?? `support@${host}`;
}

/** The Message-IDs of the customer's emails on the ticket, oldest first (the latest few). */
async function customerMessageIds(trx: Tx, ticketId: number): Promise<string[]> {
  const rows = await trx
    .selectFrom('messages')
    .select('external_id')
    .where('ticket_id', '=', ticketId)
    .where('author_type', '=', 'customer')
    .where('channel', '=', 'email')
    .where('external_id', 'is not', null)
    .orderBy('id', 'desc')
    .limit(10)
    .execute();
  return rows.map((r) => r.external_id!).reverse();
}

/** Whether the customer message a notice answers (the newest before it) came as automated mail. */
async function answersAutomatedMail(trx: Tx, ticketId: number, noticeId: number): Promise<boolean> {
  const answered = await trx
    .selectFrom('messages')
    .select('external_id')
    .where('ticket_id', '=', ticketId)
    .where('author_type', '=', 'customer')
    .where('id', '<', noticeId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!answered?.external_id) return false;
  const inbound = await trx.selectFrom('inbound_emails').select('auto_submitted').where('message_id', '=', answered.external_id).executeTakeFirst();
  return Boolean(inbound?.auto_submitted);
}
