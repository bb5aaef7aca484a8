import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { submitContact } from './site/submit-contact.ts';
import { addMessage, findTicket, listMessages, type Ticket } from '../modules/tickets/index.ts';
import { issueTrackingSession, readTrackingSession, TRACKING_SESSION_MS } from '../modules/tracking/index.ts';
import { buildTicket } from '../../test/support/builders.ts';
import { call, testApp, type Reply, type TestApp } from '../../test/support/http.ts';
import { DIALECTS, dialectSkip } from '../../test/support/stores.ts';

const FORM = 'application/x-www-form-urlencoded';
let ipSeq = 0;

/** A browser stand-in: keeps cookies between requests (honouring their Path) and comes from its own IP. */
function browser(t: TestApp) {
  const jar = new Map<string, { value: string; path: string }>();
  const ip = `10.8.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`;
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
  const get = async (url: string): Promise<Reply> => keep(await call(t.app, 'GET', url, { headers: cookie(url), ip }));
  const post = async (url: string, fields: Record<string, string>): Promise<Reply> =>
    keep(await call(t.app, 'POST', url, { headers: { ...cookie(url), 'content-type': FORM }, payload: new URLSearchParams(fields).toString(), ip }));
  return { jar, get, post };
}

const csrfOf = (html: string): string => /<input type="hidden" name="_csrf" value="([^"]*)">/.exec(html)![1]!;

