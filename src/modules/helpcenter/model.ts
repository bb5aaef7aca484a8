import { badRequest } from '../../kernel/errors.ts';

/** The languages articles are written in; English is the default and the fallback. */
export const LOCALES = ['en', 'de'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** Whether a value names a supported locale. */
export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

/** A draft is visible to agents only; a published article is public and searchable. */
export const ARTICLE_STATUSES = ['draft', 'published'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

/** A category groups articles; its name is given per locale, English being the fallback. */
export type Category = { id: number; slug: string; names: Partial<Record<Locale, string>>; position: number };

/** One article in one locale; translations share the slug. `html` is rendered from `body` and sanitized. */
export type Article = {
  id: number;
  slug: string;
  locale: Locale;
  title: string;
  description: string;
  body: string;
  html: string;
  category: { id: number; slug: string; name: string } | null;
  tags: string[];
  status: ArticleStatus;
  revision: number;
  viewCount: number;
  helpful: { yes: number; no: number };
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
};

/** The editable content of an article; every save of a change keeps one of these as a revision. */
export type ArticleContent = { title: string; description: string; body: string; category: string | null; tags: string[] };

/** A saved state of an article, numbered from 1 per article. */
export type Revision = ArticleContent & {
  id: number;
  articleId: number;
  number: number;
  note: string | null;
  actor: { type: string; id: number | null };
  createdAt: string;
};

export const SLUG_PATTERN = '^[a-z0-9]+(?:-[a-z0-9]+)*$';
const SLUG = new RegExp(SLUG_PATTERN);
export const MAX_TITLE = 200;
export const MAX_DESCRIPTION = 500;
export const MAX_ARTICLE_BODY = 200_000;
export const MAX_TAGS = 30;

/** A URL-safe slug from any title or file name: lower case ASCII words joined by dashes. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120)
    .replace(/-+$/, '');
}

/** Throws validation_failed unless the slug is lower-case words joined by single dashes. */
export function assertSlug(slug: string): void {
  if (!SLUG.test(slug) || slug.length > 120) throw badRequest(`"${slug}" is not a valid slug: use lower-case letters, digits and single dashes`, { slug: 'invalid' });
}

/** Tags as stored: trimmed, lower case, unique, sorted. */
export function normalizeTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((t) => t.trim().toLowerCase()).filter((t) => t !== ''))].sort();
}

/** Checks an article's content against the limits; the message names the field. */
export function assertContent(content: ArticleContent): void {
  if (content.title.trim() === '' || content.title.length > MAX_TITLE) throw badRequest(`An article title needs 1 to ${MAX_TITLE} characters`, { title: 'invalid' });
  if (content.description.length > MAX_DESCRIPTION) throw badRequest(`A description holds at most ${MAX_DESCRIPTION} characters`, { description: 'too long' });
  if (content.body.length > MAX_ARTICLE_BODY) throw badRequest(`An article body holds at most ${MAX_ARTICLE_BODY} characters`, { body: 'too long' });
  if (content.tags.length > MAX_TAGS) throw badRequest(`An article has at most ${MAX_TAGS} tags`, { tags: 'too many' });
  for (const tag of content.tags) if (tag.length > 64) throw badRequest(`The tag "${tag.slice(0, 20)}…" is longer than 64 characters`, { tags: 'too long' });
}
