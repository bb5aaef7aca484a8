import { createHmac } from 'node:crypto';
import { AppError } from '../../../kernel/errors.ts';
import type { Actor } from '../../../kernel/events.ts';
import type { Work } from '../../../store/unit-of-work.ts';
import { normalizeIdentity, type IdentityKind } from '../../customers/index.ts';
import { findTicket } from '../queries.ts';
import { sameHash } from './secrets.ts';

/** An identity the product signed for the chat widget: HMAC-SHA256(secret, value) in hex. */
export type SignedIdentity = { kind: IdentityKind; value: string; signature: string };

/** The signature a product's backend computes for an identity value (what the widget sends). */
export function signIdentity(secret: string, value: string): string {
  return createHmac('sha256', secret).update(value).digest('hex');
}

/**
 * Verifies a ticket by an identity the customer's product signed with the shared secret (the
 * chat widget's logged-in user): the signature must match and the identity must belong to the
 * ticket's customer, who is then recorded as the verifier. Throws verification_failed otherwise.
 * @example await verifyBySignedIdentity(work, 'CL-7KQ20M11', { kind: 'email', value: 'ana@example.org', signature }, secret)
 */
export async function verifyBySignedIdentity(work: Work, reference: string, identity: SignedIdentity, secret: string, actor: Actor = { type: 'system' }): Promise<void> {
  if (secret.length < 32) throw new Error('the identity signing secret must be at least 32 characters');
  const { trx, now } = work;
  const ticket = await findTicket(trx, reference);
  const value = normalizeIdentity(identity.kind, identity.value);
  if (!/^[0-9a-f]{64}$/i.test(identity.signature) || !sameHash(identity.signature.toLowerCase(), signIdentity(secret, value))) {
    throw new AppError('verification_failed', 'The identity signature does not match');
  }
  const owner = await trx.selectFrom('customer_identities').select('customer_id').where('kind', '=', identity.kind).where('value', '=', value).executeTakeFirst();
  if (!owner || owner.customer_id !== ticket.customer.id) throw new AppError('verification_failed', `The signed identity is not the customer of ${ticket.reference}`);
  await trx
    .insertInto('ticket_verifications')
    .values({
      ticket_id: ticket.id,
      customer_id: ticket.customer.id,
      channel: 'signed_identity',
      address: null,
      status: 'verified',
      requested_by_type: actor.type,
      requested_by_id: actor.type === 'system' ? null : actor.id,
      method: 'signed_identity',
      verified_at: now,
      verified_by_type: 'customer',
      verified_by_id: ticket.customer.id,
      created_at: now,
    })
    .execute();
  work.emit({ type: 'ticket.verified', ticketId: ticket.id, customerId: ticket.customer.id, actor, data: { reference: ticket.reference, method: 'signed_identity' } });
}
