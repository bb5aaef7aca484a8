import { compiledOnce } from '../../store/compiled-once.ts';
import type { Db } from '../../store/database.ts';

/** What became of a stored inbound email. */
export type InboundStatus = 'processed' | 'unmatched_bounce' | 'failed';

/** A stored inbound email: the raw bytes as received and what the pipeline made of them. */
export type InboundEmail = {
  id: number;
  messageId: string;
  mailboxId: number;
  envelopeFrom: string;
  rcpt: string;
  remoteIp: string;
  fromAddress: string | null;
  raw: Buffer;
  receivedAt: string;
  status: InboundStatus;
  autoSubmitted: boolean;
  ticketId: number | null;
  error: string | null;
};

/** The columns the pipeline writes for one message; raw included. */
export type InboundRecord = Omit<InboundEmail, 'id'>;

/** Asked once per inbound message (is it a redelivery?): built and compiled once (see compiledOnce). */
const inboundByMessageId = compiledOnce((db, messageId: string) => db.selectFrom('inbound_emails').select(['id', 'status', 'ticket_id']).where('message_id', '=', messageId));

/** The row already stored for a Message-ID, without its raw bytes. */
export async function findInboundByMessageId(db: Db, messageId: string): Promise<{ id: number; status: InboundStatus; ticketId: number | null } | null> {
  const row = (await inboundByMessageId(db, messageId)).rows[0];
  return row ? { id: row.id, status: row.status as InboundStatus, ticketId: row.ticket_id } : null;
}

function columns(r: InboundRecord) {
  return {
    message_id: r.messageId,
    mailbox_id: r.mailboxId,
    envelope_from: r.envelopeFrom,
    rcpt: r.rcpt,
    remote_ip: r.remoteIp,
    from_address: r.fromAddress,
    raw: r.raw,
    received_at: r.receivedAt,
    status: r.status,
    auto_submitted: r.autoSubmitted ? 1 : 0,
    ticket_id: r.ticketId,
    error: r.error,
  };
}

/** Inserts the record, or rewrites row `id` (a replay or a retried failure); returns the row id. */
export async function saveInbound(db: Db, id: number | null, record: InboundRecord): Promise<number> {
  if (id !== null) {
    await db.updateTable('inbound_emails').set(columns(record)).where('id', '=', id).execute();
    return id;
  }
  return (await db.insertInto('inbound_emails').values(columns(record)).returning('id').executeTakeFirstOrThrow()).id;
}

/** Keeps a message that failed processing, for `careline email reprocess`; never overwrites a success. */
export async function saveFailure(db: Db, record: InboundRecord): Promise<void> {
  const values = columns(record);
  await db
    .insertInto('inbound_emails')
    .values(values)
    .onConflict((oc) => oc.column('message_id').doUpdateSet({ raw: values.raw, error: values.error, received_at: values.received_at }).where('inbound_emails.status', '=', 'failed'))
    .execute();
}

/** One stored email with its raw bytes, or null. */
export async function getInbound(db: Db, id: number): Promise<InboundEmail | null> {
  const r = await db.selectFrom('inbound_emails').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) return null;
  return {
    id: r.id,
    messageId: r.message_id,
    mailboxId: r.mailbox_id,
    envelopeFrom: r.envelope_from,
    rcpt: r.rcpt,
    remoteIp: r.remote_ip,
    fromAddress: r.from_address,
    raw: Buffer.from(r.raw),
    receivedAt: r.received_at,
    status: r.status as InboundStatus,
    autoSubmitted: r.auto_submitted === 1,
    ticketId: r.ticket_id,
    error: r.error,
  };
}

/** The latest stored emails, newest first, without raw bytes: what `careline email list` shows. */
export async function listInbound(db: Db, limit: number) {
  return db
    .selectFrom('inbound_emails as e')
    .leftJoin('tickets as t', 't.id', 'e.ticket_id')
    .select(['e.id', 'e.message_id', 'e.from_address', 'e.rcpt', 'e.received_at', 'e.status', 'e.auto_submitted', 'e.error', 't.reference'])
    .orderBy('e.id', 'desc')
    .limit(limit)
    .execute();
}

/** The sender cap asks it for every inbound message: built and compiled once. */
const recentFrom = compiledOnce((db, address: string, sinceIso: string) =>
  db
    .selectFrom('inbound_emails')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('from_address', '=', address)
    .where('received_at', '>=', sinceIso),
);

/** How many emails one From address had stored since a time: the sender cap's measure. */
export async function countRecentFrom(db: Db, address: string, sinceIso: string): Promise<number> {
  return Number((await recentFrom(db, address, sinceIso)).rows[0]!.n);
}
