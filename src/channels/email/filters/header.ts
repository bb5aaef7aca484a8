import type { ParsedEmail } from '../parse-email.ts';

/** The first value of a header (lowercase name), lowercased and trimmed, or null when absent. */
export function headerValue(email: ParsedEmail, name: string): string | null {
  const value = email.headers.get(name)?.[0];
  return value === undefined ? null : value.trim().toLowerCase();
}
