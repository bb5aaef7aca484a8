/**
 * The baseline the relevance harness compares against: each engine's plain full text over the
 * raw article text, no analysis of ours. SQLite: FTS5 (unicode61) bm25() over title,
 * description, tags and body with default weights; PostgreSQL: to_tsvector('english') with
 * ts_rank_cd. Both take the query's words OR-ed (AND finds nothing for most questions).
 */
import { sql } from 'kysely';
import type { Store } from '../src/store/database.ts';
import { listArticles } from '../src/modules/helpcenter/index.ts';

/** Builds the baseline table from every published article of a locale. */
export async function buildBaseline(store: Store, locale: string): Promise<void> {
  const articles = (await listArticles(store.db, { status: 'published', limit: 100_000 })).filter((a) => a.locale === locale);
  if (store.dialect === 'sqlite') {
    await sql`create virtual table baseline_fts using fts5(slug unindexed, title, description, tags, body)`.execute(store.db);
    for (const a of articles) await sql`insert into baseline_fts (slug, title, description, tags, body) values (${a.slug}, ${a.title}, ${a.description}, ${a.tags.join(' ')}, ${a.body})`.execute(store.db);
  } else {
    await sql`create table baseline_docs (slug text primary key, tsv tsvector not null)`.execute(store.db);
    for (const a of articles) {
      await sql`insert into baseline_docs values (${a.slug}, to_tsvector('english', ${[a.title, a.description, a.tags.join(' '), a.body].join(' ')}))`.execute(store.db);
    }
  }
}

const words = (q: string): string[] => [...new Set(q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])];

/** The baseline's top slugs for a query. */
export async function baselineSearch(store: Store, q: string, limit = 10): Promise<string[]> {
  const terms = words(q);
  if (terms.length === 0) return [];
  if (store.dialect === 'sqlite') {
    const match = terms.map((t) => `"${t}"`).join(' OR ');
    const { rows } = await sql<{ slug: string }>`select slug from baseline_fts where baseline_fts match ${match} order by bm25(baseline_fts) limit ${limit}`.execute(store.db);
    return rows.map((r) => r.slug);
  }
  const { rows } = await sql<{ slug: string }>`
    select slug from baseline_docs, to_tsquery('english', ${terms.join(' | ')}) q
    where tsv @@ q order by ts_rank_cd(tsv, q) desc, slug limit ${limit}`.execute(store.db);
  return rows.map((r) => r.slug);
}
