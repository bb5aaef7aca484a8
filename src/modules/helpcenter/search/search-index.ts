import type { Db, Tx } from '../../../store/database.ts';
import type { Locale } from '../model.ts';

/** The searchable fields of an article, in ranking order of importance. */
export const FIELDS = ['title', 'description', 'tags', 'body'] as const;
export type Field = (typeof FIELDS)[number];

/**
 * One published article as the index holds it: analyzed terms per field (stems and exact
 * codes, made in TypeScript so both dialects index identically), its surface words for the
 * spelling vocabulary, and its plain text for snippets.
 */
export type IndexDoc = {
  articleId: number;
  locale: Locale;
  slug: string;
  title: string;
  fields: Record<Field, string[]>;
  words: Set<string>;
  text: string;
};

/** A document the index matched: its terms per field (space-separated) and their counts, for re-ranking. */
export type Candidate = { articleId: number; slug: string; locale: Locale; title: string; fields: Record<Field, string>; lengths: Record<Field, number> };

/** Candidates already in memory (for the current index version), by article id. */
export type KnownCandidates = (articleId: number) => Candidate | undefined;

/** Where a group of terms may match: any field, only title/description/tags, or only the title. */
export type MatchFields = 'all' | 'meta' | 'title';

/** Terms matched in some fields; a group matches a document when any of its terms does. */
export type MatchGroup = { terms: string[]; fields: MatchFields };

/**
 * What to match: `any` — documents matching any group; `all` — documents matching every
 * group. At most `limit` candidates, best first by the engine's own rank (BM25 on SQLite,
 * cover density on PostgreSQL).
 */
export type MatchQuery = { locale: Locale; groups: MatchGroup[]; mode: 'any' | 'all'; limit: number };

/**
 * The port between the help center and a database's full-text engine: store a document
 * with the write that changed its article, forget it, and find candidates. Ranking,
 * spelling, synonyms and snippets happen above it, the same for every engine.
 */
export interface SearchIndex {
  /** Writes the document row and its match entry, replacing any previous one. */
  put(trx: Tx, doc: IndexDoc): Promise<void>;
  /** Removes an article's document and match entry, if present. */
  remove(trx: Tx, articleId: number): Promise<void>;
  /** Candidates for a query, in the engine's rank order; documents `known` returns are not read again. */
  match(db: Db, query: MatchQuery, known?: KnownCandidates): Promise<Candidate[]>;
}

/** A term as both engines accept it: the analyzer only emits letters, digits and underscores. */
export function safeTerm(term: string): string | null {
  return /^[\p{L}\p{N}_]+$/u.test(term) ? term : null;
}

/** Groups with only index-safe terms, duplicates removed, empty groups dropped. */
export function cleanGroups(groups: MatchGroup[]): MatchGroup[] {
  return groups
    .map((g) => ({ fields: g.fields, terms: [...new Set(g.terms.map(safeTerm).filter((t): t is string => t !== null))] }))
    .filter((g) => g.terms.length > 0);
}
