import type { Db } from '../../../store/database.ts';
import { DEFAULT_LOCALE, type Locale } from '../model.ts';
import { dialectOf, searchIndexFor } from './engines.ts';
import type { MatchGroup } from './search-index.ts';
import { parseQuery, type ParsedQuery } from './query.ts';
import { DEFAULT_RANKING, rankCandidates, type RankParams, type Ranked } from './rank.ts';
import { remember } from './result-cache.ts';
import { makeSnippet } from './snippet.ts';
import { vocabularyFor, type Vocabulary } from './vocabulary.ts';

/**
 * A search as the public asks it; `completing` treats the last word as still being typed.
 * Results are cached per index version unless `cache` is false or a custom `ranking` is given.
 */
export type SearchQuery = { q: string; locale?: Locale; limit?: number; completing?: boolean; ranking?: RankParams; cache?: boolean };

/** One result: the article, an HTML-safe snippet with <mark>ed matches, and its score (higher is better). */
export type SearchHit = { articleId: number; slug: string; locale: Locale; title: string; snippet: string; score: number };

/** One type-ahead suggestion: a title to complete to. */
export type Suggestion = { articleId: number; slug: string; locale: Locale; title: string };

export const MAX_QUERY_CHARS = 200;
const CANDIDATES = 50;
/** About how many postings the engine may score per query before the commonest terms are left to re-ranking only. */
const MATCH_BUDGET = 1000;

type LocaleResult = { locale: Locale; parsed: ParsedQuery; ranked: Ranked[] };

/** The locales a reader of `locale` searches: theirs, then English for articles not translated. */
function searchLocales(locale: Locale): Locale[] {
  return locale === DEFAULT_LOCALE ? [DEFAULT_LOCALE] : [locale, DEFAULT_LOCALE];
}

/** Drops English fallbacks whose slug is published in the reader's own locale. */
async function withoutTranslated(db: Db, locale: Locale, results: LocaleResult[]): Promise<void> {
  const fallback = results.find((r) => r.locale !== locale);
  if (!fallback || fallback.ranked.length === 0) return;
  const slugs = fallback.ranked.map((r) => r.candidate.slug);
  const rows = await db.selectFrom('helpcenter_search_docs').select('slug').where('locale', '=', locale).where('slug', 'in', slugs).execute();
  const translated = new Set(rows.map((r) => r.slug));
  fallback.ranked = fallback.ranked.filter((r) => !translated.has(r.candidate.slug));
}

/**
 * How the engine finds candidates within a budget of postings to score: rare terms match in
 * any field; a term too common for that matches only in titles, descriptions and tags (a word
 * in most bodies only tells articles apart where it is a topic); the commonest are left to
 * re-ranking alone. The rarest term that occurs at all always takes part; terms no article
 * contains (typos as typed, next to their corrections) are not looked up.
 */
export function retrievalGroups(terms: string[], vocabulary: Vocabulary): MatchGroup[] {
  const all: string[] = [];
  const meta: string[] = [];
  let budget = MATCH_BUDGET;
  const ranked = terms
    .map((term) => ({ term, df: vocabulary.stemDf.get(term) ?? 0, metaDf: (vocabulary.titleDf.get(term) ?? 0) + (vocabulary.metaDf.get(term) ?? 0) }))
    .sort((a, b) => a.df - b.df);
  let found = 0;
  for (const t of ranked) {
    if (t.df === 0) continue; // in no article of the locale: nothing to match
    const first = found === 0;
    if (t.df <= budget || (first && t.metaDf === 0)) {
      all.push(t.term);
      budget -= t.df;
      found += t.df;
    } else if (t.metaDf > 0 && (t.metaDf <= budget || first)) {
      meta.push(t.term);
      budget -= t.metaDf;
      found += t.metaDf;
    }
  }
  const groups: MatchGroup[] = [];
  if (all.length > 0) groups.push({ terms: all, fields: 'all' });
  if (meta.length > 0) groups.push({ terms: meta, fields: 'meta' });
  return groups;
}

