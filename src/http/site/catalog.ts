import { DEFAULT_LOCALE, listArticles, listCategories, type Article, type Category, type Locale } from '../../modules/helpcenter/index.ts';
import type { Db } from '../../store/database.ts';

const ALL = 10_000;

/**
 * A topic's name for readers of a locale: its name there, in English, in any locale, or else its
 * slug made readable ("sync" → "Sync"). Categories created by an import carry only the name of
 * the locale that mentioned them first.
 */
export function topicName(category: Pick<Category, 'names' | 'slug'>, locale: Locale): string {
  const named = category.names[locale] ?? category.names[DEFAULT_LOCALE] ?? Object.values(category.names).find((n) => n);
  return named ?? category.slug.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

/** Published articles a reader of `locale` can read: those in the locale, then English ones not translated into it. */
export async function readableArticles(db: Db, locale: Locale, category?: string): Promise<Article[]> {
  const filter = { status: 'published' as const, limit: ALL, order: 'title' as const, ...(category ? { category } : {}) };
  const own = await listArticles(db, { ...filter, locale });
  if (locale === DEFAULT_LOCALE) return own;
  const translated = new Set(own.map((a) => a.slug));
  const english = await listArticles(db, { ...filter, locale: DEFAULT_LOCALE });
  return [...own, ...english.filter((a) => !translated.has(a.slug))];
}

/** What the home page lists: topics that have articles (with counts, in display order) and the most read articles. */
export async function homeCatalog(db: Db, locale: Locale, popularCount = 6): Promise<{ categories: Array<{ category: Category; name: string; count: number }>; popular: Article[] }> {
  const [categories, articles] = await Promise.all([listCategories(db), readableArticles(db, locale)]);
  const counts = new Map<string, number>();
  for (const a of articles) if (a.category) counts.set(a.category.slug, (counts.get(a.category.slug) ?? 0) + 1);
  const popular = [...articles]
    .sort((a, b) => b.viewCount - a.viewCount || b.helpful.yes - a.helpful.yes || a.title.localeCompare(b.title, locale))
    .slice(0, popularCount);
  return {
    categories: categories.filter((c) => counts.has(c.slug)).map((c) => ({ category: c, name: topicName(c, locale), count: counts.get(c.slug)! })),
    popular,
  };
}

/** A category by slug, or null. */
export async function findCategory(db: Db, slug: string): Promise<Category | null> {
  return (await listCategories(db)).find((c) => c.slug === slug) ?? null;
}
