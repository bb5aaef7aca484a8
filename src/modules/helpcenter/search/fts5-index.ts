import { sql } from 'kysely';
import { docRow, toCandidate } from './doc-row.ts';
import { cleanGroups, type Candidate, type MatchFields, type MatchQuery, type SearchIndex } from './search-index.ts';

// Column weights for bm25(): locale (a filter, not a signal), title, description, tags, body.
const RANK = sql`bm25(helpcenter_fts, 0.0, 10.0, 4.0, 4.0, 1.0)`;

const COLUMNS: Record<MatchFields, string> = { all: '{title description tags body}', meta: '{title description tags}', title: 'title' };

/** An FTS5 MATCH expression: the locale, then each group's terms OR-ed within its columns, groups OR-ed (any) or AND-ed (all). */
export function fts5Expression(query: MatchQuery): string | null {
  const groups = cleanGroups(query.groups);
  if (groups.length === 0) return null;
  const parts = groups.map((g) => `${COLUMNS[g.fields]} : (${g.terms.map((t) => `"${t}"`).join(' OR ')})`);
  return `locale : "${query.locale}" AND (${parts.join(query.mode === 'any' ? ' OR ' : ' AND ')})`;
}

/**
 * SQLite: a contentless FTS5 table whose rowid is the article id, fed the analyzer's terms
 * (unicode61 with '_' as a token character, so codes and versions stay whole).
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
    await sql`delete from helpcenter_fts where rowid = ${doc.articleId}`.execute(trx);
    await sql`insert into helpcenter_fts (rowid, locale, title, description, tags, body)
      values (${doc.articleId}, ${doc.locale}, ${row.title_terms}, ${row.description_terms}, ${row.tag_terms}, ${row.body_terms})`.execute(trx);
  },

  async remove(trx, articleId) {
    await sql`delete from helpcenter_fts where rowid = ${articleId}`.execute(trx);
    await trx.deleteFrom('helpcenter_search_docs').where('article_id', '=', articleId).execute();
  },

  async match(db, query): Promise<Candidate[]> {
    const expression = fts5Expression(query);
    if (!expression) return [];
    const { rows } = await sql<{ article_id: number; slug: string; locale: string; title: string; title_terms: string; description_terms: string; tag_terms: string; body_terms: string; lengths: string }>`
      select d.article_id, d.slug, d.locale, d.title, d.title_terms, d.description_terms, d.tag_terms, d.body_terms, d.lengths
      from (select rowid as id, ${RANK} as rank from helpcenter_fts where helpcenter_fts match ${expression} order by rank limit ${query.limit}) m
      join helpcenter_search_docs d on d.article_id = m.id
      order by m.rank`.execute(db);
    return rows.map(toCandidate);
  },
};
