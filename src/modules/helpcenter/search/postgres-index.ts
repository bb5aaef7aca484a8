import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { candidatesOf, docRow } from './doc-row.ts';
import { cleanGroups, FIELDS, type Candidate, type Field, type IndexDoc, type MatchGroup, type MatchQuery, type SearchIndex } from './search-index.ts';

const WEIGHT: Record<Field, string> = { title: 'A', description: 'B', tags: 'B', body: 'C' };
const MAX_POSITION = 16_383;
const MAX_POSITIONS_PER_TERM = 255;

/**
 * The document as a tsvector literal built from the analyzer's terms, so PostgreSQL's own
 * parser and dictionaries never see the text: title weight A, description and tags B, body C.
 */
export function tsvectorLiteral(doc: IndexDoc, fields: readonly Field[] = FIELDS): string {
  const positions = new Map<string, string[]>();
  let position = 0;
  for (const field of fields) {
    for (const term of doc.fields[field]) {
      position = Math.min(position + 1, MAX_POSITION);
      const list = positions.get(term) ?? [];
      if (list.length < MAX_POSITIONS_PER_TERM) list.push(`${position}${WEIGHT[field]}`);
      positions.set(term, list);
    }
    position = Math.min(position + 10, MAX_POSITION);
  }
  return [...positions].map(([term, list]) => `'${term.replace(/['\\]/g, '\\$&')}':${list.join(',')}`).join(' ');
}

const META_FIELDS: readonly Field[] = ['title', 'description', 'tags'];

/** A tsquery literal for groups: each group's terms OR-ed (title-only terms carry weight A), groups joined by `join`. */
function tsquery(groups: MatchGroup[], join: ' | ' | ' & '): string {
  return groups.map((g) => `(${g.terms.map((t) => `'${t}'${g.fields === 'title' ? ':A' : ''}`).join(' | ')})`).join(join);
}

/**
 * The WHERE condition and the ranking query of a match. Groups over all fields test `tsv`;
 * groups over titles, descriptions and tags test `tsv_meta`, whose own GIN index finds them
 * without reading the (large) full vectors of every article that merely mentions the word.
 */
export function tsMatch(query: MatchQuery): { where: RawBuilder<SqlBool>; rank: string; vector: 'tsv' | 'tsv_meta' } | null {
  const groups = cleanGroups(query.groups);
  if (groups.length === 0) return null;
  const join = query.mode === 'any' ? ' | ' : ' & ';
  const all = groups.filter((g) => g.fields === 'all');
  const meta = groups.filter((g) => g.fields !== 'all');
  const conditions = [
    ...(all.length ? [sql<SqlBool>`d.tsv @@ cast(${tsquery(all, join)} as tsquery)`] : []),
    ...(meta.length ? [sql<SqlBool>`d.tsv_meta @@ cast(${tsquery(meta, join)} as tsquery)`] : []),
  ];
  const where = sql<SqlBool>`(${sql.join(conditions, sql.raw(query.mode === 'any' ? ' or ' : ' and '))})`;
  // Without a group over all fields, every match is in the small meta vector: ranking reads
  // that instead of each article's whole (TOASTed) vector.
  return { where, rank: groups.flatMap((g) => g.terms).map((t) => `'${t}'`).join(' | '), vector: all.length ? 'tsv' : 'tsv_meta' };
}

/**
 * PostgreSQL: weighted tsvector columns (all fields; title, description and tags) on the
 * document row, each with a GIN index (no pending list, so a search never scans unmerged
 * entries), ranked by ts_rank_cd over the smallest vector that holds every match.
 */
export const postgresIndex: SearchIndex = {
  async put(trx, doc) {
    const r = docRow(doc);
    await sql`insert into helpcenter_search_docs (article_id, locale, slug, title, title_terms, description_terms, tag_terms, body_terms, lengths, words, text, tsv, tsv_meta)
      values (${r.article_id}, ${r.locale}, ${r.slug}, ${r.title}, ${r.title_terms}, ${r.description_terms}, ${r.tag_terms}, ${r.body_terms}, ${r.lengths}, ${r.words}, ${r.text},
        ${tsvectorLiteral(doc)}::tsvector, ${tsvectorLiteral(doc, META_FIELDS)}::tsvector)
      on conflict (article_id) do update set locale = excluded.locale, slug = excluded.slug, title = excluded.title, title_terms = excluded.title_terms,
        description_terms = excluded.description_terms, tag_terms = excluded.tag_terms, body_terms = excluded.body_terms, lengths = excluded.lengths, words = excluded.words,
        text = excluded.text, tsv = excluded.tsv, tsv_meta = excluded.tsv_meta`.execute(trx);
  },

  async remove(trx, articleId) {
    await trx.deleteFrom('helpcenter_search_docs').where('article_id', '=', articleId).execute();
  },

  async match(db, query, known): Promise<Candidate[]> {
    const match = tsMatch(query);
    if (!match) return [];
    const { rows } = await sql<{ article_id: number }>`
      select d.article_id
      from helpcenter_search_docs d
      where d.locale = ${query.locale} and ${match.where}
      order by ts_rank_cd('{0.0, 0.1, 0.4, 1.0}', ${sql.ref(`d.${match.vector}`)}, cast(${match.rank} as tsquery), 1) desc, d.article_id
      limit ${query.limit}`.execute(db);
    return candidatesOf(db, rows.map((r) => Number(r.article_id)), known);
  },
};
