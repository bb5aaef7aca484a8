import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { listMessages, type Ticket } from '../modules/tickets/index.ts';
import { buildTicket } from '../../test/support/builders.ts';
import { call, testApp, type Reply, type TestApp } from '../../test/support/http.ts';
import { DIALECTS, dialectSkip } from '../../test/support/stores.ts';

const FORM = 'application/x-www-form-urlencoded';
const csrfOf = (html: string): string => /<input type="hidden" name="_csrf" value="([^"]*)">/.exec(html)![1]!;

/** A browser stand-in that keeps cookies by Path, from its own IP. */
function browser(t: TestApp, ip: string) {
  const jar = new Map<string, { value: string; path: string }>();
  const keep = (res: Reply): Reply => {
    const raw = res.headers['set-cookie'];
    for (const c of Array.isArray(raw) ? raw : raw ? [String(raw)] : []) {
      const [pair, ...attrs] = c.split(';');
      const at = pair!.indexOf('=');
      const path = attrs.map((a) => a.trim()).find((a) => a.toLowerCase().startsWith('path='))?.slice(5) ?? '/';
      jar.set(pair!.slice(0, at), { value: pair!.slice(at + 1), path });
    }
    return res;
  };
  const cookie = (url: string): Record<string, string> => {
    const sent = [...jar].filter(([, c]) => url.startsWith(c.path)).map(([k, c]) => `${k}=${c.value}`);
    return sent.length ? { cookie: sent.join('; ') } : {};
  };
  return {
    get: async (url: string): Promise<Reply> => keep(await call(t.app, 'GET', url, { headers: cookie(url), ip })),
    post: async (url: string, fields: Record<string, string>): Promise<Reply> =>
      keep(await call(t.app, 'POST', url, { headers: { ...cookie(url), 'content-type': FORM }, payload: new URLSearchParams(fields).toString(), ip })),
  };
}

for (const dialect of DIALECTS) {
  describe(`request tracking in German (/de/track) on ${dialect}`, { skip: await dialectSkip(dialect) }, () => {
    let t: TestApp;
    let ticket: Ticket;
    const email = `verfolgen-${process.pid}@example.org`;
    before(async () => {
      t = await testApp(dialect, { PUBLIC_URL: 'https://help.example.test' });
      ticket = await buildTicket(t.deps, { subject: 'Tresor gesperrt', customer: { identity: { kind: 'email', value: email }, name: 'Tilo' } });
    });
    after(() => t.close());

    test('the whole flow speaks German: form, answer, mail with a /de link, link page, thread, reply; the cookie stays under /de/track', async () => {
      const b = browser(t, '10.9.0.1');
      const form = await b.get('/de/track');
      assert.equal(form.status, 200);
      assert.match(form.text, /<html lang="de">/);
      assert.match(form.text, /<h1>Anfrage verfolgen<\/h1>/);
      assert.match(form.text, /<form class="contact-form" method="post" action="\/de\/track">/);
      assert.match(form.text, /href="\/track" hreflang="en"/, 'the language switch goes to the English tracking page');
      assert.match((await b.get('/track')).text, /href="\/de\/track" hreflang="de"/);

      const missing = await b.post('/de/track', { _csrf: csrfOf(form.text), reference: '', email });
      assert.equal(missing.status, 400);
      assert.match(missing.text, /Geben Sie die Referenz und Ihre E-Mail-Adresse ein\./);
      const sent = await b.post('/de/track', { _csrf: csrfOf(form.text), reference: ticket.reference, email });
      assert.equal(sent.status, 200);
      assert.match(sent.text, /Sehen Sie in Ihr Postfach/);

      const mail = await t.deps.store.db.selectFrom('outbound_emails').select(['subject', 'text']).where('to_address', '=', email).where('kind', '=', 'tracking').executeTakeFirstOrThrow();
      assert.equal(mail.subject, `[${ticket.reference}] Ihr Link, um Ihre Anfrage zu verfolgen`);
      const link = /https:\/\/help\.example\.test(\/de\/track\/[\w-]{43})/.exec(mail.text)?.[1];
      assert.ok(link, mail.text);

      const linkPage = await b.get(link);
      assert.match(linkPage.text, /<button type="submit">Meine Anfrage ansehen<\/button>/);
      const opened = await b.post(link, { _csrf: csrfOf(linkPage.text) });
      assert.equal(opened.status, 303);
      assert.equal(opened.headers.location, `/de/track/request/${ticket.reference}`);
      assert.match(String(opened.headers['set-cookie']), /Path=\/de\/track;/);
      assert.equal((await b.post(link, { _csrf: csrfOf(linkPage.text) })).status, 410);
      assert.match((await b.get(link)).text, /Dieser Link wurde schon benutzt/);

      const thread = await b.get(`/de/track/request/${ticket.reference}`);
      assert.equal(thread.status, 200);
      assert.match(thread.text, /Status: <strong class="status">Eingegangen: wartet auf unser Team<\/strong>/);
      const empty = await b.post(`/de/track/request/${ticket.reference}/reply`, { _csrf: csrfOf(thread.text), text: '  ' });
      assert.equal(empty.status, 400);
      assert.match(empty.text, /Schreiben Sie zuerst Ihre Antwort\./);
      const replied = await b.post(`/de/track/request/${ticket.reference}/reply`, { _csrf: csrfOf(thread.text), text: 'Danke, es geht wieder.' });
      assert.equal(replied.status, 303);
      assert.equal(replied.headers.location, `/de/track/request/${ticket.reference}?replied=1`);
      assert.match((await b.get(String(replied.headers.location))).text, /Ihre Antwort wurde hinzugefügt/);
      const texts = (await listMessages(t.deps.store.db, ticket.id)).map((m) => m.text);
      assert.ok(texts.includes('Danke, es geht wieder.'));
      assert.equal((await b.get(`/track/request/${ticket.reference}`)).status, 401, 'the German session cookie does not open the English pages');
    });

    test('an unknown German link is a German 404 page, an expired session a German 401 page', async () => {
      const b = browser(t, '10.9.0.2');
      const unknown = await b.get(`/de/track/${'x'.repeat(43)}`);
      assert.equal(unknown.status, 404);
      assert.match(unknown.text, /Dieser Link funktioniert nicht/);
      assert.match(unknown.text, /<a href="\/de\/track">Neuen Link anfordern<\/a>/);
      const noSession = await b.get(`/de/track/request/${ticket.reference}`);
      assert.equal(noSession.status, 401);
      assert.match(noSession.text, /Ihre Sitzung ist beendet/);
    });
  });
}
