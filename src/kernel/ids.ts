import { createHash, randomBytes, randomInt } from 'node:crypto';

/** Crockford base32: no I, L, O or U, so a reference reads back unambiguously. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A new ticket reference: `CL-` and 8 random Crockford characters (40 bits, not guessable). */
export function newReference(): string {
  let out = 'CL-';
  for (let i = 0; i < 8; i++) out += CROCKFORD[randomInt(32)];
  return out;
}

/**
 * Reads what a customer typed as a reference: any case, with or without `CL-`, with O for 0
 * and I or L for 1; returns the canonical form or null when it cannot be one.
 * @example normalizeReference('cl-7kq2om1l') // 'CL-7KQ20M11'
 */
export function normalizeReference(input: string): string | null {
  let s = input.trim().toUpperCase().replace(/\s+/g, '');
  if (s.startsWith('CL-')) s = s.slice(3);
  else if (s.startsWith('CL') && s.length === 10) s = s.slice(2);
  s = s.replace(/-/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (s.length !== 8) return null;
  for (const c of s) if (!CROCKFORD.includes(c)) return null;
  return `CL-${s}`;
}

/** A random opaque secret (API token, session id) with a recognisable prefix. */
export function newSecret(prefix: string, bytes = 32): string {
  return `${prefix}_${randomBytes(bytes).toString('base64url')}`;
}

/** SHA-256 hex of a high-entropy secret; what we store instead of the secret. */
export function hashSecret(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
