// Building blocks shared by the detectors. Every regex piece here has bounded repetition, so a
// pattern built from them cannot backtrack more than a constant amount per starting position.

/** Source for "not directly after a letter, digit or underscore" (needs the `u` flag). */
export const WORD_START = String.raw`(?<![\p{L}\p{N}_])`;

/** Source for a required gap between words: a few spaces or tabs, or one line break. */
export const GAP = String.raw`(?:[ \t]{1,3}|[ \t]{0,3}\r?\n[ \t]{0,3})`;

/** Source for an optional gap: nothing, a few spaces or tabs, or one line break. */
export const OPT_GAP = String.raw`(?:[ \t]{0,3}(?:\r?\n[ \t]{0,3})?)`;

/**
 * Source for what may sit between a name such as "recovery codes" and the values it announces:
 * a short parenthesis, "is"/"are"/"was"/"were", a colon, equals or dash, and up to three line
 * breaks (lists often start on the next line). Every part is optional.
 */
export const ANNOUNCE =
  String.raw`(?:${OPT_GAP}\([^()\n]{0,40}\))?(?:${GAP}(?:is|are|was|were|says|reads)(?![\p{L}\p{N}]))?` +
  String.raw`(?:${OPT_GAP}[:=\u2013\u2014-])?(?:[ \t]{0,8}\r?\n){0,3}[ \t]{0,8}`;

/** A list marker before an item: "1.", "2)", "-", "*" or "•", then spaces. */
export const LIST_MARKER = /(?:\(?[0-9]{1,2}[.)]|[-*\u2022\u00B7])[ \t]{1,4}/y;

/** What may separate items in a list: spaces, a comma or semicolon, "and"/"or", up to three line breaks. */
export const LIST_SEPARATOR = /[ \t]{0,4}(?:[,;][ \t]{0,4})?(?:(?:and|or|&)[ \t]{1,4})?(?:\r?\n[ \t]{0,8}){0,3}/y;

/** A placeholder this module (or a person) already put there, e.g. `[password removed]`. */
const PLACEHOLDER_AT = /\[[^\]\n]{0,60}\b(?:removed|redacted|hidden|masked)\]/iy;

/** True when `text` at `pos` starts with a placeholder rather than a secret. */
export function placeholderAt(text: string, pos: number): boolean {
  PLACEHOLDER_AT.lastIndex = pos;
  return PLACEHOLDER_AT.test(text);
}

/** True for ASCII letters and digits, the characters of codes, tokens, IBANs and cards. */
export function isAlnum(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** True for any character that `\s` matches. */
function isSpace(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029
    || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Index just past the run of non-whitespace characters starting at `pos`. */
export function tokenEnd(text: string, pos: number): number {
  let end = pos;
  while (end < text.length && !isSpace(text[end])) end++;
  return end;
}

/** Index of the first non-whitespace character at or after `pos`, or `text.length`. */
export function skipSpaces(text: string, pos: number): number {
  while (pos < text.length && isSpace(text[pos])) pos++;
  return pos;
}

/** The last `n` letters or digits of `value`, upper-cased: what a placeholder may show. */
export function lastAlnum(value: string, n: number): string {
  let out = '';
  for (let i = value.length - 1; i >= 0 && out.length < n; i--) if (isAlnum(value[i])) out = value[i] + out;
  return out.toUpperCase();
}

/** Index after a sticky regex matched at `pos`, or `pos` when it did not match. */
export function skip(re: RegExp, text: string, pos: number): number {
  re.lastIndex = pos;
  return re.test(text) ? re.lastIndex : pos;
}

/**
 * Every match of a global regex in `text`, as `[...text.matchAll(re)]` gives them, without the
 * copy of the regex that matchAll makes on every call: V8 initialises a new RegExp each time,
 * and the detectors run on every chat message and mail (~3% of chat's event loop in a profile).
 * The matches are collected before returning, so a caller may run the same regex again in its
 * loop; `re.lastIndex` is left at 0.
 */
export function allMatches(re: RegExp, text: string): RegExpExecArray[] {
  if (!re.global) throw new Error(`allMatches needs a global regex: /${re.source}/${re.flags}`);
  const found: RegExpExecArray[] = [];
  re.lastIndex = 0;
  try {
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      found.push(m);
      // An empty match would match again at the same place: step past it, by code point in unicode mode.
      if (m[0].length === 0) re.lastIndex += re.unicode && (text.codePointAt(re.lastIndex) ?? 0) > 0xffff ? 2 : 1;
    }
  } finally {
    re.lastIndex = 0;
  }
  return found;
}
