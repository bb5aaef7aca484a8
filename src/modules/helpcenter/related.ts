import { sql, type SqlBool } from 'kysely';
import type { Db } from '../../store/database.ts';
import { findArticleById } from './articles.ts';
import type { Locale } from './model.ts';
import { searchArticles } from './search/search.ts';

/** An article worth reading next, and why: it shares tags or the category, or search finds it similar. */
export type RelatedArticle = { articleId: number; slug: string; locale: Locale; title: string; reason: 'tags' | 'category' | 'similar' };

const likeTag = (tag: string): string => `%${JSON.stringify(tag).replace(/[%_\\]/g, '\\$&')}%`;

/**
 * Published articles related to one: those sharing the most tags (the same category counting
 * as one shared tag), then, to fill up, the closest matches for its title and description.
 */
export async function relatedArticles(db: Db, articleId: number, limit = 5): Promise<RelatedArticle[]> {
  const article = await findArticleById(db, articleId);
  const rows = await db
    .selectFrom('helpcenter_articles')
    .select(['id', 'slug', 'locale', 'title', 'category_id', 'tags', 'view_count'])
    .where('locale', '=', article.locale)
    .where('status', '=', 'published')
    .where('id', '!=', article.id)
    .where((eb) => eb.or([
      ...(article.category ? [eb('category_id', '=', article.category.id)] : []),
      ...article.tags.map((t) => sql<SqlBool>`tags like ${likeTag(t)} escape '\\'`),
    ]))
    .limit(500)
    .execute();
  const mine = new Set(article.tags);
  const scored = rows
    .map((r) => {
      const shared = (JSON.parse(r.tags) as string[]).filter((t) => mine.has(t)).length;
      const sameCategory = article.category !== null && r.category_id === article.category.id;
      return { r, shared, sameCategory, score: shared * 2 + (sameCategory ? 1 : 0) };
    })
    .sort((a, b) => b.score - a.score || Number(b.r.view_count) - Number(a.r.view_count) || a.r.id - b.r.id);
  const related: RelatedArticle[] = scored.slice(0, limit).map(({ r, shared }) => ({
    articleId: r.id, slug: r.slug, locale: r.locale as Locale, title: r.title, reason: shared > 0 ? 'tags' : 'category',
  }));
  if (related.length < limit) {
    const seen = new Set([article.id, ...related.map((r) => r.articleId)]);
    const similar = await searchArticles(db, { q: `${article.title} ${article.description}`, locale: article.locale, limit: limit + related.length + 1 });
    for (const hit of similar) {
      if (related.length >= limit) break;
      if (seen.has(hit.articleId)) continue;
      seen.add(hit.articleId);
      related.push({ articleId: hit.articleId, slug: hit.slug, locale: hit.locale, title: hit.title, reason: 'similar' });
    }
  }
  return related;
}
