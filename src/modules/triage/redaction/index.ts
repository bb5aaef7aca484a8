/**
 * Secret redaction: finds passwords, master passwords, recovery codes, TOTP seeds, API tokens,
 * private keys, IBANs and card numbers in what customers send, and replaces each with a
 * placeholder saying what was removed, before anything is stored, indexed, logged or sent on.
 */
export type { Finding, Redaction, SecretKind } from './types.ts';
export { redactText } from './redact-text.ts';
export { redactHtml } from './redact-html.ts';
export { redactFilename } from './redact-filename.ts';
export { SECRET_NOTICE } from './secret-notice.ts';
