import { sql } from 'kysely';
import { notFound } from '../../kernel/errors.ts';
import type { Db, Tx } from '../../store/database.ts';
import { categoryName } from './categories.ts';
import type { Article, ArticleStatus, Locale } from './model.ts';

type Source = Db | Tx;

function selectArticles(db: Source) {
  return db
    .selectFrom('helpcenter_articles as a')
    .leftJoin('helpcenter_categories as c', 'c.id', 'a.category_id')
    .select([
      'a.id', 'a.slug', 'a.locale', 'a.title', 'a.description', 'a.body', 'a.html', 'a.category_id', 'a.tags', 'a.status', 'a.revision',
      'a.view_count', 'a.helpful_yes', 'a.helpful_no', 'a.published_at', 'a.created_at', 'a.updated_at', 'c.slug as category_slug', 'c.names as category_names',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectArticles>['executeTakeFirstOrThrow']>>;

function toArticle(row: Row): Article {
  const locale = row.locale as Locale;
  const category =
    row.category_id !== null && row.category_slug !== null
      ? { id: row.category_id, slug: row.category_slug, name: categoryName({ slug: row.category_slug, names: JSON.parse(row.category_names ?? '{}') as Record<string, string> }, locale) }
      : null;
  return {
    id: row.id,
    slug: row.slug,
    locale,
    title: row.title,
    description: row.description,
    body: row.body,
    html: row.html,
    category,
    tags: JSON.parse(row.tags) as string[],
    status: row.status as ArticleStatus,
    revision: row.revision,
    viewCount: Number(row.view_count),
    helpful: { yes: Number(row.helpful_yes), no: Number(row.helpful_no) },
    publishedAt: row.published_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** An article by id, any status; throws not_found. */
export async function findArticleById(db: Source, id: number): Promise<Article> {
  const row = await selectArticles(db).where('a.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`Article ${id}`);
  return toArticle(row);
}

/** The article with this slug in exactly this locale (any status), or null. */
export async function findArticleBySlug(db: Source, slug: string, locale: Locale): Promise<Article | null> {
  const row = await selectArticles(db).where('a.slug', '=', slug).where('a.locale', '=', locale).executeTakeFirst();
  return row ? toArticle(row) : null;
}

/** Which filters a listing takes; all optional. `order`: recently updated first (default) or by title. */
export type ArticleFilter = {
  locale?: Locale;
  status?: ArticleStatus;
  category?: string;
  tag?: string;
  order?: 'recent' | 'title';
  limit?: number;
  offset?: number;
};

/** Articles matching a filter, paged by offset. */
export async function listArticles(db: Source, filter: ArticleFilter = {}): Promise<Article[]> {
  let query = selectArticles(db);
  if (filter.locale) query = query.where('a.locale', '=', filter.locale);
  if (filter.status) query = query.where('a.status', '=', filter.status);
  if (filter.category) query = query.where('c.slug', '=', filter.category);
  if (filter.tag) query = query.where(sql<boolean>`a.tags like ${`%${JSON.stringify(filter.tag.toLowerCase()).replace(/[%_\\]/g, '\\$&')}%`} escape '\\'`);
  query = filter.order === 'title' ? query.orderBy('a.title').orderBy('a.id') : query.orderBy('a.updated_at', 'desc').orderBy('a.id', 'desc');
  const rows = await query.limit(filter.limit ?? 100).offset(filter.offset ?? 0).execute();
  return rows.map(toArticle);
}

/** The locales an article's slug is published in (its translations), in locale order. */
export async function publishedLocales(db: Source, slug: string): Promise<Locale[]> {
  const rows = await db.selectFrom('helpcenter_articles').select('locale').where('slug', '=', slug).where('status', '=', 'published').orderBy('locale').execute();
  return rows.map((r) => r.locale as Locale);
}
