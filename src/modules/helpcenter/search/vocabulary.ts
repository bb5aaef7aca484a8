import type { Db } from '../../../store/database.ts';
import type { Locale } from '../model.ts';
import { analyze } from './analyze.ts';
import { editDistance } from './edit-distance.ts';
import { FIELDS, type Candidate, type Field } from './search-index.ts';
import { kindCode } from './vocabulary-store.ts';

/** An admin synonym as the query parser applies it: this term sequence may also be searched as each of those. */
export type SynonymRule = { from: string[]; to: string[][] };

/** A spelling suggestion for an unknown word: a known word, how far it is, how many articles use it. */
export type Correction = { word: string; distance: number; df: number };

/**
 * A locale's index statistics in memory: document frequencies of index terms (for IDF) and
 * of surface words (for spelling and prefixes), average field lengths, and synonym rules.
 * Reloaded whenever the locale's version in helpcenter_search_stats moves, on any node.
 */
export class Vocabulary {
  readonly stemDf = new Map<string, number>();
  readonly titleDf = new Map<string, number>();
  readonly metaDf = new Map<string, number>();
  readonly wordDf = new Map<string, number>();
  private readonly sortedWords: string[];
  private readonly byLength = new Map<number, string[]>();
  private readonly corrections = new Map<string, Correction[]>();
  private readonly candidates = new Map<number, Candidate>();

  constructor(
    readonly locale: Locale,
    readonly version: number,
    readonly docs: number,
    readonly avgLength: Record<Field, number>,
    rows: Array<{ kind: string; term: string; df: number }>,
    readonly synonyms: SynonymRule[],
  ) {
    const maps: Record<string, Map<string, number>> = { [kindCode('stem')]: this.stemDf, [kindCode('title')]: this.titleDf, [kindCode('meta')]: this.metaDf, [kindCode('word')]: this.wordDf };
    for (const { kind, term, df } of rows) maps[kind]?.set(term, Number(df));
    this.sortedWords = [...this.wordDf.keys()].sort();
    for (const word of this.sortedWords) {
      const list = this.byLength.get(word.length) ?? [];
      list.push(word);
      this.byLength.set(word.length, list);
    }
  }

  /**
   * Inverse document frequency of an index term in a field (BM25's, never negative): titles
   * are counted among titles, descriptions and tags among those, the body among whole articles,
   * so a term every body mentions still tells titles apart.
   */
  idf(term: string, field: Field = 'body'): number {
    const map = field === 'title' ? this.titleDf : field === 'body' ? this.stemDf : this.metaDf;
    const df = map.get(term) ?? 0;
    return Math.log(1 + (this.docs - df + 0.5) / (df + 0.5));
  }

  /** Known words starting with a prefix, most used first. */
  wordsWithPrefix(prefix: string, limit: number): string[] {
    let lo = 0;
    let hi = this.sortedWords.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sortedWords[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const found: string[] = [];
    for (let i = lo; i < this.sortedWords.length && found.length < 5000 && this.sortedWords[i]!.startsWith(prefix); i++) found.push(this.sortedWords[i]!);
    return found.sort((a, b) => this.wordDf.get(b)! - this.wordDf.get(a)! || a.length - b.length).slice(0, limit);
  }

  /** A matched document read earlier at this index version (documents change only with the version), or undefined. */
  candidate(articleId: number): Candidate | undefined {
    return this.candidates.get(articleId);
  }

  /** Keeps matched documents for later searches, the oldest dropped past 5,000. */
  keepCandidates(found: readonly Candidate[]): void {
    for (const c of found) {
      if (this.candidates.has(c.articleId)) continue;
      this.candidates.set(c.articleId, c);
      if (this.candidates.size > 5000) this.candidates.delete(this.candidates.keys().next().value!);
    }
  }

  /**
   * Known words within edit distance 1 (words of 3+ letters) or 2 (5+ letters) of an unknown
   * word: the closest ones, those sharing the first letter first, then the most used.
   */
  correct(word: string): Correction[] {
    const cached = this.corrections.get(word);
    if (cached) return cached;
    const max = word.length >= 5 ? 2 : word.length >= 3 ? 1 : 0;
    let found: Correction[] = [];
    for (let length = word.length - max; max > 0 && length <= word.length + max; length++) {
      for (const candidate of this.byLength.get(length) ?? []) {
        const distance = editDistance(word, candidate, max);
        if (distance <= max) found.push({ word: candidate, distance, df: this.wordDf.get(candidate)! });
      }
    }
    const best = Math.min(...found.map((c) => c.distance));
    found = found
      .filter((c) => c.distance === best)
      .sort((a, b) => Number(b.word[0] === word[0]) - Number(a.word[0] === word[0]) || b.df - a.df)
      .slice(0, 3);
    if (this.corrections.size > 10_000) this.corrections.clear();
    this.corrections.set(word, found);
    return found;
  }
}

const caches = new WeakMap<Db, Map<Locale, Vocabulary>>();
const loading = new WeakMap<Db, Map<Locale, Promise<Vocabulary>>>();

async function load(db: Db, locale: Locale, stats: StatsRow | undefined): Promise<Vocabulary> {
  const [rows, synonymRows] = await Promise.all([
    db.selectFrom('helpcenter_vocabulary').select(['kind', 'term', 'df']).where('locale', '=', locale).execute(),
    db.selectFrom('helpcenter_synonyms').select(['phrase', 'expansions']).where('locale', '=', locale).execute(),
  ]);
  const docs = Number(stats?.docs ?? 0);
  const sums: Record<Field, number> = { title: Number(stats?.title_length ?? 0), description: Number(stats?.description_length ?? 0), tags: Number(stats?.tag_length ?? 0), body: Number(stats?.body_length ?? 0) };
  const avgLength = Object.fromEntries(FIELDS.map((f) => [f, docs > 0 ? Math.max(sums[f] / docs, 1) : 1])) as Record<Field, number>;
  const synonyms = synonymRows
    .map((r) => ({ from: analyze(r.phrase, locale).map((t) => t.term), to: (JSON.parse(r.expansions) as string[]).map((e) => analyze(e, locale).map((t) => t.term)).filter((t) => t.length > 0) }))
    .filter((r) => r.from.length > 0 && r.to.length > 0);
  return new Vocabulary(locale, Number(stats?.version ?? 0), docs, avgLength, rows, synonyms);
}

type StatsRow = { docs: number; title_length: number; description_length: number; tag_length: number; body_length: number; version: number };

/** The current vocabulary of a locale: one small version query per call, a reload only when it moved. */
export async function vocabularyFor(db: Db, locale: Locale): Promise<Vocabulary> {
  const stats = await db
    .selectFrom('helpcenter_search_stats')
    .select(['docs', 'title_length', 'description_length', 'tag_length', 'body_length', 'version'])
    .where('locale', '=', locale)
    .executeTakeFirst();
  const version = Number(stats?.version ?? 0);
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map<Locale, Vocabulary>()));
  const cached = cache.get(locale);
  if (cached && cached.version === version) return cached;
  let pending = loading.get(db);
  if (!pending) loading.set(db, (pending = new Map<Locale, Promise<Vocabulary>>()));
  const inFlight = pending.get(locale);
  if (inFlight) return inFlight;
  const promise = load(db, locale, stats).finally(() => pending.delete(locale));
  pending.set(locale, promise);
  const vocabulary = await promise;
  cache.set(locale, vocabulary);
  return vocabulary;
}
