import { AppError, conflict } from '../../../kernel/errors.ts';
import type { Actor } from '../../../kernel/events.ts';
import type { Work } from '../../../store/unit-of-work.ts';
import { getCustomer } from '../../customers/index.ts';
import type { Outbox } from '../../outbox/index.ts';
import { findTicket } from '../queries.ts';
import { hashCode, hashLinkToken, newCode, newLinkToken } from './secrets.ts';
import { VERIFICATION_TTL_MS } from './state.ts';
import { maskAddress, verificationMail } from './verification-mail.ts';

/** What sending a verification needs from the deployment. */
export type VerificationSettings = { outbox: Outbox; publicUrl: string; secret: string };

/** Verification requests a ticket may have in an hour: enough for typos, not for mail bombing. */
export const MAX_REQUESTS_PER_HOUR = 5;

export type RequestedVerification = { to: string; expiresAt: string; emailId: number };

/**
 * Sends the ticket's customer a one-time code and link (the same verification) through the
 * outbox, to their email identity: a verified address first, else their primary email. A new
 * request replaces the pending one. Only hashes of the code and the link are kept.
 */
export async function requestVerification(work: Work, reference: string, actor: Actor, settings: VerificationSettings): Promise<RequestedVerification> {
  const { trx, now } = work;
  const ticket = await findTicket(trx, reference);
  const customer = await getCustomer(trx, ticket.customer.id);
  const emails = customer.identities.filter((i) => i.kind === 'email');
  const to = emails.find((i) => i.verified)?.value ?? customer.email ?? emails[0]?.value;
  if (!to) throw conflict(`The customer of ${ticket.reference} has no email address to send a code to`);
  const hourAgo = new Date(Date.parse(now) - 3_600_000).toISOString();
  const recent = await trx.selectFrom('ticket_verifications').select((eb) => eb.fn.countAll<number>().as('n')).where('ticket_id', '=', ticket.id).where('channel', '=', 'email').where('created_at', '>', hourAgo).executeTakeFirstOrThrow();
  if (Number(recent.n) >= MAX_REQUESTS_PER_HOUR) throw new AppError('rate_limited', `${ticket.reference} had ${MAX_REQUESTS_PER_HOUR} verification emails in the last hour; wait before sending another`);

  const code = newCode();
  const token = newLinkToken();
  const expiresAt = new Date(Date.parse(now) + VERIFICATION_TTL_MS).toISOString();
  await trx.updateTable('ticket_verifications').set({ status: 'superseded' }).where('ticket_id', '=', ticket.id).where('status', '=', 'pending').execute();
  await trx
    .insertInto('ticket_verifications')
    .values({
      ticket_id: ticket.id,
      customer_id: customer.id,
      channel: 'email',
      address: to,
      code_hash: hashCode(settings.secret, ticket.id, code),
      token_hash: hashLinkToken(token),
      status: 'pending',
      expires_at: expiresAt,
      requested_by_type: actor.type,
      requested_by_id: actor.type === 'system' ? null : actor.id,
      created_at: now,
    })
    .execute();
  const mail = verificationMail({ reference: ticket.reference, code, link: `${settings.publicUrl}/verify/${token}`, minutes: VERIFICATION_TTL_MS / 60_000 });
  const queued = await settings.outbox.queueEmail(work, {
    kind: 'verification',
    to,
    ...mail,
    headers: { 'Auto-Submitted': 'auto-generated' },
    ticketId: ticket.id,
    customerId: customer.id,
    sensitive: true,
  });
  const masked = maskAddress(to);
  work.emit({ type: 'ticket.verification_requested', ticketId: ticket.id, customerId: customer.id, actor, data: { reference: ticket.reference, method: 'email', to: masked, expiresAt } });
  return { to: masked, expiresAt, emailId: queued.id };
}
