import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Actor } from '../../kernel/events.ts';
import type { UnitOfWork } from '../../store/unit-of-work.ts';
import { findArticleBySlug } from './articles.ts';
import { ArticleFileError, parseArticleFile, type ArticleFile } from './front-matter.ts';
import { isRelativeImagePath, MAX_IMAGE_BYTES, rewriteImageTargets, saveImage } from './images.ts';
import { isLocale, type Locale } from './model.ts';
import { publishArticle, unpublishArticle } from './publish-article.ts';
import { createArticle, updateArticle } from './save-article.ts';

/** What happened to one file. */
export type ImportOutcome = 'created' | 'updated' | 'unchanged' | 'failed';

/** The import's tally; `failed` names each bad file and why. */
export type ImportReport = { total: number; created: number; updated: number; unchanged: number; failed: Array<{ file: string; reason: string }> };

export type ImportOptions = {
  actor?: Actor;
  /** The data dir images referenced by relative paths are stored under; without it such a file fails. */
  dataDir?: string;
  /** Told after each file, for progress output. */
  onProgress?: (done: number, total: number, file: string, outcome: ImportOutcome, reason?: string) => void;
};

/** Every *.md below dir (README.md excepted), sorted, with the locale its first folder names. */
export function findArticleFiles(dir: string): Array<{ path: string; file: string; folderLocale: Locale | undefined }> {
  const found: Array<{ path: string; file: string; folderLocale: Locale | undefined }> = [];
  const walk = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(current, entry.name);
      if (entry.isDirectory() && !entry.name.startsWith('.')) walk(path);
      else if (entry.isFile() && /\.md$/i.test(entry.name) && !/^readme\.md$/i.test(entry.name)) {
        const file = relative(dir, path);
        const first = file.split(sep)[0]!;
        found.push({ path, file, folderLocale: file.includes(sep) && isLocale(first) ? first : undefined });
      }
    }
  };
  if (!statSync(dir).isDirectory()) throw new Error(`${dir} is not a directory`);
  walk(dir);
  return found;
}

/**
 * Stores the images a file references by relative path (![x](images/setup.png)) and points the
 * links at their stored copies. A path must stay inside the imported folder; a missing,
 * unreadable or non-image file fails the article with the reason.
 */
function importImages(body: string, root: string, mdPath: string, dataDir: string | undefined): string {
  const realRoot = realpathSync(root);
  return rewriteImageTargets(body, (target) => {
    if (!isRelativeImagePath(target)) return target;
    let path: string;
    try {
      path = decodeURI(target.split(/[?#]/)[0]!);
    } catch {
      throw new ArticleFileError(`image "${target}" is not a valid path`);
    }
    const file = resolve(dirname(mdPath), path);
    let real: string;
    try {
      real = realpathSync(file);
    } catch {
      throw new ArticleFileError(`image "${target}" was not found`);
    }
    if (real !== realRoot && !real.startsWith(realRoot + sep)) throw new ArticleFileError(`image "${target}" is outside the imported folder`);
    if (!dataDir) throw new ArticleFileError(`image "${target}" cannot be stored: no data dir to keep images in`);
    const stat = statSync(real);
    if (!stat.isFile()) throw new ArticleFileError(`image "${target}" is not a file`);
    if (stat.size > MAX_IMAGE_BYTES) throw new ArticleFileError(`image "${target}" is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MiB`);
    try {
      return saveImage(dataDir, path, readFileSync(real)).url;
    } catch (error) {
      throw new ArticleFileError(`image "${target}": ${error instanceof Error ? error.message : String(error)}`);
    }
  });
}

async function importOne(uow: UnitOfWork, a: ArticleFile, actor: Actor): Promise<ImportOutcome> {
  return uow(async (work) => {
    const existing = await findArticleBySlug(work.trx, a.slug, a.locale);
    const content = { title: a.title, description: a.description, body: a.body, category: a.category, tags: a.tags };
    if (!existing) {
      await createArticle(work, { ...content, slug: a.slug, locale: a.locale, status: a.status ?? 'published' }, actor);
      return 'created';
    }
    const { changed } = await updateArticle(work, existing.id, { ...content, note: 'imported' }, actor);
    const status = a.status ?? existing.status;
    if (status !== existing.status) await (status === 'published' ? publishArticle(work, existing.id) : unpublishArticle(work, existing.id));
    return changed || status !== existing.status ? 'updated' : 'unchanged';
  });
}

/**
 * Imports a folder of Markdown articles, one transaction per file. Idempotent: a file is
 * matched to its article by slug and locale, and a new revision is made only when its content
 * changed. A bad file is reported with its reason and the rest still imported. New articles
 * are published unless their front matter says `status: draft`. Images referenced by relative
 * paths are stored under `options.dataDir` (by content, so a re-import changes nothing) and
 * the links rewritten to /help/images/….
 */
export async function importArticles(uow: UnitOfWork, dir: string, options: ImportOptions = {}): Promise<ImportReport> {
  const files = findArticleFiles(dir);
  const actor = options.actor ?? { type: 'system' };
  const report: ImportReport = { total: files.length, created: 0, updated: 0, unchanged: 0, failed: [] };
  const seen = new Map<string, string>();
  for (const [i, f] of files.entries()) {
    let outcome: ImportOutcome;
    let reason: string | undefined;
    try {
      const article = parseArticleFile(readFileSync(f.path, 'utf8'), { fileName: f.file.split(sep).at(-1)!, folderLocale: f.folderLocale });
      const key = `${article.locale}/${article.slug}`;
      const earlier = seen.get(key);
      if (earlier) throw new ArticleFileError(`slug "${article.slug}" (${article.locale}) is already used by ${earlier}`);
      seen.set(key, f.file);
      outcome = await importOne(uow, { ...article, body: importImages(article.body, dir, f.path, options.dataDir) }, actor);
    } catch (error) {
      outcome = 'failed';
      reason = error instanceof Error ? error.message : String(error);
      report.failed.push({ file: f.file, reason });
    }
    if (outcome !== 'failed') report[outcome]++;
    options.onProgress?.(i + 1, files.length, f.file, outcome, reason);
  }
  return report;
}
