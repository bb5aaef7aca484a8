import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SYSTEM, testDeps } from '../../../../test/support/builders.ts';
import { buildArticle } from '../../../../test/support/helpcenter.ts';
import { DIALECTS, dialectSkip } from '../../../../test/support/stores.ts';
import { createSynonym, deleteSynonym, searchArticles, suggestArticles, updateArticle, type Article } from '../index.ts';

const LONG_BODY = Array.from({ length: 12 }, (_, i) => `Paragraph ${i} about settings and options of the desktop app.`).join('\n\n');

for (const dialect of DIALECTS) {
  describe(`help center search on ${dialect}`, { skip: await dialectSkip(dialect) }, () => {
    let deps: Awaited<ReturnType<typeof testDeps>>;
    const a: Record<string, Article> = {};
    const slugs = async (q: string, locale: 'en' | 'de' = 'en'): Promise<string[]> => (await searchArticles(deps.store.db, { q, locale })).map((h) => h.slug);

    before(async () => {
      deps = await testDeps(dialect);
      a.exportTitle = await buildArticle(deps, { slug: 'export-vault', title: 'Export your vault', body: 'Download a copy of every item as a file.', tags: ['backup'] });
      a.exportBody = await buildArticle(deps, { slug: 'desktop-settings', title: 'Desktop settings', body: `${LONG_BODY}\n\nYou can export logs and export settings; export is under Help.` });
      a.password = await buildArticle(deps, { slug: 'reset-master-password', title: 'Reset your master password', body: 'Forgot your master password? Use the recovery code from your emergency kit.' });
      a.refund = await buildArticle(deps, { slug: 'refund-policy', title: 'Refund policy', body: 'We refund any payment within 30 days.', category: 'billing' });
      a.sync = await buildArticle(deps, { slug: 'sync-errors', title: 'Sync errors', body: 'E-4012 means the sync server is unreachable. Check your firewall.' });
      a.otherCode = await buildArticle(deps, { slug: 'install-errors', title: 'Installer errors', body: 'E-4013 means the installer is damaged; 4012 is not an error code.' });
      a.crash = await buildArticle(deps, { slug: 'crash-421', title: 'App crashes on startup', body: 'Version 4.2.1 crashes when the vault is empty. Update to 4.2.2.' });
      a.crash10 = await buildArticle(deps, { slug: 'release-notes', title: 'Release notes', body: 'Version 4.2.10 adds passkeys. Version 4.2 added themes.' });
      a.html = await buildArticle(deps, { slug: 'embed-widget', title: 'Embed the widget', body: 'Paste `<script src="widget.js"></script>` into your page & the widget appears.' });
      a.draft = await buildArticle(deps, { slug: 'secret-roadmap', title: 'Roadmap: teleportation', body: 'Teleportation ships next year.', status: 'draft' });
      a.bothEn = await buildArticle(deps, { slug: 'change-email', title: 'Change your email address', body: 'Open settings and change the email.' });
      a.bothDe = await buildArticle(deps, { slug: 'change-email', locale: 'de', title: 'E-Mail-Adresse ändern', body: 'Öffnen Sie die Einstellungen und ändern Sie die E-Mail-Adresse.' });
      a.onlyEn = await buildArticle(deps, { slug: 'email-notifications', title: 'Email notifications', body: 'Choose which email notifications you get.' });
    });
    after(() => deps.close());

    test('the title weighs more than the body', async () => {
      const found = await slugs('export');
      assert.deepEqual(found.slice(0, 2), ['export-vault', 'desktop-settings']);
    });

    test('a word still being typed matches by prefix, in search and in type-ahead', async () => {
      assert.equal((await slugs('reset mast'))[0], 'reset-master-password');
      const suggestions = await suggestArticles(deps.store.db, { q: 'master passw' });
      assert.deepEqual(suggestions.map((s) => s.title), ['Reset your master password']);
      assert.deepEqual(await suggestArticles(deps.store.db, { q: 'teleport' }), [], 'drafts are never suggested');
    });

    test('a misspelt word still finds its article', async () => {
      assert.equal((await slugs('pasword reset'))[0], 'reset-master-password');
      assert.equal((await slugs('refnud'))[0], 'refund-policy');
      assert.equal((await slugs('emergancy kit'))[0], 'reset-master-password');
    });

    test('admin synonyms expand the query, and stop once removed', async () => {
      assert.notEqual((await slugs('money back'))[0], 'refund-policy');
      const synonym = await deps.uow((w) => createSynonym(w.trx, { phrase: 'money back', expansions: ['refund'] }, w.now));
      assert.equal((await slugs('how do I get my money back'))[0], 'refund-policy');
      await deps.uow((w) => deleteSynonym(w.trx, synonym.id));
      assert.notEqual((await slugs('money back'))[0], 'refund-policy');
    });

    test('error codes and version numbers match exactly', async () => {
      assert.deepEqual(await slugs('E-4012'), ['sync-errors']);
      assert.deepEqual(await slugs('e4012'), ['sync-errors']);
      assert.deepEqual(await slugs('E-4013'), ['install-errors']);
      assert.deepEqual(await slugs('4.2.1'), ['crash-421']);
      assert.deepEqual(await slugs('4.2.10'), ['release-notes']);
      assert.deepEqual(await slugs('E-4099'), []);
    });

    test('snippets highlight the matched words and escape everything else', async () => {
      const [hit] = await searchArticles(deps.store.db, { q: 'script widget' });
      assert.equal(hit?.slug, 'embed-widget');
      assert.match(hit!.snippet, /&lt;<mark>script<\/mark> src=&quot;<mark>widget<\/mark>\.js&quot;&gt;/);
      assert.match(hit!.snippet, / &amp; the <mark>widget<\/mark> appears/);
      assert.doesNotMatch(hit!.snippet.replace(/<\/?mark>/g, ''), /[<>]/);
    });

    test('a German reader finds German articles and English ones that have no translation', async () => {
      const de = await searchArticles(deps.store.db, { q: 'email', locale: 'de' });
      assert.deepEqual(de.map((h) => [h.slug, h.locale]).sort(), [['change-email', 'de'], ['email-notifications', 'en']]);
      assert.deepEqual((await slugs('Adresse ändern', 'de'))[0], 'change-email');
      const en = await searchArticles(deps.store.db, { q: 'Einstellungen', locale: 'en' });
      assert.deepEqual(en, [], 'English readers do not get German articles');
    });

    test('only published articles are found; stop words alone find nothing', async () => {
      assert.deepEqual(await slugs('teleportation'), []);
      assert.deepEqual(await slugs('how do I the'), []);
      assert.deepEqual(await slugs('the refund'), await slugs('refund'));
    });

    test('the index changes in the same transaction as the article', async () => {
      await assert.rejects(
        deps.uow(async (w) => {
          await updateArticle(w, a.refund!.id, { title: 'Reimbursement rules' }, SYSTEM);
          throw new Error('roll back');
        }),
        /roll back/,
      );
      assert.deepEqual(await slugs('reimbursement'), []);
      await deps.uow((w) => updateArticle(w, a.refund!.id, { title: 'Reimbursement rules' }, SYSTEM));
      assert.deepEqual(await slugs('reimbursement'), ['refund-policy']);
    });
  });
}
