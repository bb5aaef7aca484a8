import type { Locale } from '../model.ts';
import { analyze, stemWord, type Token } from './analyze.ts';
import type { Vocabulary } from './vocabulary.ts';

/** One way to match a query slot: an index term and how much a match on it counts (1 = as typed). */
export type Option = { term: string; weight: number };

/** One reading of a concept: a sequence of slots (each matched by its best option), weighted. */
export type Alternative = { slots: Option[][]; weight: number };

/**
 * What the reader meant by one or more adjacent query words: the words as typed (with their
 * spelling corrections and prefix completions) and any synonym or joined-word readings.
 * `span` is how many query tokens it stands for; `exact` marks an error code or version.
 */
export type Concept = { text: string; span: number; exact: boolean; alternatives: Alternative[] };

export type ParsedQuery = { concepts: Concept[]; terms: string[] };

/** Match weights of each kind of reading; exact words count fully, guesses a little less. */
export const READING_WEIGHTS = { synonym: 0.95, joined: 0.95, split: 0.9, spelling1: 0.9, spelling2: 0.75, prefix: 0.85 };

const MAX_TOKENS = 16;

/** Options for a token: itself; for unknown words their corrections; for the last word, if unknown or still being typed, its completions. */
function tokenOptions(token: Token, vocabulary: Vocabulary, locale: Locale, completing: boolean | null): { options: Option[]; split: Option[] | null } {
  const options: Option[] = [{ term: token.term, weight: 1 }];
  if (token.kind !== 'word') return { options, split: null };
  const known = vocabulary.stemDf.has(token.term) || vocabulary.wordDf.has(token.word);
  if (completing !== null && (completing || !known) && token.word.length >= 2) {
    for (const word of vocabulary.wordsWithPrefix(token.word, 8)) options.push({ term: stemWord(word, locale), weight: known ? READING_WEIGHTS.prefix * 0.8 : READING_WEIGHTS.prefix });
  }
  let split: Option[] | null = null;
  if (!known) {
    for (const c of vocabulary.correct(token.word)) {
      options.push({ term: stemWord(c.word, locale), weight: c.distance === 1 ? READING_WEIGHTS.spelling1 : READING_WEIGHTS.spelling2 });
    }
    split = splitWord(token.word, vocabulary, locale);
  }
  const best = new Map<string, Option>();
  for (const o of options) if ((best.get(o.term)?.weight ?? 0) < o.weight) best.set(o.term, o);
  return { options: [...best.values()], split };
}

/** "masterpassword" → master + password, when both halves are known words. */
function splitWord(word: string, vocabulary: Vocabulary, locale: Locale): Option[] | null {
  let best: { parts: [string, string]; df: number } | null = null;
  for (let i = 3; i <= word.length - 3; i++) {
    const a = word.slice(0, i);
    const b = word.slice(i);
    const df = Math.min(vocabulary.wordDf.get(a) ?? 0, vocabulary.wordDf.get(b) ?? 0);
    if (df > 0 && (!best || df > best.df)) best = { parts: [a, b], df };
  }
  return best ? best.parts.map((p) => ({ term: stemWord(p, locale), weight: 1 })) : null;
}

const exact = (terms: string[]): Option[][] => terms.map((term) => [{ term, weight: 1 }]);

/**
 * Turns what a reader typed into concepts: stop words dropped, words stemmed, unknown words
 * corrected against the vocabulary (edit distance 1–2, frequent words first), the last word
 * completed when unknown or `completing` (type-ahead), admin synonyms and split/joined words added as readings.
 */
export function parseQuery(q: string, locale: Locale, vocabulary: Vocabulary, completing = false): ParsedQuery {
  const tokens = analyze(q, locale).slice(0, MAX_TOKENS);
  const readings = tokens.map((t, i) => tokenOptions(t, vocabulary, locale, i === tokens.length - 1 ? completing : null));
  const concepts: Concept[] = [];
  for (let i = 0; i < tokens.length; ) {
    const phrase = phraseAt(tokens, readings, i, vocabulary, locale);
    const span = phrase?.span ?? 1;
    const own: Alternative = { slots: readings.slice(i, i + span).map((r) => r.options), weight: 1 };
    const alternatives = [own, ...(phrase?.alternatives ?? [])];
    const split = span === 1 ? readings[i]!.split : null;
    if (split) alternatives.push({ slots: split.map((o) => [o]), weight: READING_WEIGHTS.split });
    const exactToken = span === 1 && (tokens[i]!.kind === 'code' || tokens[i]!.kind === 'version');
    concepts.push({ text: q.slice(tokens[i]!.start, tokens[i + span - 1]!.end), span, exact: exactToken, alternatives });
    i += span;
  }
  const terms = [...new Set(concepts.flatMap((c) => c.alternatives.flatMap((a) => a.slots.flatMap((s) => s.map((o) => o.term)))))];
  return { concepts, terms };
}

/** The longest synonym rule or joinable word pair starting at token i, as extra readings. */
function phraseAt(tokens: Token[], readings: Array<{ options: Option[] }>, i: number, vocabulary: Vocabulary, locale: Locale): { span: number; alternatives: Alternative[] } | null {
  let found: { span: number; alternatives: Alternative[] } | null = null;
  for (const rule of vocabulary.synonyms) {
    const n = rule.from.length;
    if (i + n > tokens.length || (found && found.span > n)) continue;
    if (!rule.from.every((term, k) => readings[i + k]!.options.some((o) => o.term === term))) continue;
    const alternatives = rule.to.map((terms) => ({ slots: exact(terms), weight: READING_WEIGHTS.synonym }));
    found = found && found.span === n ? { span: n, alternatives: [...found.alternatives, ...alternatives] } : { span: n, alternatives };
  }
  const a = tokens[i];
  const b = tokens[i + 1];
  if (!found && a?.kind === 'word' && b?.kind === 'word' && vocabulary.wordDf.has(a.word + b.word)) {
    found = { span: 2, alternatives: [{ slots: exact([stemWord(a.word + b.word, locale)]), weight: READING_WEIGHTS.joined }] };
  }
  return found;
}