async function run(db: Db, query: SearchQuery, titleOnly: boolean, vocabularies: Vocabulary[]): Promise<LocaleResult[]> {
  const q = query.q.slice(0, MAX_QUERY_CHARS);
  const locale = query.locale ?? DEFAULT_LOCALE;
  const index = searchIndexFor(dialectOf(db));
  const results: LocaleResult[] = [];
  for (const vocabulary of vocabularies) {
    const l = vocabulary.locale;
    if (vocabulary.docs === 0) continue;
    const parsed = parseQuery(q, l, vocabulary, query.completing ?? false);
    if (parsed.concepts.length === 0) continue;
    const groups = titleOnly
      ? parsed.concepts.map((c) => ({ terms: c.alternatives.flatMap((a) => a.slots.flat().map((o) => o.term)), fields: 'title' as const }))
      : retrievalGroups(parsed.terms, vocabulary);
    const candidates = await index.match(db, { locale: l, groups, mode: titleOnly ? 'all' : 'any', limit: CANDIDATES }, (id) => vocabulary.candidate(id));
    vocabulary.keepCandidates(candidates);
    results.push({ locale: l, parsed, ranked: rankCandidates(candidates, parsed, vocabulary, query.ranking ?? DEFAULT_RANKING) });
  }
  await withoutTranslated(db, locale, results);
  return results;
}

function merged(results: LocaleResult[], limit: number): Ranked[] {
  return results
    .flatMap((r) => r.ranked)
    .sort((a, b) => b.score - a.score || a.candidate.articleId - b.candidate.articleId)
    .slice(0, limit);
}

/**
 * Searches published articles: the reader's locale plus untranslated English ones, ranked
 * by BM25F over title, description, tags and body with typo, synonym and prefix readings,
 * best first, each with a highlighted snippet.
 */
export async function searchArticles(db: Db, query: SearchQuery): Promise<SearchHit[]> {
  const limit = Math.min(Math.max(query.limit ?? 10, 1), 50);
  const { vocabularies, key } = await prepare(db, query, `search:${limit}:${query.completing ? 1 : 0}`);
  const hits = await remember(db, key, () => search(db, query, vocabularies, limit));
  return hits.map((h) => ({ ...h }));
}

/** The vocabularies a query searches, and its cache key (null: not cached). */
async function prepare(db: Db, query: SearchQuery, kind: string): Promise<{ vocabularies: Vocabulary[]; key: string | null }> {
  const locale = query.locale ?? DEFAULT_LOCALE;
  const vocabularies = await Promise.all(searchLocales(locale).map((l) => vocabularyFor(db, l)));
  const cacheable = query.cache !== false && !query.ranking;
  return { vocabularies, key: cacheable ? `${kind}:${locale}:${vocabularies.map((v) => v.version).join('.')}:${query.q.slice(0, MAX_QUERY_CHARS)}` : null };
}

async function search(db: Db, query: SearchQuery, vocabularies: Vocabulary[], limit: number): Promise<SearchHit[]> {
  const top = merged(await run(db, query, false, vocabularies), limit);
  if (top.length === 0) return [];
  const rows = await db.selectFrom('helpcenter_search_docs').select(['article_id', 'text']).where('article_id', 'in', top.map((t) => t.candidate.articleId)).execute();
  const texts = new Map(rows.map((r) => [Number(r.article_id), r.text]));
  return top.map(({ candidate: c, score, matched }) => ({
    articleId: c.articleId,
    slug: c.slug,
    locale: c.locale,
    title: c.title,
    snippet: makeSnippet(texts.get(c.articleId) ?? '', c.locale, new Set(matched)),
    score: Math.round(score * 1000) / 1000,
  }));
}

/** Type-ahead: published titles containing every typed word, the last one as a prefix. */
export async function suggestArticles(db: Db, query: { q: string; locale?: Locale; limit?: number; cache?: boolean }): Promise<Suggestion[]> {
  const limit = Math.min(Math.max(query.limit ?? 8, 1), 20);
  const { vocabularies, key } = await prepare(db, query, `suggest:${limit}`);
  const found = await remember(db, key, async () => {
    const top = merged(await run(db, { ...query, completing: true }, true, vocabularies), limit);
    return top.map(({ candidate: c }) => ({ articleId: c.articleId, slug: c.slug, locale: c.locale, title: c.title }));
  });
  return found.map((s) => ({ ...s }));
}
