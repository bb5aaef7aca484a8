import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { articlesCommand } from '../../cli/articles.ts';
import { testConfig, testDeps } from '../../../test/support/builders.ts';
import { DIALECTS, dialectSkip, openTestStore } from '../../../test/support/stores.ts';
import { exportArticles, findArticleBySlug, importArticles, listArticles, listRevisions, parseArticleFile, searchArticles } from './index.ts';

/** A small knowledge base on disk: two English articles, one German (by folder), one draft. */
function writeKb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'careline-kb-'));
  mkdirSync(join(dir, 'de'));
  writeFileSync(join(dir, 'reset-password.md'), '---\ntitle: Reset your password\ncategory: Account\ntags: [password, login]\ndescription: Get back in.\n---\n\nOpen **Settings**.\n');
  writeFileSync(join(dir, 'refunds.md'), '---\ntitle: "Refunds: how long?"\nslug: refund-policy\ncategory: Billing\ntags:\n  - refund\n---\nWithin 30 days.\n');
  writeFileSync(join(dir, 'de', 'reset-password.md'), '---\ntitle: Passwort zurücksetzen\ncategory: Account\ntags: [passwort]\n---\n\nÖffnen Sie die **Einstellungen**.\n');
  writeFileSync(join(dir, 'roadmap.md'), '---\ntitle: Roadmap\ncategory: News\nstatus: draft\n---\nSoon.\n');
  writeFileSync(join(dir, 'README.md'), 'not an article');
  return dir;
}

for (const dialect of DIALECTS) {
  describe(`articles import and export on ${dialect}`, { skip: await dialectSkip(dialect) }, () => {
    let deps: Awaited<ReturnType<typeof testDeps>>;
    before(async () => {
      deps = await testDeps(dialect);
    });
    after(() => deps.close());

    test('import creates articles by slug and locale, publishes unless draft, and is idempotent', async () => {
      const dir = writeKb();
      const progress: string[] = [];
      const first = await importArticles(deps.uow, dir, { onProgress: (done, total, file, outcome) => progress.push(`${done}/${total} ${file} ${outcome}`) });
      assert.deepEqual([first.created, first.updated, first.unchanged, first.failed.length], [4, 0, 0, 0]);
      assert.equal(progress.length, 4);
      const de = await findArticleBySlug(deps.store.db, 'reset-password', 'de');
      assert.equal(de?.title, 'Passwort zurücksetzen');
      assert.equal(de?.category?.slug, 'account');
      assert.equal((await findArticleBySlug(deps.store.db, 'refund-policy', 'en'))?.status, 'published');
      assert.equal((await findArticleBySlug(deps.store.db, 'roadmap', 'en'))?.status, 'draft');
      assert.equal((await searchArticles(deps.store.db, { q: 'refunds' }))[0]?.slug, 'refund-policy');

      const again = await importArticles(deps.uow, dir);
      assert.deepEqual([again.created, again.updated, again.unchanged], [0, 0, 4]);
      writeFileSync(join(dir, 'refunds.md'), '---\ntitle: "Refunds: how long?"\nslug: refund-policy\ncategory: Billing\ntags: [refund]\n---\nWithin 14 days.\n');
      const changed = await importArticles(deps.uow, dir);
      assert.deepEqual([changed.created, changed.updated, changed.unchanged], [0, 1, 3]);
      const refund = (await findArticleBySlug(deps.store.db, 'refund-policy', 'en'))!;
      assert.deepEqual((await listRevisions(deps.store.db, refund.id)).map((r) => r.number), [2, 1]);
    });

    test('export writes files that import back to the same articles', async () => {
      const out = mkdtempSync(join(tmpdir(), 'careline-export-'));
      const { written } = await exportArticles(deps.store.db, out);
      assert.equal(written, 4);
      assert.deepEqual(readdirSync(join(out, 'de')), ['reset-password.md']);
      const fresh = await testDeps(dialect);
      try {
        const report = await importArticles(fresh.uow, out);
        assert.equal(report.created, 4);
        const shape = (list: Awaited<ReturnType<typeof listArticles>>) =>
          list.map((a) => [a.slug, a.locale, a.title, a.description, a.body, a.category?.slug, a.tags.join(','), a.status]).sort();
        assert.deepEqual(shape(await listArticles(fresh.store.db)), shape(await listArticles(deps.store.db)));
      } finally {
        await fresh.close();
      }
    });

    test('bad files are reported with their reason and the rest is imported', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'careline-bad-kb-'));
      mkdirSync(join(dir, 'de'));
      writeFileSync(join(dir, 'no-front-matter.md'), '# Just a heading\n');
      writeFileSync(join(dir, 'no-title.md'), '---\ncategory: x\n---\nbody\n');
      writeFileSync(join(dir, 'bad-yaml.md'), '---\ntitle: [unclosed\n---\nbody\n');
      writeFileSync(join(dir, 'bad-locale.md'), '---\ntitle: T\nlocale: fr\n---\nbody\n');
      writeFileSync(join(dir, 'de', 'contradiction.md'), '---\ntitle: T\nlocale: en\n---\nbody\n');
      writeFileSync(join(dir, 'fine.md'), '---\ntitle: Fine article\ncategory: General\n---\nbody\n');
      const report = await importArticles(deps.uow, dir);
      assert.equal(report.created, 1);
      const reasons = Object.fromEntries(report.failed.map((f) => [f.file, f.reason]));
      assert.match(reasons['no-front-matter.md']!, /no YAML front matter/);
      assert.match(reasons['no-title.md']!, /no title/);
      assert.match(reasons['bad-yaml.md']!, /not valid YAML/);
      assert.match(reasons['bad-locale.md']!, /locale "fr" is not supported/);
      assert.match(reasons[join('de', 'contradiction.md')]!, /contradicts the folder "de"/);
    });

    test('careline articles import shows progress on stderr and exits 1 when a file was bad', async () => {
      const dir = writeKb();
      writeFileSync(join(dir, 'broken.md'), 'no front matter');
      const store = await openTestStore(dialect);
      const config = testConfig({ DATABASE_URL: store.url });
      const written: string[] = [];
      const original = process.stderr.write.bind(process.stderr);
      process.stderr.write = ((chunk: string) => written.push(String(chunk)) > 0) as typeof process.stderr.write;
      let code: number;
      try {
        code = await articlesCommand(config, ['import', dir]);
      } finally {
        process.stderr.write = original;
        await store.cleanup();
      }
      assert.equal(code, 1);
      const output = written.join('');
      assert.match(output, /\[1\/5\] broken\.md: FAILED: no YAML front matter/);
      assert.match(output, /4 created, 0 updated, 0 unchanged, 1 failed/);
    });
  });
}

describe('article files', () => {
  test('slug defaults to the file name, locale to the folder, tags may be a comma list', () => {
    const file = parseArticleFile('---\ntitle: Hi\ntags: a, b\n---\nBody', { fileName: 'My File.md', folderLocale: 'de' });
    assert.deepEqual([file.slug, file.locale, file.tags, file.body], ['my-file', 'de', ['a', 'b'], 'Body']);
  });
});
