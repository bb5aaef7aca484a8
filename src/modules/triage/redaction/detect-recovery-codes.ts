import { ANNOUNCE, LIST_MARKER, LIST_SEPARATOR, WORD_START, isAlnum, skip, allMatches } from './scan.ts';
import type { Detector, Match } from './types.ts';

const LABEL = '[recovery code removed]';

/** Names under which customers paste recovery material, then what may sit before the codes. */
const CODES_PHRASE = new RegExp(
  String.raw`${WORD_START}(?:(?:2fa|mfa|two[ -]factor|2-step|two-step|backup|recovery|emergency|scratch|one[ -]time)` +
    String.raw`[ _-]?(?:backup[ _-]?|recovery[ _-]?)?(?:codes?|keys?)|(?:emergency|recovery)[ _-]?kit|secret[ _-]?key)` +
    String.raw`(?![\p{L}\p{N}])${ANNOUNCE}`,
  'giu',
);

/** One code: letters and digits with single inner dashes, maybe quoted. */
const CODE_TOKEN = /["'`\u2018\u201C]?([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,99})["'`\u2019\u201D]?/y;
/** Another group of a code printed with spaces, e.g. the "EFGH" in "abcd efgh ijkl mnop". */
const NEXT_GROUP = / ([A-Za-z0-9]{1,6})(?![A-Za-z0-9])/y;

/** Recovery codes, backup codes, recovery keys and secret keys (1Password style), singly or as a list. */
export const recoveryCodes: Detector = {
  kind: 'recovery_code',
  find(text) {
    const found: Match[] = [];
    for (const p of allMatches(CODES_PHRASE, text)) {
      const start = p.index + p[0].length;
      if (found.length > 0 && start < found[found.length - 1]!.end) continue;
      const end = codesEnd(text, start);
      if (end !== null) found.push({ start, end, kind: 'recovery_code', label: LABEL });
    }
    return found;
  },
};

/** End of the list of codes starting at `pos` (at most 64 codes), or null when none is there. */
function codesEnd(text: string, pos: number): number | null {
  let end: number | null = null;
  let i = pos;
  for (let count = 0; count < 64; count++) {
    const codeEnd = codeAt(text, skip(LIST_MARKER, text, i));
    if (codeEnd === null) break;
    end = codeEnd;
    i = skip(LIST_SEPARATOR, text, codeEnd);
  }
  return end;
}

/** End of the code at `pos`, written as one token or as space-separated groups, or null. */
function codeAt(text: string, pos: number): number | null {
  CODE_TOKEN.lastIndex = pos;
  const token = CODE_TOKEN.exec(text);
  if (token === null || !endsCleanly(text, CODE_TOKEN.lastIndex)) return null;
  const first = token[1]!;
  if (/^[A-Za-z0-9]{3,6}$/.test(first)) {
    const groups = [first];
    let end = CODE_TOKEN.lastIndex;
    for (NEXT_GROUP.lastIndex = end; groups.length < 16; ) {
      const next = NEXT_GROUP.exec(text);
      if (next === null || next[1]!.length > first.length || !endsCleanly(text, NEXT_GROUP.lastIndex)) break;
      groups.push(next[1]!);
      end = NEXT_GROUP.lastIndex;
      if (next[1]!.length < first.length) break;
    }
    if (groups.length > 1 && isGroupedCode(groups)) return end;
  }
  return isCodeLike(first) ? CODE_TOKEN.lastIndex : null;
}

/** A code ends before a space, a line break or closing punctuation, not inside "4.2.1" or "a@b". */
function endsCleanly(text: string, end: number): boolean {
  const next = text[end];
  if (next === undefined) return true;
  if (isAlnum(next) || '@/_\\'.includes(next)) return false;
  return !('.,:'.includes(next) && isAlnum(text[end + 1]));
}

/** Space-grouped codes: "1234 5678", "ABCD EFGH", "abcd efgh ijkl mnop" (four or more lower-case groups). */
function isGroupedCode(groups: string[]): boolean {
  const joined = groups.join('');
  if (/[0-9]/.test(joined)) return isCodeLike(joined);
  if (joined.length < 8) return false;
  if (joined === joined.toUpperCase()) return true;
  return joined === joined.toLowerCase() && groups.length >= 4 && groups[0]!.length === 4;
}

/**
 * Whether one token looks like a code rather than a word, date or reference: 6–12 digits;
 * dash-grouped digits of 8+; dash-grouped letters and digits; upper-case dash groups (three or
 * more); or 6+ characters mixing letters and digits.
 */
function isCodeLike(token: string): boolean {
  const compact = token.replace(/-/g, '');
  if (compact.length < 6 || compact.length > 64) return false;
  if (/^CL-[0-9A-Z]{8}$/.test(token)) return false; // a Careline ticket reference
  if (/^\d{4}-\d{1,2}-\d{1,2}$|^\d{1,2}-\d{1,2}-\d{2,4}$/.test(token)) return false; // a date
  const hasDigit = /[0-9]/.test(compact);
  const hasLetter = /[A-Za-z]/.test(compact);
  if (!token.includes('-')) return hasDigit && (!hasLetter ? compact.length <= 12 : true);
  const groups = token.split('-');
  if (groups.some((g) => g.length > 10)) return false;
  if (!hasLetter) return compact.length >= 8 && groups.every((g) => g.length >= 3);
  if (hasDigit) return true;
  return compact === compact.toUpperCase() && groups.length >= 3;
}
