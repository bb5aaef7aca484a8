import { stemmer as englishStemmer } from '@orama/stemmers/english';
import { stemmer as germanStemmer } from '@orama/stemmers/german';
import type { Locale } from '../model.ts';
import { STOP_WORDS } from './stop-words.ts';

/** How a token is matched: words are stemmed and may be corrected; the others only ever match exactly. */
export type TokenKind = 'word' | 'code' | 'version' | 'number';

/**
 * One indexed or queried token: `term` is what the index stores (a stem, or the exact code),
 * `word` the folded surface form (for spelling and prefixes), start/end its place in the text.
 */
export type Token = { term: string; word: string; kind: TokenKind; start: number; end: number };

// A chunk: letters and digits, joined by single dots, dashes, underscores or apostrophes.
const CHUNK = /[\p{L}\p{N}]+(?:[._'’-][\p{L}\p{N}]+)*/gu;
const CHUNK_ASCII = /[A-Za-z0-9]+(?:[._'-][A-Za-z0-9]+)*/g;
const VERSION = /^[vV]?(\d{1,6}(?:\.\d{1,6}){1,3})$/;
const CODE = /^([A-Za-z]{1,5})-(\d{2,6})$/;
const IDENTIFIER = /^[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+$/;
const PART = /[^._-]+/g;
const SEPARATOR = /[._'’-]/;
const ASCII = /^[ -~\t\n\r]*$/;

const MAX_TOKEN = 40;
const STEMMERS: Record<Locale, (word: string) => string> = { en: englishStemmer, de: germanStemmer };
const stemCache: Record<Locale, Map<string, string>> = { en: new Map(), de: new Map() };

/** Lower case without diacritics (ß as ss): "Größe" and "grosse" are one word to the index. */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  return ASCII.test(lower) ? lower : lower.normalize('NFKD').replace(/\p{M}/gu, '').replace(/ß/g, 'ss');
}

/** The index term of a plain word in a locale: its stem, folded; memoized because stemming is the hot path. */
export function stemWord(word: string, locale: Locale): string {
  const cache = stemCache[locale];
  let stem = cache.get(word);
  if (stem === undefined) {
    stem = word.length < 3 ? fold(word) : fold(STEMMERS[locale](word.toLowerCase()));
    if (stem === '') stem = fold(word);
    if (cache.size >= 100_000) cache.clear();
    cache.set(word, stem);
  }
  return stem;
}

/** Whether a folded word is a stop word of the locale. */
export function isStopWord(word: string, locale: Locale): boolean {
  return STOP_WORDS[locale].has(word);
}

type WordInfo = { term: string; word: string; kind: TokenKind } | null;
const wordCache: Record<Locale, Map<string, WordInfo>> = { en: new Map(), de: new Map() };

function classifyWord(raw: string, locale: Locale): WordInfo {
  const lower = (raw.includes("'") || raw.includes('’') ? raw.replace(/['’]/g, '') : raw).toLowerCase();
  const word = fold(lower);
  if (word.length > MAX_TOKEN || word === '') return null;
  if (isStopWord(word, locale) || (lower !== word && isStopWord(lower, locale))) return null;
  if (/\d/.test(word)) return { term: word, word, kind: /^\d+$/.test(word) ? 'number' : 'code' };
  return { term: stemWord(lower, locale), word, kind: 'word' };
}

/** A word's token; the analysis of each distinct spelling is memoized, since words repeat. */
export function wordToken(raw: string, start: number, locale: Locale): Token | null {
  const cache = wordCache[locale];
  let info = cache.get(raw);
  if (info === undefined) {
    info = classifyWord(raw, locale);
    if (cache.size >= 200_000) cache.clear();
    cache.set(raw, info);
  }
  return info ? { term: info.term, word: info.word, kind: info.kind, start, end: start + raw.length } : null;
}

/** The chunk pattern for a text: a plain ASCII one when the text allows it (about three times faster). */
export function chunkPattern(text: string): RegExp {
  return ASCII.test(text) ? CHUNK_ASCII : CHUNK;
}

/**
 * Splits text into index terms the same way for documents and queries, on every dialect:
 * stop words dropped, words stemmed per locale, error codes and version numbers kept whole
 * ("E-4012" → e4012, "4.2.1" → 4_2_1) so they only ever match exactly.
 */
export function analyze(text: string, locale: Locale): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(chunkPattern(text))) {
    const chunk = m[0];
    const start = m.index;
    const end = start + chunk.length;
    let special: RegExpExecArray | null;
    if (!SEPARATOR.test(chunk)) {
      const token = wordToken(chunk, start, locale);
      if (token) tokens.push(token);
    } else if ((special = VERSION.exec(chunk))) {
      const term = special[1]!.replace(/\./g, '_');
      tokens.push({ term, word: term, kind: 'version', start, end });
    } else if ((special = CODE.exec(chunk))) {
      const term = special[1]!.toLowerCase() + special[2]!;
      tokens.push({ term, word: term, kind: 'code', start, end });
    } else if (chunk.length <= MAX_TOKEN && IDENTIFIER.test(chunk)) {
      const term = chunk.toLowerCase();
      tokens.push({ term, word: term, kind: 'code', start, end });
    } else if (!/[._-]/.test(chunk)) {
      const token = wordToken(chunk, start, locale);
      if (token) tokens.push(token);
    } else {
      for (const part of chunk.matchAll(PART)) {
        const token = wordToken(part[0], start + part.index, locale);
        if (token) tokens.push(token);
      }
    }
  }
  return tokens;
}

/** The index terms of a text, in order. */
export function terms(text: string, locale: Locale): string[] {
  return analyze(text, locale).map((t) => t.term);
}
