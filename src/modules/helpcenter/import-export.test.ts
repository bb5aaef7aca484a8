import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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

    test('images referenced by relative paths are stored, linked, exported beside the Markdown and imported back the same', async () => {
      const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
      const dir = mkdtempSync(join(tmpdir(), 'careline-kb-images-'));
      mkdirSync(join(dir, 'images'));
      mkdirSync(join(dir, 'de'));
      writeFileSync(join(dir, 'images', 'setup.png'), png);
      writeFileSync(join(dir, 'images', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
      writeFileSync(join(dir, 'setup-guide.md'), '---\ntitle: Setup guide\ncategory: Installation\n---\nLike this:\n\n![The setup screen](images/setup.png "Setup")\n\n![Remote](https://cdn.example.com/x.png)\n');
      writeFileSync(join(dir, 'de', 'setup-guide.md'), '---\ntitle: Einrichtung\ncategory: Installation\n---\n![Der Dialog](<../images/setup.png>)\n');
      writeFileSync(join(dir, 'missing.md'), '---\ntitle: Missing\n---\n![x](images/nope.png)\n');
      writeFileSync(join(dir, 'escape.md'), '---\ntitle: Escape\n---\n![x](../../../etc/hostname)\n');
      writeFileSync(join(dir, 'svg.md'), '---\ntitle: Svg\n---\n![x](images/logo.svg)\n');
      const report = await importArticles(deps.uow, dir, { dataDir: deps.config.dataDir });
      assert.equal(report.created, 2);
      const reasons = Object.fromEntries(report.failed.map((f) => [f.file, f.reason]));
      assert.match(reasons['missing.md']!, /image "images\/nope\.png" was not found/);
      assert.match(reasons['escape.md']!, /outside the imported folder|was not found/);
      assert.match(reasons['svg.md']!, /PNG, JPEG, GIF and WebP/);
      const en = (await findArticleBySlug(deps.store.db, 'setup-guide', 'en'))!;
      const url = /\]\((\/help\/images\/setup-[0-9a-f]{12}\.png) "Setup"\)/.exec(en.body)?.[1];
      assert.ok(url, en.body);
      assert.match(en.body, /!\[Remote\]\(https:\/\/cdn\.example\.com\/x\.png\)/);
      assert.match(en.html, new RegExp(`<img src="${url}" alt="The setup screen"`));
      assert.match((await findArticleBySlug(deps.store.db, 'setup-guide', 'de'))!.body, new RegExp(`!\\[Der Dialog\\]\\(${url}\\)`));
      assert.deepEqual(readFileSync(join(deps.config.dataDir, 'helpcenter', 'images', url.split('/').pop()!)), png);
      const again = await importArticles(deps.uow, dir, { dataDir: deps.config.dataDir });
      assert.equal(again.unchanged, 2, 'the same image keeps its URL, so re-importing changes nothing');
      assert.equal((await importArticles(deps.uow, dir)).failed.some((f) => /no data dir/.test(f.reason)), true);

      const out = mkdtempSync(join(tmpdir(), 'careline-export-images-'));
      const exported = await exportArticles(deps.store.db, out, { dataDir: deps.config.dataDir });
      const name = url.split('/').pop()!;
      assert.ok(exported.images >= 2);
      assert.deepEqual(readFileSync(join(out, 'images', name)), png);
      assert.deepEqual(readFileSync(join(out, 'de', 'images', name)), png);
      assert.match(readFileSync(join(out, 'setup-guide.md'), 'utf8'), new RegExp(`!\\[The setup screen\\]\\(images/${name} "Setup"\\)`));
      const fresh = await testDeps(dialect);
      try {
        const back = await importArticles(fresh.uow, out, { dataDir: fresh.config.dataDir });
        assert.deepEqual(back.failed, []);
        const copy = (await findArticleBySlug(fresh.store.db, 'setup-guide', 'en'))!;
        assert.equal(copy.body, en.body);
        assert.deepEqual(readFileSync(join(fresh.config.dataDir, 'helpcenter', 'images', name)), png);
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
