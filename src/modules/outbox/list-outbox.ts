import type { Db } from '../../store/database.ts';
import type { Database } from '../../store/schema.ts';
import type { MailKind, OutboxEmail, OutboxStatus } from './model.ts';

type Row = Omit<Database['outbound_emails'], 'id' | 'sensitive' | 'attempts'> & { id: number; sensitive: number; attempts: number };

function toEmail(r: Row): OutboxEmail {
  const hidden = r.sensitive === 1;
  return {
    id: r.id,
    messageId: r.message_id,
    kind: r.kind as MailKind,
    status: r.status as OutboxStatus,
    from: r.from_address,
    to: r.to_address,
    subject: r.subject,
    text: hidden ? null : r.text,
    html: hidden ? null : r.html,
    headers: JSON.parse(r.headers) as Record<string, string>,
    inReplyTo: r.in_reply_to,
    references: r.references_header ? r.references_header.split(' ') : [],
    ticketId: r.ticket_id,
    customerId: r.customer_id,
    attempts: r.attempts,
    lastError: r.last_error,
    sentAt: r.sent_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export type OutboxQuery = { status?: OutboxStatus; ticketId?: number; before?: number; limit: number };

/** Mail newest first, by status or ticket; bodies with a one-time secret are never returned. */
export async function listOutbox(db: Db, q: OutboxQuery): Promise<OutboxEmail[]> {
  const rows = await db
    .selectFrom('outbound_emails')
    .selectAll()
    .$if(q.status !== undefined, (s) => s.where('status', '=', q.status!))
    .$if(q.ticketId !== undefined, (s) => s.where('ticket_id', '=', q.ticketId!))
    .$if(q.before !== undefined, (s) => s.where('id', '<', q.before!))
    .orderBy('id', 'desc')
    .limit(q.limit)
    .execute();
  return rows.map(toEmail);
}

/** Whose mail: a customer by id, their tickets, and their addresses (mail queued before a merge). */
export type Recipient = { customerId: number; ticketIds: number[]; addresses: string[] };

function toRecipient(db: Db, r: Recipient) {
  return db.selectFrom('outbound_emails').where((eb) =>
    eb.or([
      eb('customer_id', '=', r.customerId),
      ...(r.ticketIds.length ? [eb('ticket_id', 'in', r.ticketIds)] : []),
      ...(r.addresses.length ? [eb('to_address', 'in', r.addresses)] : []),
    ]),
  );
}

/** Every mail to a customer, oldest first (their data export). */
export async function mailsTo(db: Db, r: Recipient): Promise<OutboxEmail[]> {
  return (await toRecipient(db, r).selectAll().orderBy('id').execute()).map(toEmail);
}

/** The erased placeholder every cleared field gets. */
export const ERASED = '[erased]';

/**
 * Clears the address, subject and bodies of every mail to a customer and cancels what was not
 * sent yet; returns how many mails it touched. Erasing again touches nothing.
 */
export async function eraseMailsTo(db: Db, r: Recipient, now: string): Promise<number> {
  const ids = (await toRecipient(db, r).select('id').where('to_address', '!=', ERASED).execute()).map((m) => m.id);
  if (ids.length === 0) return 0;
  const clear = { to_address: ERASED, subject: ERASED, text: ERASED, html: null, headers: '{}', updated_at: now };
  await db.updateTable('outbound_emails').set({ ...clear, status: 'cancelled' }).where('id', 'in', ids).where('status', 'in', ['queued', 'waiting', 'failed']).execute();
  await db.updateTable('outbound_emails').set(clear).where('id', 'in', ids).execute();
  return ids.length;
}
