import { existsSync, mkdirSync, statSync } from 'node:fs';
import type { Config } from '../config.ts';
import { closeDeps, createDeps } from '../deps.ts';
import { exportArticles, importArticles } from '../modules/helpcenter/index.ts';
import { CliError } from './cli-error.ts';

const USAGE = 'usage: careline articles import DIR | careline articles export DIR';

/**
 * careline articles import DIR: Markdown files with YAML front matter (DIR/de/x.md for German)
 * into the help center, images they reference by relative path stored under the data dir;
 * progress and bad files on stderr, exit 1 if any file was bad.
 * careline articles export DIR: every article back out in the same format, images beside them.
 */
export async function articlesCommand(config: Config, args: string[]): Promise<number> {
  const [sub, dir] = args;
  if ((sub !== 'import' && sub !== 'export') || !dir) throw new CliError(USAGE);
  if (sub === 'import' && (!existsSync(dir) || !statSync(dir).isDirectory())) throw new CliError(`${dir} is not a directory`, 1);
  const deps = await createDeps(config);
  try {
    if (sub === 'export') {
      mkdirSync(dir, { recursive: true });
      const { written, images } = await exportArticles(deps.store.db, dir, { dataDir: config.dataDir });
      process.stderr.write(`exported ${written} article${written === 1 ? '' : 's'} and ${images} image${images === 1 ? '' : 's'} to ${dir}\n`);
      return 0;
    }
    const report = await importArticles(deps.uow, dir, {
      dataDir: config.dataDir,
      onProgress: (done, total, file, outcome, reason) => {
        process.stderr.write(outcome === 'failed' ? `[${done}/${total}] ${file}: FAILED: ${reason}\n` : `[${done}/${total}] ${file}: ${outcome}\n`);
      },
    });
    process.stderr.write(
      `imported ${report.total} file${report.total === 1 ? '' : 's'}: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.failed.length} failed\n`,
    );
    for (const f of report.failed) process.stderr.write(`  ${f.file}: ${f.reason}\n`);
    return report.failed.length > 0 ? 1 : 0;
  } finally {
    await closeDeps(deps);
  }
}
