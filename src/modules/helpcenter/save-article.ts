import type { Actor } from '../../kernel/events.ts';
import { conflict } from '../../kernel/errors.ts';
import type { Work } from '../../store/unit-of-work.ts';
import { findArticleById, findArticleBySlug } from './articles.ts';
import { resolveCategory } from './categories.ts';
import { renderMarkdown } from './markdown.ts';
import { assertContent, assertSlug, DEFAULT_LOCALE, normalizeTags, slugify, type Article, type ArticleContent, type ArticleStatus, type Locale } from './model.ts';
import { addRevision } from './revisions.ts';
import { indexArticle } from './search/index-article.ts';

/** What a new article needs; the slug defaults to one made from the title, the locale to English, the status to draft. */
export type NewArticle = ArticleContent & { slug?: string; locale?: Locale; status?: ArticleStatus };

/** The fields an update may change; a note is kept with the revision it makes. */
export type ArticlePatch = Partial<ArticleContent> & { slug?: string; note?: string };

function clean(content: ArticleContent): ArticleContent {
  return {
    title: content.title.trim(),
    description: content.description.trim(),
    body: content.body.replace(/\r\n?/g, '\n').trim(),
    category: content.category?.trim() || null,
    tags: normalizeTags(content.tags),
  };
}

const sameContent = (a: ArticleContent, b: ArticleContent): boolean =>
  a.title === b.title && a.description === b.description && a.body === b.body && a.category === b.category && a.tags.join('\n') === b.tags.join('\n');

/** The current content of an article, as a revision stores it. */
export function contentOf(article: Article): ArticleContent {
  return { title: article.title, description: article.description, body: article.body, category: article.category?.slug ?? null, tags: article.tags };
}

async function categoryId(work: Work, content: ArticleContent, locale: Locale): Promise<{ id: number | null; slug: string | null }> {
  if (!content.category) return { id: null, slug: null };
  const category = await resolveCategory(work.trx, content.category, locale, work.now);
  return { id: category.id, slug: category.slug };
}

/** Creates an article with its first revision and indexes it if published, in the caller's transaction. */
export async function createArticle(work: Work, input: NewArticle, actor: Actor): Promise<Article> {
  const content = clean(input);
  assertContent(content);
  const locale = input.locale ?? DEFAULT_LOCALE;
  const slug = input.slug ?? slugify(content.title);
  assertSlug(slug);
  if (await findArticleBySlug(work.trx, slug, locale)) throw conflict(`An article with slug "${slug}" already exists in ${locale}`);
  const category = await categoryId(work, content, locale);
  const status = input.status ?? 'draft';
  const { id } = await work.trx
    .insertInto('helpcenter_articles')
    .values({
      slug, locale, title: content.title, description: content.description, body: content.body, html: renderMarkdown(content.body),
      category_id: category.id, tags: JSON.stringify(content.tags), status, revision: 1,
      published_at: status === 'published' ? work.now : null, created_at: work.now, updated_at: work.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await addRevision(work.trx, id, 1, { ...content, category: category.slug }, actor, 'created', work.now);
  const article = await findArticleById(work.trx, id);
  await indexArticle(work.trx, article);
  return article;
}

/**
 * Changes an article's content or slug. A change makes a new revision and refreshes the index
 * in the same transaction; an update that changes nothing makes none (`changed: false`).
 */
export async function updateArticle(work: Work, id: number, patch: ArticlePatch, actor: Actor): Promise<{ article: Article; changed: boolean }> {
  const current = await findArticleById(work.trx, id);
  const before = contentOf(current);
  const merged = clean({ ...before, ...Object.fromEntries(Object.entries(patch).filter(([k, v]) => v !== undefined && k !== 'slug' && k !== 'note')) });
  assertContent(merged);
  const category = await categoryId(work, merged, current.locale);
  const content = { ...merged, category: category.slug };
  const slug = patch.slug ?? current.slug;
  if (sameContent(before, content) && slug === current.slug) return { article: current, changed: false };
  if (slug !== current.slug) {
    assertSlug(slug);
    if (await findArticleBySlug(work.trx, slug, current.locale)) throw conflict(`An article with slug "${slug}" already exists in ${current.locale}`);
  }
  const revision = current.revision + 1;
  await work.trx
    .updateTable('helpcenter_articles')
    .set({
      slug, title: content.title, description: content.description, body: content.body, html: renderMarkdown(content.body),
      category_id: category.id, tags: JSON.stringify(content.tags), revision, updated_at: work.now,
    })
    .where('id', '=', id)
    .execute();
  await addRevision(work.trx, id, revision, content, actor, patch.note ?? null, work.now);
  const article = await findArticleById(work.trx, id);
  await indexArticle(work.trx, article);
  return { article, changed: true };
}
