import type { Work } from '../../store/unit-of-work.ts';
import { findArticleById } from './articles.ts';
import type { Article, ArticleStatus } from './model.ts';
import { indexArticle } from './search/index-article.ts';
import { getRevision } from './revisions.ts';
import { updateArticle } from './save-article.ts';
import type { Actor } from '../../kernel/events.ts';

async function setStatus(work: Work, id: number, status: ArticleStatus): Promise<Article> {
  const current = await findArticleById(work.trx, id);
  if (current.status === status) return current;
  await work.trx
    .updateTable('helpcenter_articles')
    .set({ status, updated_at: work.now, ...(status === 'published' && !current.publishedAt ? { published_at: work.now } : {}) })
    .where('id', '=', id)
    .execute();
  const article = await findArticleById(work.trx, id);
  await indexArticle(work.trx, article);
  return article;
}

/** Makes an article public and searchable (published_at keeps the first publication). */
export function publishArticle(work: Work, id: number): Promise<Article> {
  return setStatus(work, id, 'published');
}

/** Takes an article back to draft: hidden from the public and removed from search. */
export function unpublishArticle(work: Work, id: number): Promise<Article> {
  return setStatus(work, id, 'draft');
}

/** Makes an old revision current again, as a new revision noting where it came from; history is never rewritten. */
export async function restoreRevision(work: Work, id: number, number: number, actor: Actor): Promise<{ article: Article; changed: boolean }> {
  const revision = await getRevision(work.trx, id, number);
  const { title, description, body, category, tags } = revision;
  return updateArticle(work, id, { title, description, body, category, tags, note: `restored revision ${number}` }, actor);
}
