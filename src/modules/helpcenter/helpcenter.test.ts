import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { AppError } from '../../kernel/errors.ts';
import { SYSTEM, testDeps } from '../../../test/support/builders.ts';
import { buildArticle } from '../../../test/support/helpcenter.ts';
import { DIALECTS, dialectSkip } from '../../../test/support/stores.ts';
import {
  diffRevisions, getArticle, listCategories, listRevisions, publishArticle, recordFeedback, relatedArticles, renderMarkdown, restoreRevision, saveImage,
  searchArticles, unpublishArticle, updateArticle, findArticleById, categoryName, saveCategory,
} from './index.ts';

for (const dialect of DIALECTS) {
  describe(`help center articles on ${dialect}`, { skip: await dialectSkip(dialect) }, () => {
    let deps: Awaited<ReturnType<typeof testDeps>>;
    before(async () => {
      deps = await testDeps(dialect);
    });
    after(() => deps.close());

    test('every change keeps a revision; a save without changes keeps none; diff and restore', async () => {
      const article = await buildArticle(deps, { title: 'Reset your PIN', body: 'Step one.\nStep two.', status: 'draft', tags: ['PIN', 'pin', 'Security'] });
      assert.deepEqual(article.tags, ['pin', 'security']);
      assert.equal(article.revision, 1);
      const edited = await deps.uow((w) => updateArticle(w, article.id, { body: 'Step one.\nStep 2, changed.', note: 'clearer' }, { type: 'agent', id: 7 }));
      assert.equal(edited.changed, true);
      assert.equal(edited.article.revision, 2);
      const same = await deps.uow((w) => updateArticle(w, article.id, { body: 'Step one.\nStep 2, changed.' }, SYSTEM));
      assert.equal(same.changed, false);
      const revisions = await listRevisions(deps.store.db, article.id);
      assert.deepEqual(revisions.map((r) => [r.number, r.note]), [[2, 'clearer'], [1, 'created']]);
      assert.deepEqual(revisions[0]!.actor, { type: 'agent', id: 7 });
      const diff = await diffRevisions(deps.store.db, article.id, 1, 2);
      assert.match(diff, /^--- revision 1/m);
      assert.match(diff, /^\+\+\+ revision 2/m);
      assert.match(diff, /^-Step two\.$/m);
      assert.match(diff, /^\+Step 2, changed\.$/m);
      const restored = await deps.uow((w) => restoreRevision(w, article.id, 1, SYSTEM));
      assert.equal(restored.article.body, 'Step one.\nStep two.');
      assert.equal(restored.article.revision, 3);
      assert.equal((await listRevisions(deps.store.db, article.id))[0]!.note, 'restored revision 1');
      await assert.rejects(diffRevisions(deps.store.db, article.id, 1, 9), (e: AppError) => e.code === 'not_found');
    });

    test('publish makes an article public and searchable; unpublish hides it again', async () => {
      const article = await buildArticle(deps, { title: 'Quokka feeding schedule', status: 'draft' });
      assert.equal(await getArticle(deps.store.db, article.slug), null);
      assert.deepEqual(await searchArticles(deps.store.db, { q: 'quokka' }), []);
      const published = await deps.uow((w) => publishArticle(w, article.id));
      assert.equal(published.status, 'published');
      assert.ok(published.publishedAt);
      assert.equal((await getArticle(deps.store.db, article.slug))?.article.id, article.id);
      assert.deepEqual((await searchArticles(deps.store.db, { q: 'quokka' })).map((h) => h.slug), [article.slug]);
      await deps.uow((w) => unpublishArticle(w, article.id));
      assert.equal(await getArticle(deps.store.db, article.slug), null);
      assert.deepEqual(await searchArticles(deps.store.db, { q: 'quokka' }), []);
      const again = await deps.uow((w) => publishArticle(w, article.id));
      assert.equal(again.publishedAt, published.publishedAt, 'published_at keeps the first publication');
    });

    test('a German reader gets the German article, or the English one marked as a fallback', async () => {
      const slug = `fallback-${dialect}`;
      await buildArticle(deps, { slug, title: 'Export your vault' });
      const en = await getArticle(deps.store.db, slug, 'de');
      assert.equal(en?.fallback, true);
      assert.equal(en?.article.locale, 'en');
      assert.deepEqual(en?.translations, ['en']);
      await buildArticle(deps, { slug, locale: 'de', title: 'Tresor exportieren', category: 'general' });
      const de = await getArticle(deps.store.db, slug, 'de');
      assert.equal(de?.fallback, false);
      assert.equal(de?.article.title, 'Tresor exportieren');
      assert.deepEqual(de?.translations, ['de', 'en']);
      await assert.rejects(buildArticle(deps, { slug, title: 'Duplicate' }), (e: AppError) => e.code === 'conflict');
    });

    test('feedback counts yes and no per article', async () => {
      const article = await buildArticle(deps);
      await deps.uow((w) => recordFeedback(w, article.id, { helpful: true }));
      await deps.uow((w) => recordFeedback(w, article.id, { helpful: false, comment: 'Screenshots are outdated' }));
      const counts = await deps.uow((w) => recordFeedback(w, article.id, { helpful: true }));
      assert.deepEqual(counts, { yes: 2, no: 1 });
      assert.deepEqual((await findArticleById(deps.store.db, article.id)).helpful, { yes: 2, no: 1 });
    });

    test('related articles share tags or the category first, then search similarity', async () => {
      const base = await buildArticle(deps, { title: 'Pelican care basics', category: 'birds', tags: ['pelican', 'care'] });
      const twoTags = await buildArticle(deps, { title: 'Feeding', category: 'other', tags: ['pelican', 'care'] });
      const sameCategory = await buildArticle(deps, { title: 'Nesting', category: 'birds' });
      const similar = await buildArticle(deps, { title: 'Pelican care for experts', category: 'misc' });
      await buildArticle(deps, { title: 'Hidden pelican care', category: 'birds', tags: ['pelican', 'care'], status: 'draft' });
      const related = await relatedArticles(deps.store.db, base.id, 3);
      assert.deepEqual(related.map((r) => [r.slug, r.reason]), [[twoTags.slug, 'tags'], [sameCategory.slug, 'category'], [similar.slug, 'similar']]);
    });

    test('unknown categories are created once, named in the article locale', async () => {
      await buildArticle(deps, { category: 'Billing & Plans' });
      await buildArticle(deps, { category: 'billing-plans' });
      const matching = (await listCategories(deps.store.db)).filter((c) => c.slug === 'billing-plans');
      assert.equal(matching.length, 1);
      assert.equal(matching[0]!.names.en, 'Billing & Plans');
    });

    test('a category named by its slug alone is named in no language: every locale shows it, until it gets names', async () => {
      const de = await buildArticle(deps, { category: 'shipping', locale: 'de', title: 'Versand' });
      assert.equal(de.category?.name, 'Shipping');
      const category = (await listCategories(deps.store.db)).find((c) => c.slug === 'shipping')!;
      assert.deepEqual(category.names, { en: 'Shipping' });
      assert.equal(categoryName(category, 'de'), 'Shipping');
      const named = await deps.uow((work) => saveCategory(work.trx, { slug: 'shipping', names: { de: 'Versand & Lieferung' } }, work.now));
      assert.deepEqual([categoryName(named, 'de'), categoryName(named, 'en')], ['Versand & Lieferung', 'Shipping']);
      assert.equal(categoryName({ slug: 'only-german', names: { de: 'Nur Deutsch' } }, 'en'), 'Nur Deutsch');
      assert.equal(categoryName({ slug: 'no-names', names: {} }, 'de'), 'No names');
    });
  });
}

