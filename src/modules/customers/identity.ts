/**
 * What an identity is and how its values compare, with no database behind it: the email
 * analysis worker threads import this file alone (see channels/email/analysis-worker.ts), so
 * it must stay free of imports.
 */
export const IDENTITY_KINDS = ['email', 'chat_visitor', 'twitter', 'facebook'] as const;
export type IdentityKind = (typeof IDENTITY_KINDS)[number];

/** How an identity value is compared: emails and handles case-insensitively, without a leading @. */
export function normalizeIdentity(kind: IdentityKind, value: string): string {
  const v = value.trim();
  if (kind === 'email') return v.toLowerCase();
  if (kind === 'twitter') return v.replace(/^@/, '').toLowerCase();
  return v;
}

const EMAIL = /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/;
export function isEmail(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value.trim());
}
