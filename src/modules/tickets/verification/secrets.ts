import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { hashSecret } from '../../../kernel/ids.ts';

/** A one-time 6-digit code, every value equally likely. */
export function newCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** A one-time link token: 256 random bits. */
export function newLinkToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * A code as stored: HMAC-SHA256 keyed by the deployment's secret and bound to its ticket, so
 * a copy of the database alone cannot try the million codes offline.
 */
export function hashCode(secret: string, ticketId: number, code: string): string {
  return createHmac('sha256', `verification:${secret}`).update(`${ticketId}:${code}`).digest('hex');
}

/** A link token as stored (high entropy: a plain SHA-256 is enough, as for API tokens). */
export const hashLinkToken = (token: string): string => hashSecret(token);

/** Constant-time equality of two hex digests. */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}