describe('article Markdown and images', () => {
  test('Markdown renders to sanitized HTML: no scripts, handlers or javascript: links; external links open safely', () => {
    const html = renderMarkdown('# Hi\n\n<script>alert(1)</script><img src=x onerror=alert(1)>\n\n[a](javascript:alert(1)) [b](https://example.org) ![c](/help/images/c-0123456789ab.png) ![d](/help/images/../../etc/x.png) ![e](images/e.png) ![f](http://example.org/f.png) ![g](https://example.org/g.png)');
    assert.doesNotMatch(html, /<script|onerror|href="javascript:/);
    assert.match(html, /<a href="https:\/\/example.org" rel="noopener noreferrer nofollow" target="_blank">b<\/a>/);
    assert.match(html, /<img src="\/help\/images\/c-0123456789ab.png" alt="c" loading="lazy" decoding="async" \/>/);
    assert.match(html, /<img src="https:\/\/example.org\/g.png"/);
    assert.deepEqual([...html.matchAll(/<img src="([^"]*)"/g)].map((m) => m[1]), ['/help/images/c-0123456789ab.png', 'https://example.org/g.png'], 'other sources are dropped');
  });

  test('saveImage keeps PNG, JPEG, GIF and WebP by content under the data dir and refuses anything else', () => {
    const dir = mkdtempSync(join(tmpdir(), 'careline-images-'));
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('rest')]);
    const saved = saveImage(dir, 'Screen Shot 1.PNG', png);
    assert.match(saved.url, /^\/help\/images\/screen-shot-1-[0-9a-f]{12}\.png$/);
    assert.equal(saveImage(dir, saved.name, png).name, saved.name, 'an exported name imports back to itself');
    assert.ok(existsSync(saved.file));
    assert.deepEqual(readFileSync(saved.file), png);
    assert.throws(() => saveImage(dir, 'x.svg', Buffer.from('<svg onload="alert(1)"/>')), /Only PNG/);
  });
});