for (const dialect of DIALECTS) {
  describe(`request tracking on ${dialect}`, { skip: await dialectSkip(dialect) }, () => {
    let t: TestApp;
    let ticket: Ticket;
    let other: Ticket;
    const email = `track-${process.pid}@example.org`;

    const mailsTo = async (to: string) =>
      t.deps.store.db.selectFrom('outbound_emails').select(['id', 'kind', 'text', 'sensitive']).where('to_address', '=', to).where('kind', '=', 'tracking').orderBy('id').execute();

    /** Asks for a link as a browser does and returns the page answered. */
    async function ask(b: ReturnType<typeof browser>, reference: string, address: string): Promise<Reply> {
      const form = await b.get('/track');
      assert.equal(form.status, 200);
      return b.post('/track', { _csrf: csrfOf(form.text), reference, email: address });
    }

    async function linkFor(b: ReturnType<typeof browser>, reference: string): Promise<string> {
      const before = (await mailsTo(email)).length;
      assert.equal((await ask(b, reference, email.toUpperCase())).status, 200);
      const mails = await mailsTo(email);
      assert.equal(mails.length, before + 1, 'one tracking mail queued');
      const m = /\/track\/([\w-]{43})/.exec(mails.at(-1)!.text)!;
      return `/track/${m[1]}`;
    }

    /** Opens a session with a fresh link: GET shows the button, POST uses the link. */
    async function open(b: ReturnType<typeof browser>, reference = ticket.reference): Promise<Reply> {
      const link = await linkFor(b, reference);
      const page = await b.get(link);
      assert.equal(page.status, 200);
      return b.post(link, { _csrf: csrfOf(page.text) });
    }

    before(async () => {
      t = await testApp(dialect, { PUBLIC_URL: 'https://help.example.test' });
      ticket = await buildTicket(t.deps, { subject: 'Vault <b>locked</b>', customer: { identity: { kind: 'email', value: email }, name: 'Tess' } });
      other = await buildTicket(t.deps, { customer: { identity: { kind: 'email', value: email }, name: 'Tess' } });
      const { agent } = await t.makeAgent('agent');
      const by = { type: 'agent' as const, id: agent.id };
      await t.deps.uow((work) => addMessage(work, { reference: ticket.reference, kind: 'note', author: by, channel: 'api', body: { text: 'INTERNAL: customer seems annoyed' } }, by));
      await t.deps.uow((work) => addMessage(work, { reference: ticket.reference, kind: 'reply', author: by, channel: 'api', body: { text: 'Please try <script>alert(1)</script> a sign-out.' } }, by));
    });
    after(() => t.close());

    test('/track asks for a reference and an email address, with a CSRF token and the site layout', async () => {
      const res = await browser(t).get('/track');
      assert.equal(res.status, 200);
      assert.match(res.text, /<label for="field-reference">Reference<\/label>/);
      assert.match(res.text, /<input type="hidden" name="_csrf" value="[\w-]{43}">/);
      assert.match(res.text, /class="site-header"/);
      assert.equal(res.headers['cache-control'], 'no-store');
    });

    test('a wrong pair gets the same neutral answer as a right one, and no mail', async () => {
      const b = browser(t);
      const right = await ask(b, ticket.reference, email);
      const wrongEmail = await ask(b, ticket.reference, 'someone@example.org');
      const wrongRef = await ask(b, 'CL-ZZZZZZZZ', email);
      const garbage = await ask(b, 'not a reference', 'x');
      for (const res of [right, wrongEmail, wrongRef, garbage]) {
        assert.equal(res.status, 200);
        assert.match(res.text, /<h1>Check your email<\/h1>/);
      }
      assert.equal(wrongEmail.text.replace(/value="[^"]*"/g, ''), right.text.replace(/value="[^"]*"/g, ''));
      const count = await t.deps.store.db.selectFrom('outbound_emails').select((eb) => eb.fn.countAll().as('n')).where('kind', '=', 'tracking').where('to_address', '=', 'someone@example.org').executeTakeFirstOrThrow();
      assert.equal(Number(count.n), 0);
    });

    test('the right pair queues a sensitive mail with a one-time link under PUBLIC_URL; only its hash is stored', async () => {
      const link = await linkFor(browser(t), ticket.reference.toLowerCase());
      const mail = (await mailsTo(email)).at(-1)!;
      assert.match(mail.text, new RegExp(`https://help\\.example\\.test${link}\\n`));
      assert.match(mail.text, /works once, for 30 minutes/);
      assert.equal(Number(mail.sensitive), 1);
      const token = link.split('/').pop()!;
      const stored = await t.deps.store.db.selectFrom('tracking_links').select('token_hash').execute();
      assert.ok(stored.every((r) => r.token_hash !== token && !r.token_hash.includes(token)));
    });

    test('without the CSRF token the request is refused and nothing is sent', async () => {
      const b = browser(t);
      const before = (await mailsTo(email)).length;
      const res = await b.post('/track', { _csrf: 'forged', reference: ticket.reference, email });
      assert.equal(res.status, 403);
      assert.equal((await mailsTo(email)).length, before);
    });

    test('GET on the link uses nothing; the POST opens a one-ticket session once; a second POST is refused', async () => {
      const b = browser(t);
      const link = await linkFor(b, ticket.reference);
      const page = await b.get(link);
      assert.match(page.text, /<button type="submit">View my request<\/button>/);
      assert.equal((await b.get(link)).status, 200, 'a scanner opening the link twice uses nothing');
      const opened = await b.post(link, { _csrf: csrfOf(page.text) });
      assert.equal(opened.status, 303);
      assert.equal(opened.headers.location, `/track/request/${ticket.reference}`);
      assert.match(String(opened.headers['set-cookie']), /careline_track=[\w.-]+; Max-Age=3600; Path=\/track; HttpOnly; Secure; SameSite=Strict/);
      const again = await b.post(link, { _csrf: csrfOf(page.text) });
      assert.equal(again.status, 410);
      assert.match(again.text, /already used/);
      assert.equal((await b.get(link)).status, 410);
    });

    test('an expired link opens nothing, and an unknown one is a 404', async () => {
      const b = browser(t);
      const link = await linkFor(b, ticket.reference);
      const page = await b.get(link);
      await t.deps.store.db.updateTable('tracking_links').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('used_at', 'is', null).execute();
      const res = await b.post(link, { _csrf: csrfOf(page.text) });
      assert.equal(res.status, 410);
      assert.match(res.text, /expired/);
      assert.equal(b.jar.has('careline_track'), false);
      assert.equal((await b.get('/track/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status, 404);
    });

    test('the thread shows status and public messages, never internal notes, with hostile text escaped', async () => {
      const b = browser(t);
      await open(b);
      const res = await b.get(`/track/request/${ticket.reference}`);
      assert.equal(res.status, 200);
      assert.match(res.text, /Vault &lt;b&gt;locked&lt;\/b&gt;/);
      assert.match(res.text, /Status: <strong class="status">/);
      assert.match(res.text, /The app says sync failed/);
      assert.match(res.text, /Please try &lt;script&gt;alert\(1\)&lt;\/script&gt; a sign-out\./);
      assert.doesNotMatch(res.text, /INTERNAL/);
      assert.doesNotMatch(res.text, /<script>alert/);
    });

    test('replying adds a customer message on the web channel, through redaction; CSRF required', async () => {
      const b = browser(t);
      await open(b);
      const page = await b.get(`/track/request/${ticket.reference}`);
      const forged = await b.post(`/track/request/${ticket.reference}/reply`, { _csrf: 'nope', text: 'forged' });
      assert.equal(forged.status, 403);
      const res = await b.post(`/track/request/${ticket.reference}/reply`, { _csrf: csrfOf(page.text), text: 'Still locked. <img src=x onerror=alert(1)>' });
      assert.equal(res.status, 303);
      assert.equal(res.headers.location, `/track/request/${ticket.reference}?replied=1`);
      const last = (await listMessages(t.deps.store.db, ticket.id)).at(-1)!;
      assert.equal(last.author.type, 'customer');
      assert.equal(last.author.id, ticket.customer.id);
      assert.equal(last.channel, 'web');
      assert.equal(last.kind, 'reply');
      const shown = await b.get(`/track/request/${ticket.reference}?replied=1`);
      assert.match(shown.text, /Your reply was added/);
      assert.match(shown.text, /Still locked\. &lt;img src=x onerror=alert\(1\)&gt;/);
      assert.equal(forged.text.includes('forged'), false);
      assert.equal((await findTicket(t.deps.store.db, ticket.reference)).id, ticket.id);
    });

    test("another ticket's reference with this cookie is a 404, and no cookie is a 401", async () => {
      const b = browser(t);
      await open(b);
      const page = await b.get(`/track/request/${ticket.reference}`);
      assert.equal((await b.get(`/track/request/${other.reference}`)).status, 404);
      const before = (await listMessages(t.deps.store.db, other.id)).length;
      assert.equal((await b.post(`/track/request/${other.reference}/reply`, { _csrf: csrfOf(page.text), text: 'sneaky' })).status, 404);
      assert.equal((await listMessages(t.deps.store.db, other.id)).length, before);
      assert.equal((await b.get('/track/request/CL-ZZZZZZZZ')).status, 404);
      assert.equal((await browser(t).get(`/track/request/${ticket.reference}`)).status, 401);
    });

    test('asking for links is rate limited per IP (5 a minute)', async () => {
      const b = browser(t);
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await ask(b, 'CL-ZZZZZZZZ', 'nobody@example.org')).status);
      assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429]);
    });

    test('a reply with a secret in it is redacted like any message', async () => {
      const b = browser(t);
      await open(b);
      const page = await b.get(`/track/request/${ticket.reference}`);
      await b.post(`/track/request/${ticket.reference}/reply`, { _csrf: csrfOf(page.text), text: 'My card is 4111 1111 1111 1111, please refund.' });
      const last = (await listMessages(t.deps.store.db, ticket.id)).filter((m) => m.author.type === 'customer').at(-1)!;
      assert.doesNotMatch(last.text, /4111 1111 1111 1111/);
      assert.ok(last.redactions.length > 0);
    });

    test('the contact form acknowledgement points to the tracking page', async () => {
      const to = `contact-${process.pid}@example.org`;
      await submitContact(t.deps, { topic: 'general', values: { q: 'Where is my invoice?', name: 'Ann', email: to, details: 'x' }, contactSession: `cs${Date.now()}abcdefghijkl`, openedArticles: false });
      const ack = await t.deps.store.db.selectFrom('outbound_emails').select('text').where('to_address', '=', to).where('kind', '=', 'acknowledgement').executeTakeFirstOrThrow();
      assert.match(ack.text, /go to https:\/\/help\.example\.test\/track with its reference/);
    });

    test('a session lasts an hour and cannot be forged for another ticket', () => {
      const secret = 's3cret';
      const now = Date.now();
      const value = issueTrackingSession(secret, 42, now);
      assert.equal(readTrackingSession(secret, value, now), 42);
      assert.equal(readTrackingSession(secret, value, now + TRACKING_SESSION_MS), null);
      assert.equal(readTrackingSession(secret, value.replace(/^42\./, '43.'), now), null);
      assert.equal(readTrackingSession('other', value, now), null);
      assert.equal(readTrackingSession(secret, undefined, now), null);
    });
  });
}
