import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDeps } from '../../../../test/support/builders.ts';
import { buildArticle } from '../../../../test/support/helpcenter.ts';
import { DIALECTS, dialectSkip } from '../../../../test/support/stores.ts';
import { analyticsReport, findArticleById, HelpCenterAnalytics, recordFeedback } from '../index.ts';

for (const dialect of DIALECTS) {
  describe(`help center analytics on ${dialect}`, { skip: await dialectSkip(dialect) }, () => {
    let deps: Awaited<ReturnType<typeof testDeps>>;
    let analytics: HelpCenterAnalytics;
    before(async () => {
      deps = await testDeps(dialect);
      analytics = new HelpCenterAnalytics(deps.store, deps.clock, null, 60_000);
    });
    after(async () => {
      await analytics.close();
      await deps.close();
    });

    test('searches, views, feedback and the contact flow add up to the report', async () => {
      const good = await buildArticle(deps, { title: 'Good article' });
      const bad = await buildArticle(deps, { title: 'Bad article' });
      for (const q of ['refund', 'Refund ', 'refund', 'export']) analytics.recordSearch({ query: q, locale: 'en', resultCount: 2, topSlug: good.slug });
      analytics.recordSearch({ query: 'teleport', locale: 'en', resultCount: 0, topSlug: null, sessionId: 's9' });
      analytics.recordView(good.id, 's1');
      analytics.recordView(good.id);
      analytics.recordView(bad.id);
      await deps.uow((w) => recordFeedback(w, bad.id, { helpful: false, comment: 'wrong' }));
      await deps.uow((w) => recordFeedback(w, bad.id, { helpful: false }));
      await deps.uow((w) => recordFeedback(w, good.id, { helpful: true }));
      // s1 and s2 open an article and leave; s3 submits; s4 only visits.
      for (const [kind, session] of [['visit', 's1'], ['article_opened', 's1'], ['visit', 's2'], ['article_opened', 's2'], ['visit', 's3'], ['article_opened', 's3'], ['submitted', 's3'], ['visit', 's4']] as const) {
        analytics.recordContactEvent(kind, session);
      }
      await analytics.flush();
      const report = await analyticsReport(deps.store.db, { now: new Date() });
      assert.equal(report.searches, 5);
      assert.deepEqual(report.topSearches.slice(0, 2), [{ query: 'refund', count: 3 }, { query: 'export', count: 1 }]);
      assert.deepEqual(report.noResultSearches, [{ query: 'teleport', count: 1 }]);
      assert.deepEqual(report.unhelpfulArticles.map((a) => [a.slug, a.helpful, a.unhelpful]), [[bad.slug, 0, 2]]);
      assert.deepEqual(report.topArticles.map((a) => [a.slug, a.views]), [[good.slug, 2], [bad.slug, 1]]);
      assert.deepEqual(report.deflection, { visits: 4, openedArticle: 3, submitted: 1, deflected: 2, rate: 0.5 });
      assert.equal((await findArticleById(deps.store.db, good.id)).viewCount, 2);
    });
  });
}
