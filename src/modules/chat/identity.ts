import { createHmac, timingSafeEqual } from 'node:crypto';
import { errors as joseErrors, jwtVerify } from 'jose';
import { AppError } from '../../kernel/errors.ts';
import type { Work } from '../../store/unit-of-work.ts';
import { findOrCreateCustomer, isEmail, normalizeIdentity } from '../customers/index.ts';
import type { Visitor } from './model.ts';
import { linkVisitor } from './visitors.ts';

/** What the host app signed: an HS256 JWT, or an HMAC over user id, email and expiry. */
export type SignedChatIdentity =
  | { jwt: string }
  | { user_id: string; email: string; name?: string | undefined; expires: number; signature: string };

/** Who the host app says the visitor is, once the signature checked out. */
export type VerifiedIdentity = { userId: string; email: string; name: string | null };

/** A refused identity: the gateway answers identity_invalid and closes with 4403. */
export class IdentityError extends AppError {
  constructor(message: string) {
    super('forbidden', message, { identity: 'invalid' });
  }
}

/** The hex HMAC-SHA256 a host app sends: over `user_id:email:expires` with the identity secret. */
export function signChatIdentity(secret: string, userId: string, email: string, expires: number): string {
  return createHmac('sha256', secret).update(`${userId}:${email}:${expires}`).digest('hex');
}

/** Checks a signed identity against the workspace secret at `now`; throws IdentityError when bad or expired. */
export async function verifyChatIdentity(secret: string, identity: SignedChatIdentity, now: Date): Promise<VerifiedIdentity> {
  let claimed: { userId: unknown; email: unknown; name: unknown };
  if ('jwt' in identity) {
    try {
      const { payload } = await jwtVerify(identity.jwt, new TextEncoder().encode(secret), { algorithms: ['HS256'], currentDate: now, requiredClaims: ['exp', 'sub'] });
      claimed = { userId: payload.sub, email: payload.email, name: payload.name };
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw new IdentityError('The signed identity has expired');
      throw new IdentityError('The signed identity does not verify');
    }
  } else {
    const expected = Buffer.from(signChatIdentity(secret, identity.user_id, identity.email, identity.expires), 'hex');
    const given = /^[0-9a-f]{64}$/i.test(identity.signature) ? Buffer.from(identity.signature, 'hex') : Buffer.alloc(0);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new IdentityError('The signed identity does not verify');
    if (identity.expires * 1000 <= now.getTime()) throw new IdentityError('The signed identity has expired');
    claimed = { userId: identity.user_id, email: identity.email, name: identity.name };
  }
  if (typeof claimed.userId !== 'string' || !claimed.userId || claimed.userId.length > 200) throw new IdentityError('The signed identity has no user id');
  if (typeof claimed.email !== 'string' || !isEmail(claimed.email)) throw new IdentityError('The signed identity has no valid email');
  const name = typeof claimed.name === 'string' && claimed.name.trim() ? claimed.name.trim().slice(0, 200) : null;
  return { userId: claimed.userId, email: normalizeIdentity('email', claimed.email), name };
}

/**
 * Links a visitor to the customer a verified identity names (found or created by email, the
 * email identity marked verified). A visitor token already tied to someone else gets a fresh
 * visitor instead, so nobody inherits another customer's chats; returns the visitor to use.
 */
export async function linkVerifiedIdentity(work: Work, visitor: Visitor, identity: VerifiedIdentity, fresh: () => Promise<Visitor>): Promise<Visitor> {
  const { customer } = await findOrCreateCustomer(work, { kind: 'email', value: identity.email, verified: true }, identity.name, { type: 'system' });
  await work.trx.updateTable('customer_identities').set({ verified: 1 }).where('kind', '=', 'email').where('value', '=', identity.email).execute();
  const target = visitor.customerId !== null && visitor.customerId !== customer.id ? await fresh() : visitor;
  return linkVisitor(work, target, customer.id, true);
}
