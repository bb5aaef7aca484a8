import type { Detector, Match } from './types.ts';
import { allMatches } from './scan.ts';

/**
 * A run of digit groups separated by one dash or one or two spaces (also no-break and thin
 * spaces). Not after a letter, digit, `+` (phone numbers), `-` (references like INV-2024-…),
 * `.`/`,` (decimals) or a currency sign; not before a letter, digit or a decimal part.
 */
const DIGIT_RUN =
  /(?<![\p{L}\p{N}_+.,$€£¥-])[0-9]{1,19}(?:(?:[ \u00A0\u2009\u202F]{1,2}|-)[0-9]{1,19}){0,39}(?![\p{L}\p{N}_])(?![.,][0-9])/gu;

const VISA = [13, 16, 19];
const SIXTEEN = [16];
const FIFTEEN = [15];
const FOURTEEN_UP = [14, 15, 16, 17, 18, 19];
const SIXTEEN_UP = [16, 17, 18, 19];
const THIRTEEN_UP = [13, 14, 15, 16, 17, 18, 19];

/** Payment card numbers: 13–19 digits, grouped or not, Luhn-valid, with a known issuer prefix and length. */
export const cards: Detector = {
  kind: 'card',
  find(text) {
    const found: Match[] = [];
    for (const run of allMatches(DIGIT_RUN, text)) cardsInRun(run[0], run.index, found);
    return found;
  },
};

/**
 * Adds the cards inside one run, as whole groups: leftmost start first, then the longest window
 * that is a card. A window opens with a group of four or more digits, as every issuer's printed
 * grouping does, which keeps "2024 11 03"-like runs out. Works on offsets, not copies, because
 * hostile input can hold a million digits.
 */
function cardsInRun(run: string, offset: number, found: Match[]): void {
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < run.length; ) {
    starts.push(i);
    while (i < run.length && isDigit(run.charCodeAt(i))) i++;
    ends.push(i);
    while (i < run.length && !isDigit(run.charCodeAt(i))) i++;
  }
  if (isDigitOnlyUuid(run, starts, ends)) return;
  for (let i = 0; i < starts.length; i++) {
    if (ends[i]! - starts[i]! < 4) continue;
    const lengths = issuerLengths(fourDigits(run, starts[i]!));
    if (lengths === null) continue;
    let best = -1;
    for (let j = i, count = 0; j < starts.length; j++) {
      count += ends[j]! - starts[j]!;
      if (count > 19) break;
      if (lengths.includes(count) && luhnValid(run, starts, ends, i, j)) best = j;
    }
    if (best < 0) continue;
    const label = `[card ending ${lastFour(run, starts, ends, best)} removed]`;
    found.push({ start: offset + starts[i]!, end: offset + ends[best]!, kind: 'card', label });
    i = best;
  }
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** The last four digits ending with group `j`, which may be shorter than four (4-4-4-4-3). */
function lastFour(run: string, starts: readonly number[], ends: readonly number[], j: number): string {
  let out = '';
  for (let g = j; out.length < 4; g--) out = run.slice(Math.max(starts[g]!, ends[g]! - (4 - out.length)), ends[g]) + out;
  return out;
}

function fourDigits(s: string, at: number): number {
  let n = 0;
  for (let k = at; k < at + 4; k++) n = n * 10 + (s.charCodeAt(k) - 48);
  return n;
}

/** An all-digit UUID (8-4-4-4-12) is an identifier, whatever its checksum says. */
function isDigitOnlyUuid(run: string, starts: number[], ends: number[]): boolean {
  return starts.length === 5 && !/[^0-9-]/.test(run) && starts.map((s, k) => ends[k]! - s).join('-') === '8-4-4-4-12';
}

/** The card lengths an issuer allows, from a number's first four digits, or null for no known issuer. */
function issuerLengths(p4: number): readonly number[] | null {
  const p2 = Math.floor(p4 / 100);
  const p3 = Math.floor(p4 / 10);
  if (p2 >= 40 && p2 <= 49) return VISA;
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return SIXTEEN; // Mastercard
  if (p2 === 34 || p2 === 37) return FIFTEEN; // American Express
  if (p4 >= 3528 && p4 <= 3589) return SIXTEEN_UP; // JCB
  if (p2 === 36 || p2 === 38 || (p3 >= 300 && p3 <= 305)) return FOURTEEN_UP; // Diners Club
  if (p4 === 6011 || p2 === 65 || (p3 >= 644 && p3 <= 649)) return SIXTEEN_UP; // Discover
  if (p2 === 62) return SIXTEEN_UP; // UnionPay
  if (p2 === 50 || (p2 >= 56 && p2 <= 69)) return THIRTEEN_UP; // Maestro
  return null;
}

/** Luhn check over the digits of groups i..j of `s`, read from the right. */
function luhnValid(s: string, starts: readonly number[], ends: readonly number[], i: number, j: number): boolean {
  let sum = 0;
  let double = false;
  for (let g = j; g >= i; g--) {
    for (let k = ends[g]! - 1; k >= starts[g]!; k--) {
      let d = s.charCodeAt(k) - 48;
      if (double) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
      double = !double;
    }
  }
  return sum % 10 === 0;
}
