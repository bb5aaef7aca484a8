import { sql, type Kysely } from 'kysely';
import { isPostgres } from './helpers.ts';

const TOKENIZE = `tokenize="unicode61 remove_diacritics 0 tokenchars '_'"`;

/** Each space-separated index term of a field as the FTS5 tables keep it: LOCALE_term. */
function localeTerms(locale: string, terms: string): string {
  return terms === '' ? '' : terms.split(' ').map((t) => `${locale}_${t}`).join(' ');
}

/**
 * Faster help center search on SQLite. The locale moves from a column (whose "en" posting list
 * holds every English article, intersected on every query) into each term (en_refund), and
 * titles, descriptions and tags get their own FTS5 table, so a word common in bodies but
 * searched only in those fields reads a short posting list. Both are refilled from the
 * analyzed terms already kept in helpcenter_search_docs. On PostgreSQL, the GIN indexes stop
 * deferring their updates to a pending list.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    // GIN's fast-update pending list is scanned linearly by every search until a vacuum merges
    // it; help center writes are rare and searches constant, so merge on write instead.
    for (const index of ['helpcenter_search_docs_tsv', 'helpcenter_search_docs_tsv_meta']) {
      await sql.raw(`alter index ${index} set (fastupdate = off)`).execute(db);
      await sql.raw(`select gin_clean_pending_list('${index}'::regclass)`).execute(db);
    }
    return;
  }
  await sql`drop table if exists helpcenter_fts`.execute(db);
  await sql.raw(`create virtual table helpcenter_fts using fts5(title, description, tags, body, content='', contentless_delete=1, ${TOKENIZE})`).execute(db);
  await sql.raw(`create virtual table helpcenter_fts_meta using fts5(title, description, tags, content='', contentless_delete=1, ${TOKENIZE})`).execute(db);
  const { rows } = await sql<{ article_id: number; locale: string; title_terms: string; description_terms: string; tag_terms: string; body_terms: string }>`
    select article_id, locale, title_terms, description_terms, tag_terms, body_terms from helpcenter_search_docs order by article_id`.execute(db);
  for (const r of rows) {
    const [title, description, tags, body] = [r.title_terms, r.description_terms, r.tag_terms, r.body_terms].map((t) => localeTerms(r.locale, t));
    await sql`insert into helpcenter_fts (rowid, title, description, tags, body) values (${r.article_id}, ${title}, ${description}, ${tags}, ${body})`.execute(db);
    await sql`insert into helpcenter_fts_meta (rowid, title, description, tags) values (${r.article_id}, ${title}, ${description}, ${tags})`.execute(db);
  }
}
