import { apiTokens } from './detect-api-tokens.ts';
import { cards } from './detect-cards.ts';
import { ibans } from './detect-ibans.ts';
import { masterPasswords } from './detect-master-passwords.ts';
import { passwords } from './detect-passwords.ts';
import { privateKeys } from './detect-private-keys.ts';
import { recoveryCodes } from './detect-recovery-codes.ts';
import { seedPhrases } from './detect-seed-phrases.ts';
import { totpSeeds } from './detect-totp-seeds.ts';
import type { Detector, Match, Redaction } from './types.ts';

/**
 * The detectors in the order they claim text. Where two find overlapping secrets the earlier one
 * wins, so a key block is removed once (not also as tokens), and "master password is X" is a
 * master password, not also a password. Structured formats go before phrase-based ones.
 */
export const DETECTORS: readonly Detector[] = [
  privateKeys,
  totpSeeds,
  apiTokens,
  recoveryCodes,
  seedPhrases,
  masterPasswords,
  passwords,
  ibans,
  cards,
];

/** Every secret in `text`, in text order, without overlaps. */
export function findSecrets(text: string): Match[] {
  let taken: Match[] = [];
  for (const detector of DETECTORS) taken = addWithoutOverlap(taken, detector.find(text));
  return taken;
}

/** Replaces each match by its label; the findings list what was put there. */
export function applyMatches(text: string, matches: readonly Match[]): Redaction {
  if (matches.length === 0) return { text, findings: [] };
  let out = '';
  let at = 0;
  for (const m of matches) {
    out += text.slice(at, m.start) + m.label;
    at = m.end;
  }
  return { text: out + text.slice(at), findings: matches.map((m) => ({ kind: m.kind, label: m.label })) };
}

/** Removes every secret from plain text, leaving a placeholder that says what was there. */
export function redactText(text: string): Redaction {
  return applyMatches(text, findSecrets(text));
}

/**
 * Merges `incoming` into `taken` (sorted, disjoint), dropping any incoming match that overlaps a
 * taken one or an incoming one already kept (earlier start first, then the longer). Linear after sorting.
 */
export function addWithoutOverlap(taken: readonly Match[], incoming: readonly Match[]): Match[] {
  const sorted = [...incoming].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Match[] = [];
  let i = 0;
  let lastEnd = -1;
  for (const m of sorted) {
    if (m.end <= m.start) continue;
    while (i < taken.length && taken[i]!.start < m.start) {
      out.push(taken[i]!);
      lastEnd = Math.max(lastEnd, taken[i]!.end);
      i++;
    }
    if (m.start < lastEnd || (i < taken.length && taken[i]!.start < m.end)) continue;
    out.push(m);
    lastEnd = m.end;
  }
  while (i < taken.length) out.push(taken[i++]!);
  return out;
}
