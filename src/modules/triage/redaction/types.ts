/** The families of secret that Careline removes before anything is stored, indexed, logged or sent on. */
export type SecretKind =
  | 'card'
  | 'password'
  | 'master_password'
  | 'recovery_code'
  | 'totp_seed'
  | 'api_token'
  | 'private_key'
  | 'iban';

/** One removed secret: its family and the placeholder that now stands in its place (never the secret). */
export type Finding = { kind: SecretKind; label: string };

/** Text with every secret replaced by a placeholder, and one finding per replacement in text order. */
export type Redaction = { text: string; findings: Finding[] };

/** Where a detector found a secret: [start, end) in UTF-16 code units, and the placeholder for it. */
export type Match = { start: number; end: number; kind: SecretKind; label: string };

/**
 * One family's finder. Its matches may come in any order; where they overlap each other or an
 * earlier detector's, the pipeline keeps the one found first. Must run in time linear in the
 * text's length on any input, hostile or not.
 */
export interface Detector {
  readonly kind: SecretKind;
  find(text: string): Match[];
}
