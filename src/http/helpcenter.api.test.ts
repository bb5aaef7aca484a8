import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertProblem, call, testApp, type TestApp } from '../../test/support/http.ts';
import { DIALECTS, dialectSkip } from '../../test/support/stores.ts';

for (const dialect of DIALECTS) {
  describe(`help center API on ${dialect}`, { skip: await dialectSkip(dialect) }, () => {
    let t: TestApp;
    let agent: { token: string };
    let admin: { token: string };
    let viewer: { token: string };
    before(async () => {
      t = await testApp(dialect, { PUBLIC_URL: 'https://help.example.com' });
      agent = { token: await t.tokenFor('agent') };
      admin = { token: await t.tokenFor('admin') };
      viewer = { token: await t.tokenFor('viewer') };
    });
    after(() => t.close());

    const create = (body: Record<string, unknown>) => call(t.app, 'POST', '/api/v1/helpcenter/articles', { as: agent, body });

    test('agents write, edit and publish; revisions diff and restore; viewers and the public cannot', async () => {
      assertProblem(await call(t.app, 'POST', '/api/v1/helpcenter/articles', { as: viewer, body: { title: 'x', body: 'y' } }), 403);
      assertProblem(await call(t.app, 'POST', '/api/v1/helpcenter/articles', { body: { title: 'x', body: 'y' } }), 401);
      const made = await create({ title: 'Turn on two-step login', body: 'Open **Settings**.', category: 'Security', tags: ['2FA'] });
      assert.equal(made.status, 201);
      assert.equal(made.body.slug, 'turn-on-two-step-login');
      assert.equal(made.body.status, 'draft');
      assert.equal(made.body.html, '<p>Open <strong>Settings</strong>.</p>\n');
      assert.deepEqual(made.body.category, { slug: 'security', name: 'Security' });
      const id = made.body.id as number;
      assertProblem(await call(t.app, 'GET', '/api/v1/helpcenter/articles/turn-on-two-step-login'), 404);
      const edited = await call(t.app, 'PATCH', `/api/v1/helpcenter/articles/${id}`, { as: agent, body: { body: 'Open **Settings** → Security.', note: 'path' } });
      assert.equal(edited.body.revision, 2);
      const published = await call(t.app, 'POST', `/api/v1/helpcenter/articles/${id}/publish`, { as: agent });
      assert.equal(published.body.status, 'published');
      assert.equal(published.body.url, 'https://help.example.com/articles/turn-on-two-step-login');
      const revisions = await call(t.app, 'GET', `/api/v1/helpcenter/articles/${id}/revisions`, { as: agent });
      assert.deepEqual(revisions.body.items.map((r: { number: number }) => r.number), [2, 1]);
      const diff = await call(t.app, 'GET', `/api/v1/helpcenter/articles/${id}/revisions/diff?from=1&to=2`, { as: agent });
      assert.match(diff.body.diff, /^-Open \*\*Settings\*\*\.$/m);
      const restored = await call(t.app, 'POST', `/api/v1/helpcenter/articles/${id}/revisions/1/restore`, { as: agent });
      assert.equal(restored.body.changed, true);
      assert.equal(restored.body.article.body, 'Open **Settings**.');
      const byId = await call(t.app, 'GET', `/api/v1/helpcenter/articles/by-id/${id}`, { as: agent });
      assert.equal(byId.body.revision, 3);
      assertProblem(await call(t.app, 'PATCH', `/api/v1/helpcenter/articles/${id}`, { as: agent, body: { slug: 'Not A Slug' } }), 400);
    });

    test('public search returns ranked results with HTML-safe snippets and per-locale URLs', async () => {
      const en = await create({ title: 'Refund policy', body: 'We refund any payment within 30 days (fees < 5 € & more).', status: 'published', slug: 'refund-policy' });
      await create({ title: 'Rückerstattung', body: 'Wir erstatten jede Zahlung.', status: 'published', slug: 'refund-policy', locale: 'de' });
      assert.equal(en.status, 201);
      const res = await call(t.app, 'GET', '/api/v1/helpcenter/search?q=refnd%20payment');
      assert.equal(res.status, 200);
      const [top] = res.body.results;
      assert.deepEqual([top.slug, top.title, top.url], ['refund-policy', 'Refund policy', 'https://help.example.com/articles/refund-policy']);
      assert.equal(top.snippet, 'We <mark>refund</mark> any <mark>payment</mark> within 30 days (fees &lt; 5 € &amp; more).');
      assert.equal(typeof top.score, 'number');
      const de = await call(t.app, 'GET', '/api/v1/helpcenter/search?q=Zahlung&locale=de');
      assert.equal(de.body.results[0].url, 'https://help.example.com/de/articles/refund-policy');
      assertProblem(await call(t.app, 'GET', '/api/v1/helpcenter/search?q='), 400);
      assertProblem(await call(t.app, 'GET', '/api/v1/helpcenter/search?q=x&locale=fr'), 400);
      const suggest = await call(t.app, 'GET', '/api/v1/helpcenter/suggest?q=refu');
      assert.deepEqual(suggest.body.suggestions.map((s: { slug: string }) => s.slug), ['refund-policy']);
    });

    test('public article reads fall back to English and feedback counts', async () => {
      await create({ title: 'Install on Linux', body: 'Use the AppImage.', status: 'published', slug: 'install-linux' });
      const res = await call(t.app, 'GET', '/api/v1/helpcenter/articles/install-linux?locale=de');
      assert.equal(res.status, 200);
      assert.deepEqual([res.body.locale, res.body.requested_locale, res.body.fallback], ['en', 'de', true]);
      assert.equal(res.body.body, undefined, 'the public gets HTML, not the Markdown source');
      const yes = await call(t.app, 'POST', '/api/v1/helpcenter/articles/install-linux/feedback', { body: { helpful: true } });
      assert.equal(yes.status, 201);
      const no = await call(t.app, 'POST', '/api/v1/helpcenter/articles/install-linux/feedback?locale=de', { body: { helpful: false, comment: 'Which distro?' } });
      assert.deepEqual(no.body.helpful, { yes: 1, no: 1 });
      assertProblem(await call(t.app, 'POST', '/api/v1/helpcenter/articles/nope/feedback', { body: { helpful: true } }), 404);
      const listed = await call(t.app, 'GET', '/api/v1/helpcenter/articles?locale=en&status=published', { as: agent });
      const id = listed.body.items.find((a: { slug: string }) => a.slug === 'install-linux').id;
      const comments = await call(t.app, 'GET', `/api/v1/helpcenter/articles/${id}/feedback`, { as: agent });
      assert.deepEqual(comments.body.items.map((f: { helpful: boolean; comment: string | null }) => [f.helpful, f.comment]), [[false, 'Which distro?'], [true, null]]);
    });

    test('admins manage synonyms and read analytics; agents cannot', async () => {
      assertProblem(await call(t.app, 'POST', '/api/v1/helpcenter/synonyms', { as: agent, body: { phrase: 'money back', expansions: ['refund'] } }), 403);
      const made = await call(t.app, 'POST', '/api/v1/helpcenter/synonyms', { as: admin, body: { phrase: 'Money  Back', expansions: ['refund'] } });
      assert.equal(made.status, 201);
      assert.equal(made.body.phrase, 'money back');
      assertProblem(await call(t.app, 'POST', '/api/v1/helpcenter/synonyms', { as: admin, body: { phrase: 'money back', expansions: ['x'] } }), 409);
      const search = await call(t.app, 'GET', '/api/v1/helpcenter/search?q=money%20back&session=visitor-1');
      assert.equal(search.body.results[0].slug, 'refund-policy');
      await call(t.app, 'GET', '/api/v1/helpcenter/search?q=teleportation');
      const patched = await call(t.app, 'PATCH', `/api/v1/helpcenter/synonyms/${made.body.id}`, { as: admin, body: { expansions: ['refund', 'reimbursement'] } });
      assert.deepEqual(patched.body.expansions, ['refund', 'reimbursement']);
      assert.equal((await call(t.app, 'DELETE', `/api/v1/helpcenter/synonyms/${made.body.id}`, { as: admin })).status, 204);
      assertProblem(await call(t.app, 'GET', '/api/v1/helpcenter/analytics', { as: agent }), 403);
      const report = await call(t.app, 'GET', '/api/v1/helpcenter/analytics', { as: admin });
      assert.equal(report.status, 200);
      assert.ok(report.body.searches >= 2);
      assert.deepEqual(report.body.no_result_searches, [{ query: 'teleportation', count: 1 }]);
      assert.ok(report.body.top_searches.some((s: { query: string }) => s.query === 'money back'));
      assert.equal(report.body.deflection.rate, null);
    });

    test('search is rate limited per IP', async () => {
      let status = 0;
      for (let i = 0; i < 121 && status !== 429; i++) status = (await call(t.app, 'GET', '/api/v1/helpcenter/search?q=refund', { ip: '203.0.113.7' })).status;
      assert.equal(status, 429);
      assert.equal((await call(t.app, 'GET', '/api/v1/helpcenter/search?q=refund', { ip: '203.0.113.8' })).status, 200);
    });
  });
}
