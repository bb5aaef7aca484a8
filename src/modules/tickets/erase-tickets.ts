import type { Db } from '../../store/database.ts';
import type { Work } from '../../store/unit-of-work.ts';

/** What every erased text becomes. */
export const ERASED_TEXT = '[erased]';

/** Ids of a customer's tickets (give the ids of customers merged into them too), oldest first. */
export async function ticketIdsOf(db: Db, customerIds: number[]): Promise<number[]> {
  if (customerIds.length === 0) return [];
  return (await db.selectFrom('tickets').select('id').where('customer_id', 'in', customerIds).orderBy('id').execute()).map((r) => r.id);
}

/** A ticket's verification history, for the customer's data export; hashes never leave. */
export async function listVerifications(db: Db, ticketId: number) {
  const rows = await db.selectFrom('ticket_verifications').select(['method', 'status', 'channel', 'created_at', 'verified_at', 'expires_at']).where('ticket_id', '=', ticketId).orderBy('id').execute();
  return rows.map((r) => ({ method: r.method, status: r.status, channel: r.channel, createdAt: r.created_at, verifiedAt: r.verified_at, expiresAt: r.expires_at }));
}

/** What erasing a customer's tickets did; storage keys name the attachment files to delete. */
export type ErasedTickets = { tickets: number; messages: number; storageKeys: string[] };

/**
 * Anonymizes a customer's side of their tickets: their messages' text and HTML, the subjects
 * (in tickets and in history), verification addresses; attachment rows go, their files are
 * for the caller to delete after commit. Tickets stay for reporting. Idempotent.
 */
export async function eraseCustomerTickets(work: Work, customerIds: number[]): Promise<ErasedTickets> {
  const { trx, now } = work;
  const ticketIds = await ticketIdsOf(trx, customerIds);
  const own = trx.selectFrom('messages').select('id').where('author_type', '=', 'customer').where('author_id', 'in', customerIds.length ? customerIds : [0]);
  const changed = await trx
    .updateTable('messages')
    .set({ text: ERASED_TEXT, html: `<p>${ERASED_TEXT}</p>`, redactions: '[]' })
    .where('id', 'in', own)
    .where('text', '!=', ERASED_TEXT)
    .returning('id')
    .execute();
  if (ticketIds.length === 0) return { tickets: 0, messages: changed.length, storageKeys: [] };
  const inTickets = trx.selectFrom('messages').select('id').where('ticket_id', 'in', ticketIds);
  const files = await trx.selectFrom('attachments').select('storage_key').where('message_id', 'in', inTickets).execute();
  await trx.deleteFrom('attachments').where('message_id', 'in', inTickets).execute();
  await trx.updateTable('tickets').set({ subject: ERASED_TEXT, updated_at: now }).where('id', 'in', ticketIds).where('subject', '!=', ERASED_TEXT).execute();
  await trx.updateTable('ticket_verifications').set({ address: null }).where('ticket_id', 'in', ticketIds).execute();
  await trx.updateTable('ticket_verifications').set({ status: 'superseded' }).where('ticket_id', 'in', ticketIds).where('status', '=', 'pending').execute();
  const events = await trx.selectFrom('events').select(['id', 'type', 'data']).where('ticket_id', 'in', ticketIds).where('type', 'in', ['ticket.created', 'ticket.updated', 'ticket.verification_requested']).execute();
  for (const e of events) {
    const data = JSON.parse(e.data) as { subject?: string; to?: string; changes?: Record<string, unknown> };
    if (data.subject !== undefined) data.subject = ERASED_TEXT;
    if (data.to !== undefined) data.to = ERASED_TEXT;
    if (data.changes?.subject !== undefined) data.changes.subject = [ERASED_TEXT, ERASED_TEXT];
    const next = JSON.stringify(data);
    if (next !== e.data) await trx.updateTable('events').set({ data: next }).where('id', '=', e.id).execute();
  }
  return { tickets: ticketIds.length, messages: changed.length, storageKeys: files.map((f) => f.storage_key) };
}
