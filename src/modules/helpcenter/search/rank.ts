import type { ParsedQuery } from './query.ts';
import { FIELDS, type Candidate, type Field } from './search-index.ts';
import type { Vocabulary } from './vocabulary.ts';

/**
 * BM25F parameters and the boosts on top of it. Field weights put the title above tags and
 * description, and those above the body; `b` is how much a long field dilutes its matches.
 */
export type RankParams = {
  k1: number;
  weights: Record<Field, number>;
  b: Record<Field, number>;
  /** Share of the score that depends on matching every concept: × (1 − c + c · matched/total). */
  coordination: number;
  /** Per field, the bonus for query concepts all found in that one field: × (1 + max over fields of c_f · (found in f / total)²). */
  together: Record<Field, number>;
  /** How much a term's match in its other fields adds to its best field (1: sum of fields, 0: best field only). */
  tieBreaker: number;
  /** Multiplier for concepts that are exact identifiers (error codes, versions): an exact code is a strong intent. */
  exact: number;
  /** Bonus for neighbouring query concepts found next to each other: × (1 + p · adjacent pairs / pairs). */
  proximity: number;
};

export const DEFAULT_RANKING: RankParams = {
  k1: 1.2,
  weights: { title: 1.5, description: 1, tags: 1, body: 1 },
  b: { title: 0.4, description: 0.5, tags: 0.3, body: 0.75 },
  coordination: 0.6,
  together: { title: 0.5, description: 0.3, tags: 0.3, body: 0 },
  tieBreaker: 0.5,
  exact: 2,
  proximity: 0.4,
};

/** A candidate with its score (higher is better) and the query terms it contains (for highlighting). */
export type Ranked = { candidate: Candidate; score: number; matched: string[] };

/** Where each query term occurs in each field, as character offsets into the field's term list. */
type Hits = Record<Field, Map<string, number[]>>;

/** Offsets of each whole-term occurrence of `terms` in a space-separated term list (indexOf scans, no per-match allocation). */
function occurrences(text: string, terms: readonly string[]): Map<string, number[]> {
  const found = new Map<string, number[]>();
  for (const term of terms) {
    let list: number[] | undefined;
    for (let at = text.indexOf(term); at !== -1; at = text.indexOf(term, at + term.length)) {
      const end = at + term.length;
      if ((at === 0 || text.charCodeAt(at - 1) === 32) && (end === text.length || text.charCodeAt(end) === 32)) (list ??= []).push(at);
    }
    if (list) found.set(term, list);
  }
  return found;
}

function collectHits(candidate: Candidate, terms: readonly string[]): Hits {
  return {
    title: occurrences(candidate.fields.title, terms),
    description: occurrences(candidate.fields.description, terms),
    tags: occurrences(candidate.fields.tags, terms),
    body: occurrences(candidate.fields.body, terms),
  };
}

/** Whether term b follows term a, directly or with one short term between (offsets in characters). */
function nextTo(a: string, at: number[] | undefined, bt: number[] | undefined): boolean {
  if (!at || !bt) return false;
  return at.some((p) => bt.some((q) => q > p + a.length && q - (p + a.length) <= 10));
}

/** Scores one candidate: BM25 per field and term, best reading per concept, then coverage, same-field and proximity boosts. */
function score(candidate: Candidate, query: ParsedQuery, vocabulary: Vocabulary, p: RankParams): Ranked {
  const hits = collectHits(candidate, query.terms);
  const found = [...new Set(FIELDS.flatMap((f) => [...hits[f].keys()]))];
  const lengths = candidate.lengths;
  const memo = new Map<string, number>();
  const termScore = (term: string): number => {
    let s = memo.get(term);
    if (s !== undefined) return s;
    let sum = 0;
    let max = 0;
    for (const f of FIELDS) {
      const n = hits[f].get(term)?.length ?? 0;
      if (n === 0) continue;
      const tf = n / (1 - p.b[f] + (p.b[f] * lengths[f]) / vocabulary.avgLength[f]);
      const field = (p.weights[f] * vocabulary.idf(term, f) * tf * (p.k1 + 1)) / (p.k1 + tf);
      sum += field;
      if (field > max) max = field;
    }
    s = max + p.tieBreaker * (sum - max);
    memo.set(term, s);
    return s;
  };
  let total = 0;
  let matched = 0;
  const together: Record<Field, number> = { title: 0, description: 0, tags: 0, body: 0 };
  const chosen: string[][] = [];
  for (const concept of query.concepts) {
    let best = 0;
    let bestTerms: string[] = [];
    for (const alt of concept.alternatives) {
      let sum = 0;
      const terms: string[] = [];
      for (const slot of alt.slots) {
        let top = 0;
        let topTerm = '';
        for (const o of slot) {
          const s = o.weight * termScore(o.term);
          if (s > top) [top, topTerm] = [s, o.term];
        }
        sum += top;
        if (top > 0) terms.push(topTerm);
      }
      const value = (alt.weight * sum * concept.span) / alt.slots.length;
      if (value > best) [best, bestTerms] = [value, terms];
    }
    total += concept.exact ? best * p.exact : best;
    chosen.push(bestTerms);
    if (best > 0) matched++;
    for (const f of FIELDS) if (bestTerms.some((t) => hits[f].has(t))) together[f]++;
  }
  const n = query.concepts.length;
  if (total === 0 || n === 0) return { candidate, score: 0, matched: found };
  let adjacent = 0;
  for (let i = 0; i + 1 < n; i++) {
    const a = chosen[i]!.at(-1);
    const b = chosen[i + 1]![0];
    if (a && b && FIELDS.some((f) => nextTo(a, hits[f].get(a), hits[f].get(b)))) adjacent++;
  }
  const coverage = 1 - p.coordination + (p.coordination * matched) / n;
  const fields = 1 + Math.max(...FIELDS.map((f) => p.together[f] * (together[f] / n) ** 2));
  const proximity = n > 1 ? 1 + (p.proximity * adjacent) / (n - 1) : 1;
  return { candidate, score: total * coverage * fields * proximity, matched: found };
}

/** Candidates re-ranked by our scoring, best first (ties: older article first, the same on every engine); zero scores dropped. */
export function rankCandidates(candidates: Candidate[], query: ParsedQuery, vocabulary: Vocabulary, params: RankParams = DEFAULT_RANKING): Ranked[] {
  return candidates
    .map((candidate) => score(candidate, query, vocabulary, params))
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score || a.candidate.articleId - b.candidate.articleId);
}
