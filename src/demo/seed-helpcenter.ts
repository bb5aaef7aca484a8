import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Deps } from '../deps.ts';
import { importArticles, parseSynonymsJson, upsertSynonyms, type ImportReport } from '../modules/helpcenter/index.ts';

/** Where the demo knowledge base lives: Markdown articles in en/ and de/, optionally synonyms.json. */
export const DEMO_HELPCENTER_DIR = fileURLToPath(new URL('./helpcenter/', import.meta.url));

/** Imports the demo help center articles (and synonyms, if given) when the folder exists; bad files are logged, not fatal. */
export async function seedHelpCenter(deps: Deps, dir = DEMO_HELPCENTER_DIR): Promise<ImportReport | null> {
  if (!existsSync(dir)) return null;
  const report = await importArticles(deps.uow, dir);
  for (const f of report.failed) deps.log.warn({ file: f.file, reason: f.reason }, 'demo help center article skipped');
  const synonyms = join(dir, 'synonyms.json');
  if (existsSync(synonyms)) {
    const entries = parseSynonymsJson(JSON.parse(readFileSync(synonyms, 'utf8')));
    await deps.uow((work) => upsertSynonyms(work.trx, entries, work.now));
  }
  return report;
}
