/**
 * The phrase language lexicons are written in, matched against normalized tokens.
 *
 *   'refund*'             one token starting with "refund" (refunds, refunded)
 *   'charged twice'       consecutive tokens
 *   'charg* .. twice'     up to 4 tokens between, same sentence ("charged me twice")
 *   'someone ... logged'  up to 8 tokens between, same sentence
 *   'login|signin'        alternatives for one token
 *   'in # hours'          '#' is any number
 *   '~hack*'              negatable: "not hacked", "wasn't hacked" cancel it (a '~' on any word
 *                         makes the whole phrase negatable)
 *
 * Text is lowercased, accent-folded, apostrophes dropped ("can't" → "cant") and common
 * German/Spanish/French words mapped to English first (see lexicon/canonical.ts).
 */
export type Pattern = { source: string; negatable: boolean; slots: Slot[] };

type Alt = { text: string; prefix: boolean } | { number: true };
type Slot = { gap: number } | { alts: Alt[] };

/** Token marking a sentence end; gaps never cross it. */
export const SENTENCE = '\u0000.';
/** Token marking a clause break (comma); gaps cross it, negation scope does not. */
export const CLAUSE = '\u0000,';

export function compilePattern(source: string): Pattern {
  const negatable = source.includes('~');
  const parts = source.replace(/~/g, '').trim().split(/\s+/);
  const slots: Slot[] = parts.map((part) => {
    if (part === '..') return { gap: 4 };
    if (part === '...') return { gap: 8 };
    return {
      alts: part.split('|').map((alt): Alt => {
        if (alt === '#') return { number: true };
        return alt.endsWith('*') ? { text: alt.slice(0, -1), prefix: true } : { text: alt, prefix: false };
      }),
    };
  });
  const first = slots[0];
  const last = slots[slots.length - 1];
  if (!first || !last || 'gap' in first || 'gap' in last) throw new Error(`pattern must start and end with a word: "${source}"`);
  for (const slot of slots) {
    if ('alts' in slot && slot.alts.some((a) => 'text' in a && a.text === '')) throw new Error(`empty word in pattern "${source}"`);
  }
  return { source, negatable, slots };
}

/** Every plain word a pattern can match, with whether it is a prefix; feeds the spelling corrector. */
export function patternWords(p: Pattern): { text: string; prefix: boolean }[] {
  const out: { text: string; prefix: boolean }[] = [];
  for (const slot of p.slots) {
    if ('alts' in slot) for (const a of slot.alts) if ('text' in a) out.push({ text: a.text, prefix: a.prefix });
  }
  return out;
}

function altMatches(alt: Alt, token: string): boolean {
  if ('number' in alt) return /^\d+$/.test(token);
  return alt.prefix ? token.startsWith(alt.text) : token === alt.text;
}

/** Where the match of slots[si..] starting at token i ends (exclusive), or -1. */
function matchFrom(tokens: readonly string[], i: number, slots: readonly Slot[], si: number): number {
  if (si === slots.length) return i;
  const slot = slots[si]!;
  if ('gap' in slot) {
    for (let k = 0; k <= slot.gap && i + k < tokens.length; k++) {
      if (k > 0 && tokens[i + k - 1] === SENTENCE) break;
      const end = matchFrom(tokens, i + k, slots, si + 1);
      if (end >= 0) return end;
    }
    return -1;
  }
  const token = tokens[i];
  if (token === undefined || !slot.alts.some((a) => altMatches(a, token))) return -1;
  return matchFrom(tokens, i + 1, slots, si + 1);
}

/** One place a pattern matched: its index in the matcher's list, the words, and whether negated. */
export type Hit = { id: number; text: string; negated: boolean };

/** Finds every pattern of a fixed list in a token stream, indexed by first word so long texts stay fast. */
export class PhraseMatcher {
  private readonly exact = new Map<string, number[]>();
  /** Prefix words keyed by their first two letters' char codes, so a lookup allocates nothing. */
  private readonly prefixes = new Map<number, { text: string; ids: number[] }[]>();
  private readonly shortPrefixes: { text: string; ids: number[] }[] = [];
  private readonly numeric: number[] = [];

  constructor(
    private readonly patterns: readonly Pattern[],
    private readonly isNegation: (tokens: readonly string[], start: number, end: number) => boolean,
  ) {
    const byText = new Map<string, number[]>();
    patterns.forEach((p, id) => {
      const first = p.slots[0] as { alts: Alt[] };
      for (const alt of first.alts) {
        if ('number' in alt) this.numeric.push(id);
        else if (alt.prefix) push(byText, alt.text, id);
        else push(this.exact, alt.text, id);
      }
    });
    for (const [text, ids] of byText) {
      if (text.length < 2) { this.shortPrefixes.push({ text, ids }); continue; }
      const key = text.charCodeAt(0) * 65536 + text.charCodeAt(1);
      const list = this.prefixes.get(key) ?? [];
      list.push({ text, ids });
      this.prefixes.set(key, list);
    }
  }

  /** Hits in the tokens: per pattern the first non-negated match, else its first negated one. */
  run(tokens: readonly string[]): Hit[] {
    const found = new Map<number, Hit>();
    const tryAt = (ids: readonly number[] | undefined, i: number) => {
      if (!ids) return;
      for (const id of ids) {
        const prior = found.get(id);
        if (prior && !prior.negated) continue;
        const pattern = this.patterns[id]!;
        const end = matchFrom(tokens, i, pattern.slots, 0);
        if (end < 0) continue;
        const negated = pattern.negatable && this.isNegation(tokens, i, end);
        if (prior && negated) continue;
        found.set(id, { id, text: tokens.slice(i, end).filter((t) => !t.startsWith('\u0000')).join(' '), negated });
      }
    };
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (token.charCodeAt(0) === 0) continue;
      tryAt(this.exact.get(token), i);
      const prefixed = token.length >= 2 ? this.prefixes.get(token.charCodeAt(0) * 65536 + token.charCodeAt(1)) : undefined;
      if (prefixed) for (const { text, ids } of prefixed) if (token.startsWith(text)) tryAt(ids, i);
      for (const { text, ids } of this.shortPrefixes) if (token.startsWith(text)) tryAt(ids, i);
      if (this.numeric.length > 0 && /^\d+$/.test(token)) tryAt(this.numeric, i);
    }
    return [...found.values()];
  }
}

function push<K>(map: Map<K, number[]>, key: K, id: number): void {
  const list = map.get(key);
  if (list) list.push(id);
  else map.set(key, [id]);
}
