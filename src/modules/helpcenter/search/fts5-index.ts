import { sql, type RawBuilder } from 'kysely';
import type { Locale } from '../model.ts';
import { candidatesOf, docRow } from './doc-row.ts';
import { cleanGroups, type Candidate, type MatchGroup, type MatchQuery, type SearchIndex } from './search-index.ts';

// bm25() column weights: title, description, tags (and body in the full table).
const RANK_ALL = sql.raw('bm25(helpcenter_fts, 10.0, 4.0, 4.0, 1.0)');
const RANK_META = sql.raw('bm25(helpcenter_fts_meta, 10.0, 4.0, 4.0)');

/** An index term as the FTS5 tables hold it: prefixed with its locale, so a MATCH never needs a locale filter. */
export function ftsTerm(locale: Locale, term: string): string {
  return `${locale}_${term}`;
}

const localeTerms = (locale: Locale, terms: string[]): string => terms.map((t) => ftsTerm(locale, t)).join(' ');

/** One table's MATCH expression: each group's terms OR-ed (title groups within the title column), groups joined by the mode. */
function expression(locale: Locale, groups: MatchGroup[], mode: MatchQuery['mode']): string {
  return groups
    .map((g) => `${g.fields === 'title' ? 'title : ' : ''}(${g.terms.map((t) => `"${ftsTerm(locale, t)}"`).join(' OR ')})`)
    .join(mode === 'any' ? ' OR ' : ' AND ');
}

/**
 * The FTS5 MATCH expressions of a query: groups over all fields search `helpcenter_fts`,
 * groups over titles, descriptions and tags (or titles alone) search the small `helpcenter_fts_meta`.
 */
export function fts5Expressions(query: MatchQuery): { all: string | null; meta: string | null } | null {
  const groups = cleanGroups(query.groups);
  if (groups.length === 0) return null;
  const all = groups.filter((g) => g.fields === 'all');
  const meta = groups.filter((g) => g.fields !== 'all');
  return { all: all.length ? expression(query.locale, all, query.mode) : null, meta: meta.length ? expression(query.locale, meta, query.mode) : null };
}

/** Matching rowids with their bm25 rank (lower is better): one table's, or both combined (any: either matches, ranks added; all: both match). */
function matches(e: { all: string | null; meta: string | null }, mode: MatchQuery['mode']): RawBuilder<unknown> {
  const all = e.all ? sql`select rowid as id, ${RANK_ALL} as rank from helpcenter_fts where helpcenter_fts match ${e.all}` : null;
  const meta = e.meta ? sql`select rowid as id, ${RANK_META} as rank from helpcenter_fts_meta where helpcenter_fts_meta match ${e.meta}` : null;
  if (all && meta) {
    return mode === 'any'
      ? sql`select id, sum(rank) as rank from (${all} union all ${meta}) group by id`
      : sql`select a.id, a.rank + m.rank as rank from (${all}) a join (${meta}) m on m.id = a.id`;
  }
  return (all ?? meta)!;
}

/**
 * SQLite: two contentless FTS5 tables whose rowid is the article id, fed the analyzer's terms
 * prefixed with the locale (unicode61 with '_' as a token character, so codes and versions
 * stay whole): every field in `helpcenter_fts`, titles, descriptions and tags again in
 * `helpcenter_fts_meta`, whose short posting lists serve words too common to look up in bodies.
 */
export const fts5Index: SearchIndex = {
  async put(trx, doc) {
    const row = docRow(doc);
    await trx
      .insertInto('helpcenter_search_docs')
      .values(row)
      .onConflict((oc) => oc.column('article_id').doUpdateSet((eb) => ({
        locale: eb.ref('excluded.locale'), slug: eb.ref('excluded.slug'), title: eb.ref('excluded.title'), title_terms: eb.ref('excluded.title_terms'),
        description_terms: eb.ref('excluded.description_terms'), tag_terms: eb.ref('excluded.tag_terms'), body_terms: eb.ref('excluded.body_terms'),
        lengths: eb.ref('excluded.lengths'), words: eb.ref('excluded.words'), text: eb.ref('excluded.text'),
      })))
      .execute();
    const [title, description, tags, body] = [doc.fields.title, doc.fields.description, doc.fields.tags, doc.fields.body].map((terms) => localeTerms(doc.locale, terms));
    await sql`delete from helpcenter_fts where rowid = ${doc.articleId}`.execute(trx);
    await sql`delete from helpcenter_fts_meta where rowid = ${doc.articleId}`.execute(trx);
    await sql`insert into helpcenter_fts (rowid, title, description, tags, body) values (${doc.articleId}, ${title}, ${description}, ${tags}, ${body})`.execute(trx);
    await sql`insert into helpcenter_fts_meta (rowid, title, description, tags) values (${doc.articleId}, ${title}, ${description}, ${tags})`.execute(trx);
  },

  async remove(trx, articleId) {
    await sql`delete from helpcenter_fts where rowid = ${articleId}`.execute(trx);
    await sql`delete from helpcenter_fts_meta where rowid = ${articleId}`.execute(trx);
    await trx.deleteFrom('helpcenter_search_docs').where('article_id', '=', articleId).execute();
  },

  async match(db, query, known): Promise<Candidate[]> {
    const e = fts5Expressions(query);
    if (!e) return [];
    const { rows } = await sql<{ id: number }>`select id from (${matches(e, query.mode)}) order by rank, id limit ${query.limit}`.execute(db);
    return candidatesOf(db, rows.map((r) => Number(r.id)), known);
  },
};
