import { AppError } from '../../../kernel/errors.ts';
import type { Actor, VerificationMethod } from '../../../kernel/events.ts';
import type { Db } from '../../../store/database.ts';
import type { Ticket, TicketVerification } from '../model.ts';

/** Wrong codes a verification takes before it is burned. */
export const MAX_CODE_ATTEMPTS = 5;
/** How long a code and its link work. */
export const VERIFICATION_TTL_MS = 30 * 60_000;

function actorOf(type: string | null, id: number | null): Actor | null {
  if (type === null) return null;
  if (type === 'system' || id === null) return { type: 'system' };
  return { type: type as 'agent' | 'token' | 'customer', id };
}

/**
 * Each ticket's verification in one query: verified when any verification succeeded (the
 * latest one counts), pending while a code is out and unexpired, none otherwise.
 */
export async function verificationStates(db: Db, ticketIds: number[], now = new Date().toISOString()): Promise<Map<number, TicketVerification>> {
  const states = new Map<number, TicketVerification>();
  if (ticketIds.length === 0) return states;
  const rows = await db
    .selectFrom('ticket_verifications')
    .select(['ticket_id', 'status', 'method', 'verified_at', 'verified_by_type', 'verified_by_id', 'expires_at'])
    .where('ticket_id', 'in', ticketIds)
    .where('status', 'in', ['pending', 'verified'])
    .orderBy('id')
    .execute();
  for (const r of rows) {
    if (r.status === 'verified') {
      states.set(r.ticket_id, { status: 'verified', method: r.method as VerificationMethod, verifiedAt: r.verified_at, verifiedBy: actorOf(r.verified_by_type, r.verified_by_id), expiresAt: null });
    } else if (states.get(r.ticket_id)?.status !== 'verified' && r.expires_at !== null && r.expires_at > now) {
      states.set(r.ticket_id, { status: 'pending', method: null, verifiedAt: null, verifiedBy: null, expiresAt: r.expires_at });
    }
  }
  return states;
}

/**
 * Throws 409 verification_required unless the ticket's customer is verified. Solving or
 * closing an account ticket calls it, and so will the account-recovery macro.
 * @example await requireVerified(work.trx, ticket)
 */
export async function requireVerified(db: Db, ticket: Pick<Ticket, 'id' | 'reference'>): Promise<void> {
  const state = (await verificationStates(db, [ticket.id])).get(ticket.id);
  if (state?.status === 'verified') return;
  throw new AppError(
    'verification_required',
    `Ticket ${ticket.reference} is about account access and its customer is not verified yet: send them a code (POST /api/v1/tickets/${ticket.reference}/verification) and confirm it first`,
    { verification: state?.status ?? 'none' },
  );
}
