import type { Locale } from '../model.ts';
import { analyze, wordToken, type Token } from './analyze.ts';

const SCAN_CHARS = 20_000;

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\n' || c === '\t' || c === '\r';

/** Widens [start, end) to whole words (looking at most 20 characters further). */
function clip(text: string, start: number, end: number): { from: number; to: number } {
  let from = start;
  for (let i = start; from > 0 && i > start - 20 && i > 0; i--) {
    if (isSpace(text[i - 1])) {
      from = i;
      break;
    }
  }
  let to = Math.min(end, text.length);
  for (let i = to; i < text.length && i < end + 20; i++) {
    if (isSpace(text[i])) {
      to = i;
      break;
    }
  }
  return { from, to };
}

const flat = (s: string): string => escapeHtml(s.replace(/\s+/g, ' '));

const VARIANTS: Record<string, string> = { a: 'aäàáâ', o: 'oöòóô', u: 'uüùúû', e: 'eéèê', i: 'iíìî', c: 'cç', n: 'nñ' };
const ASCII_TEXT = /^[ -~\s]*$/;
const SEPARATOR = /[._'’-]/;
const finders = new Map<string, RegExp>();

/**
 * A pattern for the chunks that could hold one of the terms: those starting with a term's
 * first letter (any accent); a plain ASCII pattern for ASCII text, which is much faster.
 */
function finder(terms: ReadonlySet<string>, ascii: boolean): RegExp {
  const firsts = new Set([...terms].map((t) => t[0] ?? ''));
  if ([...terms].some((t) => /^\d+_/.test(t))) firsts.add('v');
  const key = `${ascii ? 'a' : 'u'}${[...firsts].sort().join('')}`;
  let pattern = finders.get(key);
  if (!pattern) {
    const letters = [...firsts].map((c) => (ascii ? c : (VARIANTS[c] ?? c)).replace(/[\]\\^-]/g, '\\$&')).join('') || 'x';
    pattern = ascii
      ? new RegExp(`(?<![A-Za-z0-9])[${letters}][A-Za-z0-9]*(?:[._'-][A-Za-z0-9]+)*`, 'gi')
      : new RegExp(`(?<![\\p{L}\\p{N}])[${letters}][\\p{L}\\p{N}]*(?:[._'’-][\\p{L}\\p{N}]+)*`, 'giu');
    if (finders.size > 1000) finders.clear();
    finders.set(key, pattern);
  }
  return pattern;
}

/** The tokens of a text whose index term is one of `terms`; only chunks that could match are analyzed. */
function findTerms(text: string, locale: Locale, terms: ReadonlySet<string>): Token[] {
  const found: Token[] = [];
  if (terms.size === 0) return found;
  for (const m of text.matchAll(finder(terms, ASCII_TEXT.test(text)))) {
    if (!SEPARATOR.test(m[0])) {
      const token = wordToken(m[0], m.index, locale);
      if (token && terms.has(token.term)) found.push(token);
      continue;
    }
    for (const token of analyze(m[0], locale)) {
      if (terms.has(token.term)) found.push({ ...token, start: token.start + m.index, end: token.end + m.index });
    }
  }
  return found;
}

/** Where the window of `length` characters holding the most distinct matches (then most matches) starts. */
function bestWindow(matches: Token[], length: number): number {
  let best = -1;
  let start = 0;
  const counts = new Map<string, number>();
  let right = 0;
  for (let left = 0; left < matches.length; left++) {
    const from = Math.max(0, matches[left]!.start - 40);
    while (right < matches.length && matches[right]!.end <= from + length) {
      counts.set(matches[right]!.term, (counts.get(matches[right]!.term) ?? 0) + 1);
      right++;
    }
    const value = counts.size * 100 + (right - left);
    if (value > best) [best, start] = [value, from];
    const term = matches[left]!.term;
    const n = counts.get(term) ?? 0;
    if (n <= 1) counts.delete(term);
    else counts.set(term, n - 1);
  }
  return start;
}

/**
 * An HTML-safe excerpt of about `length` characters around the densest run of matched terms,
 * each match wrapped in <mark>; everything else is escaped. Without a match, the opening text.
 */
export function makeSnippet(text: string, locale: Locale, terms: ReadonlySet<string>, length = 200): string {
  const scanned = text.trim().slice(0, SCAN_CHARS);
  const matches = findTerms(scanned, locale, terms);
  const start = matches.length > 0 ? bestWindow(matches, length) : 0;
  const { from, to } = clip(scanned, start, start + length);
  let out = from > 0 ? '…' : '';
  let at = from;
  for (const m of matches) {
    if (m.start < from || m.end > to) continue;
    out += `${flat(scanned.slice(at, m.start))}<mark>${escapeHtml(scanned.slice(m.start, m.end))}</mark>`;
    at = m.end;
  }
  out += flat(scanned.slice(at, to));
  return to < text.trim().length ? `${out.trimEnd()}…` : out;
}
