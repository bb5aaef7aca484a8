import { IBAN_LENGTHS } from './iban-lengths.ts';
import { lastAlnum, allMatches } from './scan.ts';
import type { Detector, Match } from './types.ts';

/** Where an IBAN may start: two letters and two check digits, not inside a word. */
const IBAN_START = /(?<![\p{L}\p{N}_])[A-Za-z]{2}[0-9]{2}/gu;

/** Single characters allowed between the characters of a printed IBAN: spaces (also no-break, thin) and dashes. */
function isSeparator(code: number): boolean {
  return code === 0x20 || code === 0xa0 || code === 0x2009 || code === 0x202f || code === 0x2d;
}

function isAlnumCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** IBANs: a known country's exact length, grouped by spaces or not, valid by ISO 7064 mod 97-10. */
export const ibans: Detector = {
  kind: 'iban',
  find(text) {
    const found: Match[] = [];
    for (const start of allMatches(IBAN_START, text)) {
      if (found.length > 0 && start.index < found[found.length - 1]!.end) continue;
      const length = IBAN_LENGTHS.get(start[0].slice(0, 2).toUpperCase());
      const end = length === undefined ? -1 : ibanEnd(text, start.index, length);
      if (end < 0) continue;
      const compact = text.slice(start.index, end).replace(/[^A-Za-z0-9]/g, '').toUpperCase();
      if (!mod97Valid(compact)) continue;
      found.push({ start: start.index, end, kind: 'iban', label: `[IBAN ending ${lastAlnum(compact, 4)} removed]` });
    }
    return found;
  },
};

/** End of exactly `length` letters and digits read from `pos` over single separators, or -1 when a word goes on after them. */
function ibanEnd(text: string, pos: number, length: number): number {
  let count = 0;
  let i = pos;
  while (count < length && i < text.length) {
    const code = text.charCodeAt(i);
    if (isAlnumCode(code)) count++;
    else if (!(isSeparator(code) && count >= 4 && isAlnumCode(text.charCodeAt(i + 1)))) break;
    i++;
  }
  return count < length || isAlnumCode(text.charCodeAt(i)) ? -1 : i;
}

/** ISO 7064 mod 97-10 as IBANs use it: country and check digits moved to the end, letters as 10–35. */
function mod97Valid(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const value = code <= 57 ? code - 48 : code - 55;
    rest = value > 9 ? (rest * 100 + value) % 97 : (rest * 10 + value) % 97;
  }
  return rest === 1;
}
