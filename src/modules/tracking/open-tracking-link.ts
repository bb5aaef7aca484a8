import type { Db } from '../../store/database.ts';
import type { Work } from '../../store/unit-of-work.ts';
import { hashLinkToken } from '../tickets/verification/secrets.ts';

/** What a tracking link is: usable, already used to open a session, past its 30 minutes, or no link of ours. */
export type TrackingLinkState = 'valid' | 'used' | 'expired' | 'unknown';

type Row = { id: number; ticket_id: number; expires_at: string; used_at: string | null };

async function byToken(db: Db, token: string): Promise<Row | undefined> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
  return db.selectFrom('tracking_links').select(['id', 'ticket_id', 'expires_at', 'used_at']).where('token_hash', '=', hashLinkToken(token)).executeTakeFirst();
}

function stateOf(row: Row | undefined, now: string): TrackingLinkState {
  if (!row) return 'unknown';
  if (row.used_at !== null) return 'used';
  return row.expires_at <= now ? 'expired' : 'valid';
}

/** Reads a link without using it: mail scanners open every URL, so a GET must change nothing. */
export async function peekTrackingLink(db: Db, token: string, now: string): Promise<TrackingLinkState> {
  return stateOf(await byToken(db, token), now);
}

/** Uses a link to open a session: once, within its 30 minutes; answers the ticket's id or why not. */
export async function openTrackingLink(work: Work, token: string): Promise<{ ok: true; ticketId: number } | { ok: false; state: Exclude<TrackingLinkState, 'valid'> }> {
  const row = await byToken(work.trx, token);
  const state = stateOf(row, work.now);
  if (!row || state !== 'valid') return { ok: false, state: state === 'valid' ? 'unknown' : state };
  const used = await work.trx.updateTable('tracking_links').set({ used_at: work.now }).where('id', '=', row.id).where('used_at', 'is', null).returning('id').executeTakeFirst();
  return used ? { ok: true, ticketId: row.ticket_id } : { ok: false, state: 'used' };
}

/** Deletes every tracking link of these tickets (erasure: no link may open an erased customer's thread); returns how many. */
export async function deleteTrackingLinks(trx: Db, ticketIds: number[]): Promise<number> {
  if (ticketIds.length === 0) return 0;
  const result = await trx.deleteFrom('tracking_links').where('ticket_id', 'in', ticketIds).executeTakeFirst();
  return Number(result.numDeletedRows);
}
