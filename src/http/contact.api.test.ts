import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { analyticsFor, analyticsReport } from '../modules/helpcenter/index.ts';
import { listOutbox } from '../modules/outbox/index.ts';
import { findTicket, listMessages } from '../modules/tickets/index.ts';
import { seedSiteArticles } from '../../test/support/articles.ts';
import { call, testApp, type Reply, type TestApp } from '../../test/support/http.ts';
import { hiddenInputs, siteVisitor } from '../../test/support/site-visitor.ts';
import { DIALECTS, dialectSkip } from '../../test/support/stores.ts';

const FORM = 'application/x-www-form-urlencoded';
const BILLING = { name: 'Tom Becker', email: 'tom.becker@example.net', account_email: 'tom@example.net', plan: 'Family', charge_issue: 'Two charges of $59.88 on 3 November.' };

for (const dialect of DIALECTS) {
  describe(`contact form that deflects on ${dialect}`, { skip: await dialectSkip(dialect) }, () => {
    let t: TestApp;
    const report = async () => {
      await analyticsFor(t.deps.store, t.deps.clock).flush();
      return (await analyticsReport(t.deps.store.db)).deflection;
    };

    before(async () => {
      t = await testApp(dialect);
      await seedSiteArticles(t.deps);
    });
    beforeEach(async () => {
      await analyticsFor(t.deps.store, t.deps.clock).flush();
      await t.deps.store.db.deleteFrom('helpcenter_contact_events').execute();
    });
    after(() => t.close());

    test('/contact starts a contact session, asks what you need help with, sets a SameSite=Strict visitor cookie and records a visit', async () => {
      const first = await call(t.app, 'GET', '/contact?q=refund', { ip: '10.7.0.1' });
      assert.equal(first.status, 303);
      assert.match(String(first.headers.location), /^\/contact\?q=refund&cs=[\w-]{22}$/);
      const v = siteVisitor(t);
      const res = await v.get('/contact');
      assert.equal(res.status, 200);
      assert.match(res.text, /<label for="field-q">What do you need help with\?<\/label>/);
      assert.match(res.text, /<button type="submit" name="step" value="answers" class="secondary">Find answers<\/button>/);
      assert.match(res.text, /<input type="radio" name="category" value="billing">/);
      assert.match(String(res.headers['set-cookie']), /careline_visitor=[\w-]+; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Strict/);
      assert.equal(res.headers['cache-control'], 'private, no-cache');
      assert.deepEqual(await report(), { visits: 2, openedArticle: 0, submitted: 0, deflected: 0, rate: 0 });
    });

    test('without JavaScript, "Find answers" shows matching articles whose links carry the contact session', async () => {
      const v = siteVisitor(t);
      const cs = hiddenInputs((await v.get('/contact')).text).cs!;
      const res = await v.get(`/contact?cs=${cs}&q=charged+twice&step=answers`);
      assert.equal(res.status, 200);
      assert.match(res.text, new RegExp(`<a href="/articles/charged-twice\\?from=contact&amp;cs=${cs}">Charged twice for one subscription</a>`));
      assert.match(res.text, /<input id="field-q" name="q" type="text" value="charged twice"/);
      assert.equal((await report()).visits, 1, 'continuing the flow is not a second visit');
    });

    test('each topic asks its own questions, with the CSRF token, the session and a honeypot', async () => {
      const v = siteVisitor(t);
      const expected: Record<string, string[]> = {
        account: ['account_email', 'what_happened', 'steps_tried'],
        installation: ['app_version', 'os', 'error_message', 'doing'],
        billing: ['account_email', 'plan', 'charge_issue'],
        sync: ['app_version', 'os', 'devices', 'error_message'],
        security: ['what_happened', 'when', 'still_accessible'],
        general: ['message'],
      };
      for (const [topic, fields] of Object.entries(expected)) {
        const res = await v.get(`/contact?q=help+me&category=${topic}&step=details`);
        assert.equal(res.status, 200, topic);
        const names = [...new Set([...res.text.matchAll(/<(?:input|textarea)\b[^>]*?\bname="([^"]+)"/g)].map((m) => m[1]!))];
        assert.deepEqual(names.filter((n) => !['_csrf', 'cs', 'category', 'website', 'q', 'name', 'email'].includes(n)), fields, topic);
        assert.ok(names.includes('q') && names.includes('name') && names.includes('email'), topic);
        const h = hiddenInputs(res.text);
        assert.equal(h.category, topic);
        assert.match(h._csrf!, /^[\w-]{40,}$/);
        assert.match(res.text, /<div class="hp" aria-hidden="true">[\s\S]*name="website" type="text" tabindex="-1"/);
      }
      const billing = await v.get('/contact?q=refund&category=billing&step=details');
      assert.match(billing.text, /<legend>Your plan<\/legend>/);
      assert.match(billing.text, /<input type="radio" name="plan" value="Teams">/);
    });

    test('continuing without a question or a topic shows errors on step one', async () => {
      const res = await siteVisitor(t).get('/contact?q=&category=nonsense&step=details');
      assert.equal(res.status, 400);
      assert.match(res.text, /<div class="error-summary" role="alert"/);
      assert.match(res.text, /Tell us in a few words what you need help with/);
      assert.match(res.text, /Choose the topic closest to your problem/);
    });

    test('a post without the CSRF token (or with another visitor’s) is refused and creates nothing', async () => {
      const v = siteVisitor(t);
      const page = await v.get('/contact?q=charged+twice&category=billing&step=details');
      const h = hiddenInputs(page.text);
      const before = await t.deps.store.db.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const noToken = await v.post('/contact', { ...h, _csrf: '', q: 'charged twice', ...BILLING });
      assert.equal(noToken.status, 403);
      assert.match(noToken.text, /Your form expired/);
      assert.match(noToken.text, /value="Tom Becker"/, 'answers are kept');
      const other = siteVisitor(t);
      await other.get('/contact');
      const stolen = await other.post('/contact', { ...h, q: 'charged twice', ...BILLING });
      assert.equal(stolen.status, 403);
      const noCookie = await call(t.app, 'POST', '/contact', { headers: { 'content-type': FORM }, payload: new URLSearchParams({ ...h, q: 'x', ...BILLING }).toString(), ip: '10.8.0.1' });
      assert.equal(noCookie.status, 403);
      const after = await t.deps.store.db.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(after.n), Number(before.n));
    });

    test('validation errors are shown per field, with the entered values kept', async () => {
      const v = siteVisitor(t);
      const h = hiddenInputs((await v.get('/contact?q=app+crashes&category=installation&step=details')).text);
      const res = await v.post('/contact', { ...h, q: 'app crashes', name: 'Lena <Fischer>', email: 'not-an-email', app_version: '', os: 'Ubuntu 24.04', doing: '' });
      assert.equal(res.status, 400);
      assert.match(res.text, /<h2>There is a problem<\/h2>/);
      assert.match(res.text, /<li><a href="#field-email">Enter an email address like name@example.com<\/a><\/li>/);
      assert.match(res.text, /<p class="error" id="field-app-version-error">Tell us which app and version you use<\/p>/);
      assert.match(res.text, /<textarea id="field-doing" name="doing" rows="4" maxlength="5000" required aria-describedby="field-doing-error" aria-invalid="true"><\/textarea>/);
      assert.match(res.text, /value="Lena &lt;Fischer&gt;"/);
      assert.match(res.text, /value="Ubuntu 24.04"/);
      assert.match(res.text, /value="not-an-email"/);
      assert.doesNotMatch(res.text, /field-os-error/);
    });

    test('a filled honeypot is dropped without a ticket', async () => {
      const v = siteVisitor(t);
      const h = hiddenInputs((await v.get('/contact?q=charged+twice&category=billing&step=details')).text);
      const res = await v.post('/contact', { ...h, q: 'Bot request', ...BILLING, website: 'http://spam.example' });
      assert.equal(res.status, 400);
      assert.match(res.text, /Your request was not sent/);
      const found = await t.deps.store.db.selectFrom('tickets').select('id').where('subject', '=', 'Bot request').execute();
      assert.equal(found.length, 0);
    });

    test('submitting creates a web ticket with the topic as triage hint, tags opened articles, emails an acknowledgement and records the funnel', async () => {
      const v = siteVisitor(t);
      const start = await v.get('/contact');
      const cs = hiddenInputs(start.text).cs!;
      await v.get(`/contact?cs=${cs}&q=charged+twice&step=answers`);
      const opened = await v.get(`/articles/charged-twice?from=contact&cs=${cs}`);
      assert.equal(opened.status, 200);
      const form = await v.get(`/contact?cs=${cs}&q=Charged+twice+in+November&category=billing&step=details`);
      const res = await v.post('/contact', { ...hiddenInputs(form.text), q: 'Charged twice in November', ...BILLING });
      assert.equal(res.status, 303, res.text.slice(0, 500));
      const location = String(res.headers.location);
      const reference = /^\/contact\/sent\?ref=(CL-[0-9A-Z]{8})$/.exec(location)?.[1];
      assert.ok(reference, location);

      const sent = await v.get(location);
      assert.equal(sent.status, 200);
      assert.match(sent.text, new RegExp(`<strong class="reference">${reference}</strong>`));
      assert.match(sent.text, /What happens next/);

      const ticket = await findTicket(t.deps.store.db, reference);
      assert.equal(ticket.channel, 'web');
      assert.equal(ticket.subject, 'Charged twice in November');
      assert.equal(ticket.category, 'billing');
      assert.equal(ticket.customer.email, 'tom.becker@example.net');
      assert.equal(ticket.customer.name, 'Tom Becker');
      assert.deepEqual(ticket.tags.filter((tag) => tag.startsWith('deflection:')), ['deflection:viewed-articles']);
      assert.ok(ticket.triage?.signals.some((s) => s.kind === 'form' && s.category === 'billing'), JSON.stringify(ticket.triage?.signals));
      const [message] = await listMessages(t.deps.store.db, ticket.id);
      assert.equal(message!.channel, 'web');
      assert.match(message!.text, /^What do you need help with\?\nCharged twice in November\n\nTopic: Billing: charges, invoices, plans\n\nAccount email: tom@example.net\n\nYour plan: Family\n\nWhat is wrong with the charge:\nTwo charges of \$59\.88 on 3 November\./);

      const [mail] = await listOutbox(t.deps.store.db, { ticketId: ticket.id, limit: 5 });
      assert.equal(mail!.kind, 'acknowledgement');
      assert.equal(mail!.to, 'tom.becker@example.net');
      assert.equal(mail!.subject, `[${reference}] We received your request: Charged twice in November`);
      assert.match(mail!.text!, new RegExp(`keep ${reference} in the subject`));

      assert.deepEqual(await report(), { visits: 1, openedArticle: 1, submitted: 1, deflected: 0, rate: 0 });

      const again = await v.post('/contact', { ...hiddenInputs(form.text), q: 'Charged twice in November', ...BILLING });
      assert.equal(again.headers.location, location, 'a double submit finds the same ticket');
    });

    test('a request that contained a card number is stored without it, and the confirmation page says support never needs one', async () => {
      const v = siteVisitor(t);
      const cs = hiddenInputs((await v.get('/contact')).text).cs!;
      const form = await v.get(`/contact?cs=${cs}&q=Wrong+charge&category=billing&step=details`);
      const res = await v.post('/contact', { ...hiddenInputs(form.text), q: 'Wrong charge', ...BILLING, email: 'card.paster@example.net', charge_issue: 'Please refund card 4111 1111 1111 1111 for the double charge.' });
      assert.equal(res.status, 303, res.text.slice(0, 500));
      const location = String(res.headers.location);
      assert.match(location, /^\/contact\/sent\?ref=CL-[0-9A-Z]{8}&removed=1$/);
      const sent = await v.get(location);
      assert.match(sent.text, /<p class="notice" role="alert"><strong>[^<]*never[^<]*<\/strong><\/p>/);
      const reference = /ref=(CL-[0-9A-Z]{8})/.exec(location)![1]!;
      const ticket = await findTicket(t.deps.store.db, reference);
      const [message] = await listMessages(t.deps.store.db, ticket.id);
      assert.ok(!message!.text.replace(/\s/g, '').includes('4111111111111111'), message!.text);
      assert.match(message!.text, /\[card ending 1111 removed\]/);
    });

    test('a ticket sent without opening a suggested article has no deflection tag; a session that only read counts as deflected', async () => {
      const v = siteVisitor(t);
      const form = await v.get('/contact?q=Vault+will+not+sync&category=sync&step=details');
      const res = await v.post('/contact', { ...hiddenInputs(form.text), q: 'Vault will not sync', name: 'Aiko', email: 'aiko@example.jp', app_version: 'Vaultly 4.2.1', os: 'Android 14', devices: 'Pixel 8, laptop' });
      assert.equal(res.status, 303);
      const ticket = await findTicket(t.deps.store.db, /ref=(CL-\w+)/.exec(String(res.headers.location))![1]!);
      assert.deepEqual(ticket.tags.filter((tag) => tag.startsWith('deflection:')), []);
      assert.equal(ticket.category, 'sync');

      const reader = siteVisitor(t);
      const cs = hiddenInputs((await reader.get('/contact')).text).cs!;
      await reader.get(`/articles/vault-not-syncing?from=contact&cs=${cs}`);
      const flow = await report();
      assert.equal(flow.visits, 2);
      assert.equal(flow.deflected, 1);
    });

    test('posts are rate limited per IP with an HTML page', async () => {
      const v = siteVisitor(t);
      const h = hiddenInputs((await v.get('/contact?q=x&category=general&step=details')).text);
      let last: Reply | null = null;
      for (let i = 0; i < 11; i++) last = await v.post('/contact', { ...h, q: 'x', name: '', email: '', message: '' });
      assert.equal(last!.status, 429);
      assert.match(String(last!.headers['content-type']), /^text\/html/);
      assert.match(last!.text, /Too many requests/);
    });
  });
}
