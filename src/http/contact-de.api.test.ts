import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { analyticsFor, analyticsReport } from '../modules/helpcenter/index.ts';
import { listOutbox } from '../modules/outbox/index.ts';
import { findTicket } from '../modules/tickets/index.ts';
import { seedSiteArticles } from '../../test/support/articles.ts';
import { testApp, type TestApp } from '../../test/support/http.ts';
import { hiddenInputs, siteVisitor } from '../../test/support/site-visitor.ts';
import { DIALECTS, dialectSkip } from '../../test/support/stores.ts';

const SYNC = { name: 'Lena Fischer', email: 'lena.fischer@example.de', app_version: 'Vaultly 4.2.1 für Windows', os: 'Windows 11', devices: 'Laptop und iPhone 15', error_message: 'E-4012' };

for (const dialect of DIALECTS) {
  describe(`German contact form on ${dialect}`, { skip: await dialectSkip(dialect) }, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp(dialect);
      await seedSiteArticles(t.deps);
    });
    after(() => t.close());

    test('/de/contact asks in German and suggests German articles, English ones where no translation exists', async () => {
      const v = siteVisitor(t);
      const start = await v.get('/de/contact');
      assert.equal(start.status, 200);
      assert.match(start.text, /<html lang="de">/);
      assert.match(start.text, /<label for="field-q">Wobei brauchen Sie Hilfe\?<\/label>/);
      assert.match(start.text, /<form class="contact-start" method="get" action="\/de\/contact">/);
      assert.match(start.text, /<input type="radio" name="category" value="billing"> Abrechnung: Abbuchungen, Rechnungen, Tarife<\/label>/);
      assert.match(start.text, /data-contact-locale="de"/);
      assert.doesNotMatch(start.text, /What do you need help with|Choose a topic|Find answers/);
      const cs = hiddenInputs(start.text).cs!;

      const german = await v.get(`/de/contact?cs=${cs}&q=Tresor+synchronisiert+nicht&step=answers`);
      assert.match(german.text, /Diese Artikel beantworten vielleicht Ihre Frage/);
      assert.match(german.text, new RegExp(`<li><a href="/de/articles/vault-not-syncing\\?from=contact&amp;cs=${cs}">Tresor synchronisiert nicht zwischen Geräten</a>`));
      const english = await v.get(`/de/contact?cs=${cs}&q=charged+twice&step=answers`);
      assert.match(english.text, new RegExp(`<li lang="en"><a href="/de/articles/charged-twice\\?from=contact&amp;cs=${cs}">Charged twice for one subscription</a>`));
      const none = await v.get(`/de/contact?cs=${cs}&q=xylophon+quartett&step=answers`);
      assert.match(none.text, /Dazu haben wir keinen Artikel gefunden/);
    });

    test('step two, its errors and the confirmation are German; the ticket is made as in English', async () => {
      const v = siteVisitor(t);
      const missing = await v.get('/de/contact?q=&category=nonsense&step=details');
      assert.equal(missing.status, 400);
      assert.match(missing.text, /Beschreiben Sie in wenigen Worten, wobei Sie Hilfe brauchen/);
      assert.match(missing.text, /Wählen Sie das Thema, das am besten zu Ihrem Problem passt/);

      const form = await v.get('/de/contact?q=Sync+geht+nicht&category=sync&step=details');
      assert.equal(form.status, 200);
      assert.match(form.text, /Thema: <strong>Synchronisierung zwischen meinen Geräten<\/strong>/);
      assert.match(form.text, /<label for="field-devices">Betroffene Geräte<\/label>/);
      assert.match(form.text, /<label for="field-error-message">Die genaue Fehlermeldung \(optional\)<\/label>/);
      assert.match(form.text, /<form class="contact-form" method="post" action="\/de\/contact">/);
      assert.match(form.text, /<button type="submit">Anfrage senden<\/button>/);

      const bad = await v.post('/de/contact', { ...hiddenInputs(form.text), q: 'Sync geht nicht', ...SYNC, email: 'keine-adresse', devices: '' });
      assert.equal(bad.status, 400);
      assert.match(bad.text, /<h2>Bitte prüfen Sie Ihre Angaben<\/h2>/);
      assert.match(bad.text, /Geben Sie eine E-Mail-Adresse wie name@beispiel.de ein/);
      assert.match(bad.text, /Sagen Sie uns, welche Geräte betroffen sind/);
      assert.doesNotMatch(bad.text, /Enter an email address|Tell us which devices/);

      const expired = await v.post('/de/contact', { ...hiddenInputs(form.text), _csrf: '', q: 'Sync geht nicht', ...SYNC });
      assert.equal(expired.status, 403);
      assert.match(expired.text, /Ihr Formular ist abgelaufen/);

      const sent = await v.post('/de/contact', { ...hiddenInputs(form.text), q: 'Sync geht nicht', ...SYNC });
      assert.equal(sent.status, 303);
      const location = String(sent.headers.location);
      const reference = /^\/de\/contact\/sent\?ref=(CL-[0-9A-Z]{8})$/.exec(location)?.[1];
      assert.ok(reference, location);
      const done = await v.get(location);
      assert.match(done.text, /<h1>Wir haben Ihre Anfrage erhalten<\/h1>/);
      assert.match(done.text, new RegExp(`Ihre Vorgangsnummer lautet <strong class="reference">${reference}</strong>`));
      assert.match(done.text, /<a href="\/de\/help">Zurück zum Hilfe-Center<\/a>/);
      const ticket = await findTicket(t.deps.store.db, reference);
      assert.deepEqual([ticket.channel, ticket.subject, ticket.category, ticket.customer.email], ['web', 'Sync geht nicht', 'sync', 'lena.fischer@example.de']);
      const [mail] = await listOutbox(t.deps.store.db, { ticketId: ticket.id, limit: 5 });
      assert.equal(mail!.kind, 'acknowledgement');
      assert.equal(mail!.subject, `[${reference}] Wir haben Ihre Anfrage erhalten: Sync geht nicht`);
      assert.match(mail!.text!, new RegExp(`lassen ${reference} im Betreff stehen`));
      await analyticsFor(t.deps.store, t.deps.clock).flush();
      assert.ok((await analyticsReport(t.deps.store.db)).deflection.submitted >= 1);
    });

    test('German pages link to the German contact form', async () => {
      const home = await siteVisitor(t).get('/de/help');
      assert.match(home.text, /<a href="\/de\/contact">Kontakt<\/a>/);
      assert.match((await siteVisitor(t).get('/help')).text, /<a href="\/contact">Contact us<\/a>/);
    });
  });
}
