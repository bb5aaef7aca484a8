import type { Db } from '../../store/database.ts';
import { findArticleBySlug, publishedLocales } from './articles.ts';
import { DEFAULT_LOCALE, type Article, type Locale } from './model.ts';

/**
 * A published article as a reader asked for it: `fallback` is true when the requested locale
 * has no translation and the English article is served instead; `translations` lists every
 * locale the slug is published in (for a language switcher and hreflang links).
 */
export type ArticleView = { article: Article; requestedLocale: Locale; fallback: boolean; translations: Locale[] };

/** The published article for a slug in a locale, falling back to English; null when neither is published. */
export async function getArticle(db: Db, slug: string, locale: Locale = DEFAULT_LOCALE): Promise<ArticleView | null> {
  const exact = await findArticleBySlug(db, slug, locale);
  const article = exact?.status === 'published' ? exact : locale !== DEFAULT_LOCALE ? await findArticleBySlug(db, slug, DEFAULT_LOCALE) : null;
  if (!article || article.status !== 'published') return null;
  return { article, requestedLocale: locale, fallback: article.locale !== locale, translations: await publishedLocales(db, slug) };
}

/** Where the public site serves an article: /articles/SLUG for English, /LOCALE/articles/SLUG otherwise. */
export function articleUrl(publicUrl: string, slug: string, locale: Locale): string {
  const base = publicUrl.replace(/\/+$/, '');
  return locale === DEFAULT_LOCALE ? `${base}/articles/${slug}` : `${base}/${locale}/articles/${slug}`;
}
