import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDeps } from '../../test/support/builders.ts';
import { DIALECTS, dialectSkip } from '../../test/support/stores.ts';
import { categoryName, findArticleBySlug, listCategories } from '../modules/helpcenter/index.ts';
import { seedHelpCenter } from './seed-helpcenter.ts';

for (const dialect of DIALECTS) {
  describe(`demo help center seed on ${dialect}`, { skip: await dialectSkip(dialect) }, () => {
    let deps: Awaited<ReturnType<typeof testDeps>>;
    before(async () => {
      deps = await testDeps(dialect);
    });
    after(() => deps.close());

    test('imports every demo article and names the categories per locale, English where German has no name', async () => {
      const report = await seedHelpCenter(deps);
      assert.deepEqual(report?.failed, []);
      assert.ok((report?.created ?? 0) >= 30);
      const bySlug = new Map((await listCategories(deps.store.db)).map((c) => [c.slug, c]));
      assert.equal(categoryName(bySlug.get('account')!, 'de'), 'Konto & Wiederherstellung');
      assert.equal(categoryName(bySlug.get('account')!, 'en'), 'Account & recovery');
      assert.equal(categoryName(bySlug.get('everyday')!, 'de'), 'Everyday use');
      const german = await findArticleBySlug(deps.store.db, 'refund-policy', 'de');
      assert.equal(german?.category?.name, 'Abrechnung');
      assert.equal((await seedHelpCenter(deps))?.created, 0, 'seeding again creates nothing');
    });
  });
}
