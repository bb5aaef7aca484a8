import { GAP, OPT_GAP, WORD_START, isAlnum, allMatches } from './scan.ts';
import type { Detector, Match } from './types.ts';

const LABEL = '[TOTP secret removed]';

/** Authenticator URIs, including Google Authenticator's export format; the whole URI is the secret. */
const OTPAUTH_URI = /otpauth(?:-migration)?:\/\/[^\s"'<>]{1,4000}/gi;

/** Words that announce a TOTP seed; group 1 is the connector ("is", ":", "="), when there is one. */
const SEED_PHRASE = new RegExp(
  String.raw`${WORD_START}(?:(?:totp|2fa|mfa|otp|two[ -]factor|2-step|two-step|authenticator|setup|set-up)[ _-]?(?:secret|seed|key|code)` +
    String.raw`|secret|seed)(?:[ _-]?key)?(?![\p{L}\p{N}])(${OPT_GAP}[:=]|${GAP}(?:is|was)(?:${OPT_GAP}:)?)?${OPT_GAP}["'\x60]?`,
  'giu',
);

/** A base32 seed written as one run (RFC 4648 alphabet, optional padding). */
const BASE32_RUN = /[A-Za-z2-7]{16,256}={0,6}(?![A-Za-z0-9])/y;

/** TOTP/HOTP secrets: otpauth:// URIs anywhere, and base32 seeds after "secret", "seed", "setup key", "2FA key"… */
export const totpSeeds: Detector = {
  kind: 'totp_seed',
  find(text) {
    const found: Match[] = [];
    for (const m of allMatches(OTPAUTH_URI, text)) found.push(at(m.index, m.index + m[0].length));
    for (const p of allMatches(SEED_PHRASE, text)) {
      const start = p.index + p[0].length;
      const end = seedEnd(text, start, p[1] !== undefined);
      if (end !== null) found.push(at(start, end));
    }
    return found;
  },
};

/**
 * End of the base32 seed at `pos` (one run, or groups of four split by single spaces), or null.
 * Without a connector such as "is" or ":", a seed must hold a digit 2–7 or be upper case, so
 * that "top secret responsibilities" stays prose.
 */
function seedEnd(text: string, pos: number, announced: boolean): number | null {
  BASE32_RUN.lastIndex = pos;
  const run = BASE32_RUN.exec(text);
  const seed = run !== null ? { end: BASE32_RUN.lastIndex, letters: run[0].replace(/=+$/, '') } : groupedSeed(text, pos);
  if (seed === null || caseOf(seed.letters) === 'mixed') return null;
  return announced || /[2-7]/.test(seed.letters) || caseOf(seed.letters) === 'upper' ? seed.end : null;
}

/** Short English words that may follow a lower-case seed; they end it rather than belong to it. */
const TRAILING_WORDS = new Set(['and', 'but', 'the', 'for', 'not', 'was', 'then', 'that', 'this', 'with', 'from', 'into', 'have', 'when', 'what', 'also', 'just', 'so', 'is', 'it', 'as', 'at', 'or']);

/** Four or more groups of four base32 characters (the last may be shorter), in one letter case. */
function groupedSeed(text: string, pos: number): { end: number; letters: string } | null {
  const groups: { group: string; end: number }[] = [];
  let groupCase: 'upper' | 'lower' | 'none' | 'mixed' = 'none';
  for (let i = pos; groups.length < 64; ) {
    let j = i;
    while (j - i < 4 && isBase32(text[j])) j++;
    const group = text.slice(i, j);
    if (group === '' || isAlnum(text[j])) break;
    const c = caseOf(group);
    if (c === 'mixed' || (c !== 'none' && groupCase !== 'none' && c !== groupCase)) break;
    if (c === 'lower' && TRAILING_WORDS.has(group)) break;
    if (c !== 'none') groupCase = c;
    groups.push({ group, end: j });
    if (group.length < 4 || text[j] !== ' ') break;
    i = j + 1;
  }
  const letters = groups.map((g) => g.group).join('');
  return groups.length >= 4 && letters.length >= 16 ? { end: groups[groups.length - 1]!.end, letters } : null;
}

function isBase32(ch: string | undefined): boolean {
  return ch !== undefined && /[A-Za-z2-7]/.test(ch);
}

function caseOf(s: string): 'upper' | 'lower' | 'none' | 'mixed' {
  const upper = /[A-Z]/.test(s);
  const lower = /[a-z]/.test(s);
  return upper && lower ? 'mixed' : upper ? 'upper' : lower ? 'lower' : 'none';
}

function at(start: number, end: number): Match {
  return { start, end, kind: 'totp_seed', label: LABEL };
}
