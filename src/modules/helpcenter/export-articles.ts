import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../store/database.ts';
import { listArticles } from './articles.ts';
import { formatArticleFile } from './front-matter.ts';
import { DEFAULT_LOCALE, type Article } from './model.ts';

/** The relative path an article is exported to: SLUG.md for English, LOCALE/SLUG.md otherwise. */
export function exportPath(article: Pick<Article, 'slug' | 'locale'>): string {
  return article.locale === DEFAULT_LOCALE ? `${article.slug}.md` : join(article.locale, `${article.slug}.md`);
}

/**
 * Writes every article (drafts marked `status: draft`) as Markdown with front matter, in the
 * layout `careline articles import` reads back to the same articles.
 */
export async function exportArticles(db: Db, dir: string, onProgress?: (done: number, file: string) => void): Promise<{ written: number }> {
  let written = 0;
  for (let offset = 0; ; offset += 500) {
    const page = await listArticles(db, { order: 'title', limit: 500, offset });
    for (const a of page) {
      const path = exportPath(a);
      mkdirSync(join(dir, a.locale === DEFAULT_LOCALE ? '' : a.locale), { recursive: true });
      const file = formatArticleFile({
        slug: a.slug,
        locale: a.locale,
        title: a.title,
        description: a.description,
        category: a.category?.name ?? null,
        tags: a.tags,
        status: a.status,
        body: a.body,
      });
      writeFileSync(join(dir, path), file);
      written++;
      onProgress?.(written, path);
    }
    if (page.length < 500) return { written };
  }
}
