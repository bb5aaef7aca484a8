import type { Actor, VerificationMethod } from '../../../kernel/events.ts';
import type { Db } from '../../../store/database.ts';
import type { Work } from '../../../store/unit-of-work.ts';
import { findTicket, getTicketById } from '../queries.ts';
import { hashCode, hashLinkToken, sameHash } from './secrets.ts';
import { MAX_CODE_ATTEMPTS } from './state.ts';

/** How a confirmation went; failures are answers, not throws, so a wrong try is still counted. */
export type Confirmation =
  | { ok: true; reference: string }
  | { ok: false; reason: 'wrong_code'; attemptsLeft: number }
  | { ok: false; reason: 'burned' | 'expired' | 'none_pending' | 'used' | 'unknown' };

type Pending = { id: number; ticket_id: number; customer_id: number; status: string; expires_at: string | null; code_hash: string | null };

async function markVerified(work: Work, row: Pending, method: VerificationMethod, actor: Actor): Promise<Confirmation> {
  const done = await work.trx
    .updateTable('ticket_verifications')
    .set({ status: 'verified', method, verified_at: work.now, verified_by_type: actor.type, verified_by_id: actor.type === 'system' ? null : actor.id })
    .where('id', '=', row.id)
    .where('status', '=', 'pending')
    .returning('id')
    .executeTakeFirst();
  if (!done) return { ok: false, reason: 'used' };
  const ticket = await getTicketById(work.trx, row.ticket_id);
  work.emit({ type: 'ticket.verified', ticketId: ticket.id, customerId: ticket.customer.id, actor, data: { reference: ticket.reference, method } });
  return { ok: true, reference: ticket.reference };
}

/**
 * Checks the code the customer read out to the agent against the ticket's pending
 * verification. Each wrong code counts; the fifth burns it and a new one must be sent.
 * Run it in its own unit of work and commit even when it fails.
 */
export async function confirmVerificationCode(work: Work, reference: string, code: string, actor: Actor, secret: string): Promise<Confirmation> {
  const { trx, now } = work;
  const ticket = await findTicket(trx, reference);
  const row = await trx.selectFrom('ticket_verifications').select(['id', 'ticket_id', 'customer_id', 'status', 'expires_at', 'code_hash']).where('ticket_id', '=', ticket.id).where('channel', '=', 'email').orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (!row || row.status === 'superseded') return { ok: false, reason: 'none_pending' };
  if (row.status === 'burned') return { ok: false, reason: 'burned' };
  if (row.status === 'verified') return { ok: false, reason: 'used' };
  if (row.expires_at === null || row.expires_at <= now) return { ok: false, reason: 'expired' };
  if (row.code_hash !== null && sameHash(row.code_hash, hashCode(secret, ticket.id, code.trim()))) return markVerified(work, row, 'email_code', actor);
  const counted = await trx
    .updateTable('ticket_verifications')
    .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
    .where('id', '=', row.id)
    .where('status', '=', 'pending')
    .returning('failed_attempts')
    .executeTakeFirst();
  if (!counted) return { ok: false, reason: 'used' };
  const attemptsLeft = Math.max(0, MAX_CODE_ATTEMPTS - counted.failed_attempts);
  if (attemptsLeft === 0) await trx.updateTable('ticket_verifications').set({ status: 'burned' }).where('id', '=', row.id).execute();
  work.emit({ type: 'ticket.verification_failed', ticketId: ticket.id, customerId: ticket.customer.id, actor, data: { reference: ticket.reference, attemptsLeft, burned: attemptsLeft === 0 } });
  return attemptsLeft === 0 ? { ok: false, reason: 'burned' } : { ok: false, reason: 'wrong_code', attemptsLeft };
}

/** What a verification link points at, for the page that asks the customer to confirm. */
export type LinkState = { state: 'valid' | 'used' | 'expired' | 'unknown'; reference: string | null };

async function byToken(db: Db, token: string) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
  return db.selectFrom('ticket_verifications').select(['id', 'ticket_id', 'customer_id', 'status', 'expires_at', 'code_hash']).where('token_hash', '=', hashLinkToken(token)).executeTakeFirst();
}

function stateOf(row: Pending | undefined, now: string): LinkState['state'] {
  if (!row) return 'unknown';
  if (row.status === 'verified') return 'used';
  if (row.status !== 'pending' || row.expires_at === null || row.expires_at <= now) return 'expired';
  return 'valid';
}

/** Reads a link without using it: link scanners that open every URL in a mail confirm nothing. */
export async function peekVerificationLink(db: Db, token: string, now: string): Promise<LinkState> {
  const row = await byToken(db, token);
  return { state: stateOf(row, now), reference: row ? (await getTicketById(db, row.ticket_id)).reference : null };
}

/** Confirms by the link the customer received: single use, within its 30 minutes. */
export async function confirmVerificationLink(work: Work, token: string): Promise<Confirmation> {
  const row = await byToken(work.trx, token);
  const state = stateOf(row, work.now);
  if (!row || state !== 'valid') return { ok: false, reason: state === 'valid' ? 'unknown' : state };
  return markVerified(work, row, 'email_link', { type: 'customer', id: row.customer_id });
}
