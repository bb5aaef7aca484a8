import type { Db } from '../../../store/database.ts';
import type { Database } from '../../../store/schema.ts';
import { FIELDS, type Candidate, type Field, type IndexDoc, type KnownCandidates } from './search-index.ts';
import type { Locale } from '../model.ts';

type DocRow = Database['helpcenter_search_docs'];

/** A document as the helpcenter_search_docs row both engines keep beside their match structure. */
export function docRow(doc: IndexDoc): DocRow {
  return {
    article_id: doc.articleId,
    locale: doc.locale,
    slug: doc.slug,
    title: doc.title,
    title_terms: doc.fields.title.join(' '),
    description_terms: doc.fields.description.join(' '),
    tag_terms: doc.fields.tags.join(' '),
    body_terms: doc.fields.body.join(' '),
    lengths: FIELDS.map((f) => doc.fields[f].length).join(' '),
    words: [...doc.words].join(' '),
    text: doc.text,
  };
}

/** The columns a candidate is read from. */
export const CANDIDATE_COLUMNS = ['article_id', 'slug', 'locale', 'title', 'title_terms', 'description_terms', 'tag_terms', 'body_terms', 'lengths'] as const;

/** A row of CANDIDATE_COLUMNS as a candidate. */
export function toCandidate(row: Pick<DocRow, (typeof CANDIDATE_COLUMNS)[number]>): Candidate {
  const fields: Record<Field, string> = { title: row.title_terms, description: row.description_terms, tags: row.tag_terms, body: row.body_terms };
  const [title = 0, description = 0, tags = 0, body = 0] = row.lengths.split(' ').map(Number);
  return { articleId: Number(row.article_id), slug: row.slug, locale: row.locale as Locale, title: row.title, fields, lengths: { title, description, tags, body } };
}

/** The candidates of matched article ids, in their order: those `known` has from memory, the rest read in one query. */
export async function candidatesOf(db: Db, ids: number[], known?: KnownCandidates): Promise<Candidate[]> {
  const missing = known ? ids.filter((id) => !known(id)) : ids;
  const rows = missing.length > 0 ? await db.selectFrom('helpcenter_search_docs').select([...CANDIDATE_COLUMNS]).where('article_id', 'in', missing).execute() : [];
  const read = new Map(rows.map((r) => [Number(r.article_id), toCandidate(r)]));
  return ids.map((id) => known?.(id) ?? read.get(id)).filter((c): c is Candidate => c !== undefined);
}
