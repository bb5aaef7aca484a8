import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { listFeedback, type Article } from '../modules/helpcenter/index.ts';
import { seedSiteArticles } from '../../test/support/articles.ts';
import { call, testApp, type Reply, type TestApp } from '../../test/support/http.ts';
import { DIALECTS, dialectSkip } from '../../test/support/stores.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** Asserts what every help-center page has: HTML, title, description, canonical, Open Graph, landmarks, no inline script. */
function assertPage(res: Reply, expected: { status?: number; title: RegExp; canonical?: string; lang?: string }): void {
  const where = `${res.status} ${res.text.slice(0, 300)}`;
  assert.equal(res.status, expected.status ?? 200, where);
  assert.match(String(res.headers['content-type']), /^text\/html; charset=utf-8/, where);
  assert.match(res.text, new RegExp(`<html lang="${expected.lang ?? 'en'}">`));
  assert.match(res.text, /<meta name="viewport" content="width=device-width, initial-scale=1">/);
  const title = /<title>([^<]*)<\/title>/.exec(res.text)?.[1] ?? '';
  assert.match(title, expected.title);
  assert.match(res.text, /<meta name="description" content="[^"]+">/);
  assert.match(res.text, /<meta property="og:title" content="[^"]+">/);
  if (expected.canonical) assert.ok(res.text.includes(`<link rel="canonical" href="${expected.canonical}">`), `canonical ${expected.canonical} in ${where}`);
  for (const landmark of [/<header class="site-header">/, /<nav aria-label="[^"]+">/, /<main id="main"/, /<footer class="site-footer">/, /<a class="skip-link" href="#main">/]) assert.match(res.text, landmark);
  assert.match(res.text, /<div id="incident-banner" role="status"><\/div>/);
  for (const script of res.text.match(/<script[^>]*>/g) ?? []) assert.match(script, / src="\/helpcenter\/assets\/site\.js\?v=[\w-]+"/, 'no inline scripts');
  assert.match(String(res.headers['content-security-policy']), /script-src 'self'/);
}

for (const dialect of DIALECTS) {
  describe(`help center site on ${dialect}`, { skip: await dialectSkip(dialect) }, () => {
    let t: TestApp;
    let a: Record<string, Article>;
    let base: string;

    before(async () => {
      t = await testApp(dialect);
      a = await seedSiteArticles(t.deps);
      base = t.deps.config.publicUrl;
    });
    after(() => t.close());

    test('/help lists topics with article counts, popular articles and a labelled search box', async () => {
      const res = await call(t.app, 'GET', '/help');
      assertPage(res, { title: /^How can we help\? · Help Center$/, canonical: `${base}/help` });
      assert.match(res.text, /<a class="card" href="\/help\/categories\/sync"><span class="card-title">Sync<\/span><span class="card-count">2 articles<\/span><\/a>/);
      assert.match(res.text, /<span class="card-title">Billing<\/span><span class="card-count">1 article<\/span>/);
      assert.match(res.text, /<label for="home-search">Search the help center<\/label>/);
      assert.match(res.text, /<input id="home-search" type="search" name="q"/);
      assert.match(res.text, /<h2 id="popular-title">Popular articles<\/h2>/);
      assert.match(res.text, /Using &lt;b&gt; &amp; &quot;quotes&quot; in notes/, 'titles are escaped');
      assert.doesNotMatch(res.text, /Unreleased feature/, 'drafts are not listed');
      assert.match(res.text, /<link rel="alternate" hreflang="de" href="[^"]+\/de\/help">/);
    });

    test('the landing page links to the help center', async () => {
      const res = await call(t.app, 'GET', '/');
      assert.match(res.text, /<a href="\/help">Help Center<\/a>/);
    });

    test('a topic page lists its published articles with breadcrumbs; an unknown topic is an HTML 404', async () => {
      const res = await call(t.app, 'GET', '/help/categories/sync');
      assertPage(res, { title: /^Sync · Help Center$/, canonical: `${base}/help/categories/sync` });
      assert.match(res.text, /<nav class="breadcrumbs" aria-label="Breadcrumb">/);
      assert.match(res.text, /href="\/articles\/vault-not-syncing"/);
      assert.match(res.text, /href="\/articles\/last-synced"/);
      assert.doesNotMatch(res.text, /unreleased-feature/);
      const missing = await call(t.app, 'GET', '/help/categories/no-such-topic');
      assertPage(missing, { status: 404, title: /^Page not found/ });
    });

    test('an article page has breadcrumbs, last updated, hreflang alternates, related articles and the feedback form', async () => {
      const res = await call(t.app, 'GET', '/articles/vault-not-syncing');
      assertPage(res, { title: /^Vault not syncing between devices · Help Center$/, canonical: `${base}/articles/vault-not-syncing` });
      assert.match(res.text, /<meta property="og:type" content="article">/);
      assert.match(res.text, /<li><a href="\/help">Help Center<\/a><\/li><li><a href="\/help\/categories\/sync">Sync<\/a><\/li><li><span aria-current="page">Vault not syncing between devices<\/span><\/li>/);
      assert.match(res.text, /Last updated <time datetime="[^"]+">/);
      assert.match(res.text, /<link rel="alternate" hreflang="en" href="[^"]+\/articles\/vault-not-syncing">/);
      assert.match(res.text, /<link rel="alternate" hreflang="de" href="[^"]+\/de\/articles\/vault-not-syncing">/);
      assert.match(res.text, /<link rel="alternate" hreflang="x-default" href="[^"]+\/articles\/vault-not-syncing">/);
      assert.match(res.text, /<strong>File → Sync now<\/strong>/, 'the body is rendered Markdown');
      assert.match(res.text, /<h2 id="related-title">Related articles<\/h2>\s*<ul><li><a href="\/articles\/last-synced">/);
      assert.match(res.text, /<form method="post" action="\/articles\/vault-not-syncing\/feedback">/);
      assert.match(res.text, /<button type="submit" name="helpful" value="yes">Yes<\/button>/);
      assert.match(res.text, /<label for="feedback-comment">/);
    });

    test('unknown, malformed and draft article slugs answer an HTML 404 page, not JSON', async () => {
      for (const url of ['/articles/no-such-article', '/articles/unreleased-feature', '/articles/Bad%20Slug', '/articles/a/b', '/help/nothing/here', '/de/articles/no-such-article', '/de/nothing']) {
        const res = await call(t.app, 'GET', url);
        assertPage(res, { status: 404, title: /^(Page not found|Seite nicht gefunden) · /, lang: url.startsWith('/de') ? 'de' : 'en' });
        assert.match(res.text, url.startsWith('/de') ? /href="\/de\/contact"/ : /href="\/contact"/);
      }
      const slash = await call(t.app, 'GET', '/de/help/');
      assert.equal(slash.status, 301);
      assert.equal(slash.headers.location, '/de/help');
    });

    test('German pages are in German; an untranslated article falls back to English with a note', async () => {
      const de = await call(t.app, 'GET', '/de/articles/vault-not-syncing');
      assertPage(de, { title: /^Tresor synchronisiert nicht zwischen Geräten · Hilfe-Center$/, canonical: `${base}/de/articles/vault-not-syncing`, lang: 'de' });
      assert.match(de.text, /War dieser Artikel hilfreich\?/);
      assert.doesNotMatch(de.text, /class="note"/);

      const fallback = await call(t.app, 'GET', '/de/articles/install-linux');
      assertPage(fallback, { title: /^Install Vaultly on Linux · Hilfe-Center$/, canonical: `${base}/articles/install-linux`, lang: 'de' });
      assert.match(fallback.text, /<article class="article" lang="en">/);
      assert.match(fallback.text, /<p class="note" lang="de">Diesen Artikel gibt es noch nicht auf Deutsch/);
      assert.match(fallback.text, /<link rel="alternate" hreflang="en" href="[^"]+\/articles\/install-linux">/);

      const home = await call(t.app, 'GET', '/de/help');
      assertPage(home, { title: /^Wie können wir helfen\? · Hilfe-Center$/, canonical: `${base}/de/help`, lang: 'de' });
      assert.match(home.text, /<span class="card-title">Installation<\/span><span class="card-count">1 Artikel<\/span>/, 'English-only articles count on German pages');
      assert.match(home.text, /<span class="badge">Englisch<\/span>/);
    });

    test('sitemap.xml lists published articles in every locale and the topic pages; robots.txt points to it', async () => {
      const res = await call(t.app, 'GET', '/sitemap.xml');
      assert.equal(res.status, 200);
      assert.match(String(res.headers['content-type']), /^application\/xml/);
      for (const loc of ['/articles/vault-not-syncing', '/de/articles/vault-not-syncing', '/articles/charged-twice', '/articles/install-linux', '/help', '/de/help', '/help/categories/sync', '/de/help/categories/billing']) {
        assert.ok(res.text.includes(`<loc>${base}${loc}</loc>`), `${loc} in the sitemap`);
      }
      assert.doesNotMatch(res.text, /unreleased-feature|\/de\/articles\/install-linux/);
      assert.match(res.text, /<xhtml:link rel="alternate" hreflang="de" href="[^"]+\/de\/articles\/vault-not-syncing"\/>/);
      const robots = await call(t.app, 'GET', '/robots.txt');
      assert.equal(robots.status, 200);
      assert.match(robots.text, new RegExp(`^Sitemap: ${base}/sitemap.xml$`, 'm'));
      assert.match(robots.text, /^Disallow: \/api\/$/m);
    });

    test('"Was this helpful?" is a plain form post that records the verdict and comment and says thank you', async () => {
      const yes = await call(t.app, 'POST', '/articles/charged-twice/feedback', { headers: FORM, payload: 'helpful=yes&comment=Clear+%3Cb%3Eanswer%3C%2Fb%3E' });
      assertPage(yes, { title: /^Thank you for your feedback/ });
      assert.match(yes.text, /href="\/articles\/charged-twice"/);
      const no = await call(t.app, 'POST', '/de/articles/vault-not-syncing/feedback', { headers: FORM, payload: 'helpful=no&comment=' });
      assertPage(no, { title: /^Danke für Ihr Feedback/, lang: 'de' });
      assert.match(no.text, /href="\/de\/contact"/);
      const recorded = await listFeedback(t.deps.store.db, a.charged!.id);
      assert.deepEqual(recorded.map((f) => [f.helpful, f.comment]), [[true, 'Clear <b>answer</b>']]);
      const german = await listFeedback(t.deps.store.db, a.syncDe!.id);
      assert.deepEqual(german.map((f) => [f.helpful, f.comment]), [[false, null]]);
      const bad = await call(t.app, 'POST', '/articles/charged-twice/feedback', { headers: FORM, payload: 'helpful=maybe' });
      assertPage(bad, { status: 400, title: /^Something went wrong/ });
      const missing = await call(t.app, 'POST', '/articles/no-such-article/feedback', { headers: FORM, payload: 'helpful=yes' });
      assertPage(missing, { status: 404, title: /^Page not found/ });
    });

    test('search shows the result count and highlighted snippets, and helps with a contact link when nothing matches', async () => {
      const res = await call(t.app, 'GET', '/search?q=charged+twice');
      assertPage(res, { title: /^Search results for “charged twice” · Help Center$/ });
      assert.match(res.text, /<meta name="robots" content="noindex">/);
      assert.match(res.text, /<p class="count">1 result<\/p>/);
      assert.match(res.text, /<h2><a href="\/articles\/charged-twice">Charged twice for one subscription<\/a><\/h2>/);
      assert.match(res.text, /<mark>charged<\/mark> <mark>twice<\/mark>/i);
      assert.match(res.text, /<input id="search-page" type="search" name="q" value="charged twice"/);
      const none = await call(t.app, 'GET', '/search?q=quantum+entanglement+widget');
      assertPage(none, { title: /^Search results for/ });
      assert.match(none.text, /No articles match your search\./);
      assert.match(none.text, /<a class="button" href="\/contact\?q=quantum%20entanglement%20widget">Contact support<\/a>/);
    });

    test('search is HTML-safe for hostile queries', async () => {
      const hostile = '<script>alert(1)</script>"><img src=x onerror=alert(2)> sync';
      const res = await call(t.app, 'GET', `/search?q=${encodeURIComponent(hostile)}`);
      assertPage(res, { title: /^Search results for “&lt;script&gt;alert\(1\)&lt;\/script&gt;&quot;&gt;&lt;img/ });
      assert.doesNotMatch(res.text, /<script>alert|<img src=x|onerror=alert\(2\)>/);
      assert.match(res.text, /value="&lt;script&gt;alert\(1\)&lt;\/script&gt;&quot;&gt;&lt;img src=x onerror=alert\(2\)&gt; sync"/);
      const german = await call(t.app, 'GET', `/de/search?q=${encodeURIComponent('</title><script>x</script>')}`);
      assert.doesNotMatch(german.text, /<\/title><script>/);
    });

    test('assets are served with long cache headers; the CSS covers dark mode and visible focus', async () => {
      const page = await call(t.app, 'GET', '/help');
      const css = /href="(\/helpcenter\/assets\/site\.css\?v=[\w-]+)"/.exec(page.text)![1]!;
      const res = await call(t.app, 'GET', css);
      assert.equal(res.status, 200);
      assert.match(String(res.headers['content-type']), /^text\/css/);
      assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
      assert.match(res.text, /prefers-color-scheme: dark/);
      assert.match(res.text, /:focus-visible/);
      const js = await call(t.app, 'GET', '/helpcenter/assets/site.js');
      assert.match(String(js.headers['content-type']), /^text\/javascript/);
      assert.match(js.text, /\/api\/v1\/helpcenter\/suggest/);
      assert.equal((await call(t.app, 'GET', '/helpcenter/assets/secrets.env')).status, 404);
    });
  });
}
