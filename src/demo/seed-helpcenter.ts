import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Deps } from '../deps.ts';
import { importArticles, isLocale, parseSynonymsJson, saveCategory, upsertSynonyms, type ImportReport, type Locale } from '../modules/helpcenter/index.ts';

/** Where the demo knowledge base lives: Markdown articles in en/ and de/, optionally synonyms.json and categories.json (names per locale by slug). */
export const DEMO_HELPCENTER_DIR = fileURLToPath(new URL('./helpcenter/', import.meta.url));

/** Imports the demo help center articles (and synonyms, if given) when the folder exists; bad files are logged, not fatal. */
export async function seedHelpCenter(deps: Deps, dir = DEMO_HELPCENTER_DIR): Promise<ImportReport | null> {
  if (!existsSync(dir)) return null;
  const report = await importArticles(deps.uow, dir, { dataDir: deps.config.dataDir });
  for (const f of report.failed) deps.log.warn({ file: f.file, reason: f.reason }, 'demo help center article skipped');
  const categories = join(dir, 'categories.json');
  if (existsSync(categories)) {
    const entries = Object.entries(JSON.parse(readFileSync(categories, 'utf8')) as Record<string, Record<string, string>>);
    await deps.uow(async (work) => {
      for (const [slug, given] of entries) {
        const names = Object.fromEntries(Object.entries(given).filter(([locale]) => isLocale(locale))) as Partial<Record<Locale, string>>;
        await saveCategory(work.trx, { slug, names }, work.now);
      }
    });
  }
  const synonyms = join(dir, 'synonyms.json');
  if (existsSync(synonyms)) {
    const entries = parseSynonymsJson(JSON.parse(readFileSync(synonyms, 'utf8')));
    await deps.uow((work) => upsertSynonyms(work.trx, entries, work.now));
  }
  return report;
}
