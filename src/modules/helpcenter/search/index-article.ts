import type { Tx } from '../../../store/database.ts';
import { htmlToPlainText } from '../markdown.ts';
import type { Article, Locale } from '../model.ts';
import { analyze } from './analyze.ts';
import { dialectOf, searchIndexFor } from './engines.ts';
import { FIELDS, type Field, type IndexDoc } from './search-index.ts';
import { adjustStats, adjustVocabulary, type StatsDelta, type VocabularyKind } from './vocabulary-store.ts';

/** An article analyzed for the index: terms per field, its words, its plain text. */
export function buildIndexDoc(article: Pick<Article, 'id' | 'locale' | 'slug' | 'title' | 'description' | 'tags' | 'html'>): IndexDoc {
  const text = htmlToPlainText(article.html);
  const words = new Set<string>();
  const field = (value: string): string[] =>
    analyze(value, article.locale).map((t) => {
      if (t.kind === 'word') words.add(t.word);
      return t.term;
    });
  const fields: Record<Field, string[]> = {
    title: field(article.title),
    description: field(article.description),
    tags: field(article.tags.join(' . ')),
    body: field(text),
  };
  return { articleId: article.id, locale: article.locale, slug: article.slug, title: article.title, fields, words, text };
}

type Stored = { locale: Locale; fields: Record<Field, string[]>; words: string[] };

async function storedDoc(trx: Tx, articleId: number): Promise<Stored | null> {
  const row = await trx
    .selectFrom('helpcenter_search_docs')
    .select(['locale', 'title_terms', 'description_terms', 'tag_terms', 'body_terms', 'words'])
    .where('article_id', '=', articleId)
    .executeTakeFirst();
  if (!row) return null;
  const split = (s: string): string[] => (s === '' ? [] : s.split(' '));
  return {
    locale: row.locale as Locale,
    fields: { title: split(row.title_terms), description: split(row.description_terms), tags: split(row.tag_terms), body: split(row.body_terms) },
    words: split(row.words),
  };
}

function statsOf(fields: Record<Field, string[]>, sign: 1 | -1): StatsDelta {
  return { docs: sign, title: sign * fields.title.length, description: sign * fields.description.length, tags: sign * fields.tags.length, body: sign * fields.body.length };
}

/** The distinct terms each vocabulary kind counts for a document. */
function termSets(fields: Record<Field, string[]>, words: Iterable<string>): Record<VocabularyKind, Set<string>> {
  return {
    stem: new Set(FIELDS.flatMap((f) => fields[f])),
    title: new Set(fields.title),
    meta: new Set([...fields.description, ...fields.tags]),
    word: new Set(words),
  };
}

const KINDS: VocabularyKind[] = ['stem', 'title', 'meta', 'word'];

function minus<T>(a: Iterable<T>, b: Set<T>): T[] {
  return [...a].filter((x) => !b.has(x));
}

/**
 * Brings the index in line with an article inside the caller's transaction: a published
 * article is (re)indexed, anything else is removed. Vocabulary counts and statistics move
 * by the difference, so the index is exactly as fresh as the article row.
 */
export async function indexArticle(trx: Tx, article: Article): Promise<void> {
  const index = searchIndexFor(dialectOf(trx));
  const old = await storedDoc(trx, article.id);
  if (article.status !== 'published') {
    if (!old) return;
    await index.remove(trx, article.id);
    const gone = termSets(old.fields, old.words);
    for (const kind of KINDS) await adjustVocabulary(trx, old.locale, kind, gone[kind], -1);
    await adjustStats(trx, old.locale, statsOf(old.fields, -1));
    return;
  }
  const doc = buildIndexDoc(article);
  await index.put(trx, doc);
  const now = termSets(doc.fields, doc.words);
  const before = old ? termSets(old.fields, old.words) : null;
  for (const kind of KINDS) {
    const was = before?.[kind] ?? new Set<string>();
    await adjustVocabulary(trx, doc.locale, kind, minus(was, now[kind]), -1);
    await adjustVocabulary(trx, doc.locale, kind, minus(now[kind], was), 1);
  }
  const added = statsOf(doc.fields, 1);
  const removed = old ? statsOf(old.fields, -1) : { docs: 0, title: 0, description: 0, tags: 0, body: 0 };
  await adjustStats(trx, doc.locale, {
    docs: added.docs + removed.docs,
    title: added.title + removed.title,
    description: added.description + removed.description,
    tags: added.tags + removed.tags,
    body: added.body + removed.body,
  });
}
