import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../store/database.ts';
import { listArticles } from './articles.ts';
import { formatArticleFile } from './front-matter.ts';
import { imageNameOf, rewriteImageTargets, storedImage } from './images.ts';
import { DEFAULT_LOCALE, type Article } from './model.ts';

/** The relative path an article is exported to: SLUG.md for English, LOCALE/SLUG.md otherwise. */
export function exportPath(article: Pick<Article, 'slug' | 'locale'>): string {
  return article.locale === DEFAULT_LOCALE ? `${article.slug}.md` : join(article.locale, `${article.slug}.md`);
}

export type ExportOptions = {
  /** The data dir uploaded images are copied from; without it image links stay site paths. */
  dataDir?: string;
  onProgress?: (done: number, file: string) => void;
};

/** Copies the uploaded images a body shows into `folder`/images and links them relatively; images missing from storage keep their site path. */
function exportImages(body: string, dataDir: string | undefined, folder: string, copied: Set<string>): string {
  if (!dataDir) return body;
  return rewriteImageTargets(body, (target) => {
    const name = imageNameOf(target);
    const stored = name ? storedImage(dataDir, name) : null;
    if (!name || !stored || !existsSync(stored.file)) return target;
    const to = join(folder, 'images', name);
    if (!copied.has(to)) {
      mkdirSync(join(folder, 'images'), { recursive: true });
      copyFileSync(stored.file, to);
      copied.add(to);
    }
    return `images/${name}`;
  });
}

/**
 * Writes every article (drafts marked `status: draft`) as Markdown with front matter, in the
 * layout `careline articles import` reads back to the same articles. Uploaded images go to an
 * images/ folder beside the Markdown that shows them, linked by relative path.
 */
export async function exportArticles(db: Db, dir: string, options: ExportOptions = {}): Promise<{ written: number; images: number }> {
  let written = 0;
  const copied = new Set<string>();
  for (let offset = 0; ; offset += 500) {
    const page = await listArticles(db, { order: 'title', limit: 500, offset });
    for (const a of page) {
      const path = exportPath(a);
      const folder = join(dir, a.locale === DEFAULT_LOCALE ? '' : a.locale);
      mkdirSync(folder, { recursive: true });
      const file = formatArticleFile({
        slug: a.slug,
        locale: a.locale,
        title: a.title,
        description: a.description,
        category: a.category?.name ?? null,
        tags: a.tags,
        status: a.status,
        body: exportImages(a.body, options.dataDir, folder, copied),
      });
      writeFileSync(join(dir, path), file);
      written++;
      options.onProgress?.(written, path);
    }
    if (page.length < 500) return { written, images: copied.size };
  }
}
