import { found, type Evidence, type PhraseHit } from './evidence.ts';
import { LEXICONS, TIER_WEIGHTS, type Tier } from './lexicon/index.ts';
import { CATEGORIES, type Category, type ClassifyInput, type Signal } from './model.ts';

/** The weight of the customer's own choice on the contact form: strong, yet beatable by clear content. */
export const FORM_WEIGHT = 4;
/** The weight of the receiving mailbox's default: enough to decide an empty message, no more. */
export const MAILBOX_WEIGHT = 2;

export type Scores = Record<Category, number>;

/** Where a lexicon phrase counts: its category, its tier weight, and its place in lexicon order. */
type Entry = { category: Category; weight: number; order: number };
let entriesByPhrase: ReadonlyMap<string, readonly Entry[]> | null = null;

/**
 * Every category lexicon phrase, with where it counts (a phrase listed in two tiers weighs as
 * the stronger one), built once: a message then costs a lookup per phrase found, not a pass
 * over every lexicon.
 */
function phraseEntries(): ReadonlyMap<string, readonly Entry[]> {
  if (entriesByPhrase) return entriesByPhrase;
  const entries = new Map<string, Entry[]>();
  let order = 0;
  for (const category of CATEGORIES) {
    const weights = new Map<string, number>();
    for (const tier of ['weak', 'medium', 'strong'] as Tier[]) for (const phrase of LEXICONS[category][tier]) weights.set(phrase, TIER_WEIGHTS[tier]);
    for (const [phrase, weight] of weights) {
      const list = entries.get(phrase) ?? [];
      list.push({ category, weight, order: order++ });
      entries.set(phrase, list);
    }
  }
  entriesByPhrase = entries;
  return entries;
}

/** Every category's score from lexicon phrases and routing hints, with the signals behind it. */
export function scoreCategories(evidence: Evidence, input: ClassifyInput): { scores: Scores; signals: Signal[] } {
  const scores = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Scores;
  const signals: Signal[] = [];
  const counted: Array<{ entry: Entry; hit: PhraseHit }> = [];
  const entries = phraseEntries();
  for (const [phrase, hit] of evidence.hits) for (const entry of entries.get(phrase) ?? []) counted.push({ entry, hit });
  // Lexicon order, as if every lexicon had been read: signals of equal weight keep their order.
  counted.sort((a, b) => a.entry.order - b.entry.order);
  for (const { entry: { category, weight }, hit } of counted) {
    if (hit.negated) {
      signals.push({ kind: 'rule', value: `negated: "${hit.text}"`, category, weight: 0 });
      continue;
    }
    scores[category] += weight * hit.factor;
    signals.push({ kind: 'phrase', value: hit.text, category, weight: weight * hit.factor });
  }
  if (input.mailboxCategory) {
    scores[input.mailboxCategory] += MAILBOX_WEIGHT;
    signals.push({ kind: 'mailbox', value: input.mailboxCategory, category: input.mailboxCategory, weight: MAILBOX_WEIGHT });
  }
  if (input.formCategory) {
    scores[input.formCategory] += FORM_WEIGHT;
    signals.push({ kind: 'form', value: input.formCategory, category: input.formCategory, weight: FORM_WEIGHT });
  }
  return { scores, signals };
}

/** Ties go to the earlier category: a security reading is never lost to an equal one. */
const TIE_ORDER: readonly Category[] = ['security', 'account', 'billing', 'sync', 'installation', 'general'];

/** The best category over its threshold that also beats general's own score; general otherwise. */
export function pickCategory(scores: Scores): { category: Category; fallback: boolean } {
  let best: Category | null = null;
  for (const c of TIE_ORDER) {
    if (c === 'general' || scores[c] < LEXICONS[c].threshold || scores[c] <= 0) continue;
    if (best === null || scores[c] > scores[best]) best = c;
  }
  if (best === null) return { category: 'general', fallback: true };
  return scores.general > scores[best] ? { category: 'general', fallback: false } : { category: best, fallback: false };
}

/** Whether a phrase list has any live hit; exported for priority and escalation rules. */
export function anyFound(evidence: Evidence, phrases: readonly string[]): string | null {
  for (const p of phrases) if (found(evidence, p)) return evidence.hits.get(p)!.text;
  return null;
}
