import { parse, stringify } from 'yaml';
import { ARTICLE_STATUSES, DEFAULT_LOCALE, isLocale, slugify, SLUG_PATTERN, type ArticleStatus, type Locale } from './model.ts';

/** An article as a Markdown file holds it: YAML front matter, then the body. */
export type ArticleFile = {
  slug: string;
  locale: Locale;
  title: string;
  description: string;
  category: string | null;
  tags: string[];
  status: ArticleStatus | null;
  body: string;
};

/** Why a file is not a valid article; the message is shown to the person importing. */
export class ArticleFileError extends Error {}

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;
const SLUG = new RegExp(SLUG_PATTERN);

function text(data: Record<string, unknown>, key: string, required: boolean): string | null {
  const value = data[key];
  if (value === undefined || value === null) {
    if (required) throw new ArticleFileError(`front matter has no ${key}`);
    return null;
  }
  if (typeof value !== 'string' && typeof value !== 'number') throw new ArticleFileError(`front matter ${key} must be text`);
  return String(value).trim();
}

function tagList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return value.split(',').map((t) => t.trim()).filter(Boolean);
  if (!Array.isArray(value) || value.some((t) => typeof t !== 'string' && typeof t !== 'number')) throw new ArticleFileError('front matter tags must be a list of words');
  return value.map((t) => String(t).trim()).filter(Boolean);
}

/**
 * Reads an article file. The slug defaults to the file name, the locale to the folder's
 * (DIR/de/x.md) or English; a front-matter locale that contradicts the folder is an error.
 */
export function parseArticleFile(content: string, where: { fileName: string; folderLocale?: Locale | undefined }): ArticleFile {
  const match = FRONT_MATTER.exec(content);
  if (!match) throw new ArticleFileError('no YAML front matter (the file must start with a line "---")');
  let data: unknown;
  try {
    data = parse(match[1]!);
  } catch (error) {
    throw new ArticleFileError(`front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new ArticleFileError('front matter must be a mapping of keys to values');
  const d = data as Record<string, unknown>;
  const title = text(d, 'title', true)!;
  if (title === '') throw new ArticleFileError('front matter title is empty');
  const slug = text(d, 'slug', false) || slugify(where.fileName.replace(/\.md$/i, ''));
  if (!SLUG.test(slug)) throw new ArticleFileError(`"${slug}" is not a valid slug: use lower-case letters, digits and single dashes`);
  const declared = text(d, 'locale', false);
  if (declared !== null && !isLocale(declared)) throw new ArticleFileError(`front matter locale "${declared}" is not supported; use en or de`);
  if (declared && where.folderLocale && declared !== where.folderLocale) throw new ArticleFileError(`front matter locale "${declared}" contradicts the folder "${where.folderLocale}"`);
  const status = text(d, 'status', false);
  if (status !== null && !(ARTICLE_STATUSES as readonly string[]).includes(status)) throw new ArticleFileError(`front matter status must be draft or published, not "${status}"`);
  return {
    slug,
    locale: (declared as Locale | null) ?? where.folderLocale ?? DEFAULT_LOCALE,
    title,
    description: text(d, 'description', false) ?? '',
    category: text(d, 'category', false) || null,
    tags: tagList(d.tags),
    status: status as ArticleStatus | null,
    body: content.slice(match[0].length).replace(/\r\n?/g, '\n').trim(),
  };
}

/** Writes an article file that parseArticleFile reads back to the same article. */
export function formatArticleFile(file: ArticleFile): string {
  const data: Record<string, unknown> = { title: file.title };
  if (file.description) data.description = file.description;
  if (file.category) data.category = file.category;
  data.tags = file.tags;
  data.slug = file.slug;
  data.locale = file.locale;
  if (file.status === 'draft') data.status = 'draft';
  return `---\n${stringify(data, { lineWidth: 0 })}---\n\n${file.body}\n`;
}
