import { BRAND, CANONICAL, ESCALATIONS, HEDGES, HYPOTHETICAL, LEXICONS, NEGATORS, SCOPE_BREAKS, URGENCY } from './lexicon/index.ts';
import type { ClassifyInput } from './model.ts';
import { CanonicalForms, foldText, stripQuoted, tokenize } from './normalize.ts';
import { CLAUSE, compilePattern, patternWords, PhraseMatcher, SENTENCE, type Pattern } from './pattern.ts';
import { SpellingCorrector } from './spelling.ts';
import { allMatches } from '../redaction/scan.ts';

/** How much more a phrase in the subject counts than the same phrase in the body. */
export const SUBJECT_FACTOR = 2;

/** A lexicon phrase found in the message: the words, whether negated, and its zone factor. */
export type PhraseHit = { text: string; negated: boolean; factor: number };

/** What the message says, in lexicon terms; keyed by the phrase as written in the lexicon. */
export type Evidence = {
  hits: ReadonlyMap<string, PhraseHit>;
  /** Domains that imitate the brand ("vaultly-secure-login.com", "vaultiy.com"). */
  lookalikeDomains: string[];
  wordCount: number;
};

type Engine = { patterns: Pattern[]; matcher: PhraseMatcher; speller: SpellingCorrector; canonical: CanonicalForms };
let engine: Engine | null = null;

function allPhrases(): string[] {
  const phrases = new Set<string>(URGENCY);
  for (const lex of Object.values(LEXICONS)) {
    for (const list of [lex.strong, lex.medium, lex.weak, ...Object.values(lex.priority)]) list.forEach((p) => phrases.add(p));
  }
  for (const rule of ESCALATIONS) {
    rule.phrases.forEach((p) => phrases.add(p));
    rule.together.flat(2).forEach((p) => phrases.add(p));
  }
  HYPOTHETICAL.forEach((p) => phrases.add(p));
  return [...phrases];
}

function isNegated(tokens: readonly string[], start: number, end: number): boolean {
  const negates = (j: number) => NEGATORS.has(tokens[j]!) && !HEDGES.has(tokens[j + 1] ?? '');
  for (let j = start - 1; j >= 0 && j >= start - 4; j--) {
    const t = tokens[j]!;
    if (t === SENTENCE || t === CLAUSE || SCOPE_BREAKS.has(t)) break;
    if (negates(j)) return true;
  }
  for (let j = start; j < end; j++) if (negates(j)) return true;
  return false;
}

function getEngine(): Engine {
  if (engine) return engine;
  const patterns = allPhrases().map(compilePattern);
  const vocabulary = patterns.flatMap(patternWords);
  for (const [from, to] of Object.entries(CANONICAL)) {
    for (const w of [...from.split(' '), ...to.split(' ')]) vocabulary.push({ text: w, prefix: false });
  }
  engine = {
    patterns,
    matcher: new PhraseMatcher(patterns, isNegated),
    speller: new SpellingCorrector(vocabulary),
    canonical: new CanonicalForms(CANONICAL),
  };
  return engine;
}

/** The message as tokens: folded, quoted lines dropped, typos repaired, translated to canonical words. */
export function messageTokens(text: string): string[] {
  return foldedTokens(foldText(text));
}

function foldedTokens(folded: string): string[] {
  const { speller, canonical } = getEngine();
  const tokens = tokenize(stripQuoted(folded));
  for (let i = 0; i < tokens.length; i++) tokens[i] = speller.correct(tokens[i]!);
  return canonical.apply(tokens);
}

/** Names that look like domains but are files ("Vaultly.app", "vaultly-core.dll"). */
const FILE_ENDINGS = /\.(app|exe|dll|dmg|msi|deb|rpm|apk|pkg|zip|log|txt|json|plist|so|sh|js)$/;

const CONFUSABLE: Record<string, string> = { l: '[l1i|]', i: '[i1l|]', o: '[o0]', a: '[a4@]', e: '[e3]', s: '[s5]' };
const BRAND_LIKE = new RegExp(BRAND.names.map((n) => [...n].map((c) => CONFUSABLE[c] ?? c).join('')).join('|'), 'g');
const DOMAIN_CHAR = /[a-z0-9.-]/;

/** Domains that carry the brand's name (or a lookalike of it) but are not the brand's own. */
function lookalikeDomains(folded: string): string[] {
  const found = new Set<string>();
  for (const m of allMatches(BRAND_LIKE, folded)) {
    let from = m.index;
    let to = m.index + m[0].length;
    while (from > 0 && DOMAIN_CHAR.test(folded[from - 1]!)) from--;
    while (to < folded.length && DOMAIN_CHAR.test(folded[to]!)) to++;
    const domain = folded.slice(from, to).replace(/^[-.]+|[-.]+$/g, '');
    if (!/\.[a-z]{2,}$/.test(domain) || FILE_ENDINGS.test(domain)) continue;
    if (!BRAND.domains.some((own) => domain === own || domain.endsWith(`.${own}`))) found.add(domain);
  }
  return [...found];
}

/** Reads subject and body once and reports every lexicon phrase found, for all later decisions. */
export function readEvidence(input: ClassifyInput): Evidence {
  const { patterns, matcher } = getEngine();
  const hits = new Map<string, PhraseHit>();
  let wordCount = 0;
  const domains: string[] = [];
  const zones: [string, number][] = [[input.subject ?? '', SUBJECT_FACTOR], [input.text, 1]];
  for (const [text, factor] of zones) {
    if (!text) continue;
    const folded = foldText(text);
    domains.push(...lookalikeDomains(folded));
    const tokens = foldedTokens(folded);
    wordCount += tokens.filter((t) => !t.startsWith('\u0000')).length;
    for (const hit of matcher.run(tokens)) {
      const source = patterns[hit.id]!.source;
      const prior = hits.get(source);
      const better = !prior || (prior.negated && !hit.negated) || (prior.negated === hit.negated && factor > prior.factor);
      if (better) hits.set(source, { text: hit.text, negated: hit.negated, factor });
    }
  }
  return { hits, lookalikeDomains: [...new Set(domains)], wordCount };
}

/** Whether a phrase was found and not negated. */
export function found(evidence: Evidence, phrase: string): boolean {
  const hit = evidence.hits.get(phrase);
  return hit !== undefined && !hit.negated;
}
