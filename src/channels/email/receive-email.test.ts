import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { createTeam } from '../../modules/identity/index.ts';
import { createMailbox, type Mailbox } from '../../modules/mailboxes/index.ts';
import { listMessages, recordExternalId, ticketEvents } from '../../modules/tickets/index.ts';
import { testDeps } from '../../../test/support/builders.ts';
import { DIALECTS, dialectSkip } from '../../../test/support/stores.ts';
import { attachmentPath } from './attachment-store.ts';
import { emailFilters } from './filters/index.ts';
import { countRecentFrom, getInbound } from './inbound-emails.ts';
import { receiveEmail, type EmailOutcome } from './receive-email.ts';
import { reprocessEmail } from './reprocess.ts';
import { replyFor } from './smtp-replies.ts';
import { buildEmail, fixture } from './test-kit.ts';

const HOSTILE = ['malformed-mime.eml', 'many-links.eml', 'whitespace.eml', 'deep-nesting.eml', 'missing-from.eml'];
const CPU_BOUND_MS = 800;

for (const dialect of DIALECTS) {
  describe(`the email pipeline on ${dialect}`, { skip: await dialectSkip(dialect) }, () => {
    let deps: Awaited<ReturnType<typeof testDeps>>;
    let support: Mailbox;
    before(async () => {
      deps = await testDeps(dialect);
      const team = await createTeam(deps.store.db, 'Support', new Date().toISOString());
      support = await createMailbox(deps.store.db, { address: 'support@example.com', category: 'general', teamId: team.id }, new Date().toISOString());
    });
    after(() => deps.close());
    const filters = () => emailFilters({ countRecent: (a, s) => countRecentFrom(deps.store.db, a, s), now: () => deps.clock.now() });
    const receive = (raw: Buffer, mailbox = support): Promise<EmailOutcome> =>
      receiveEmail(deps, raw, { mailbox, envelope: { mailFrom: 'bounce@customer.example', rcpt: mailbox.address, remoteIp: '127.0.0.1' }, filters: filters() });
    const stored = (o: EmailOutcome) => {
      assert.equal(o.kind, 'stored', JSON.stringify(o));
      return o as Extract<EmailOutcome, { kind: 'stored' }>;
    };

    test('a plain email is stored raw with its ticket in one commit, and answered 250 with the reference', async () => {
      const raw = fixture('plain.eml');
      const o = stored(await receive(raw));
      assert.deepEqual(replyFor(o), { code: 250, message: `Received as ${o.reference}` });
      const row = (await getInbound(deps.store.db, o.inboundId))!;
      assert.ok(row.raw.equals(raw));
      assert.deepEqual([row.status, row.messageId, row.fromAddress, row.autoSubmitted], ['processed', 'plain-1@customer.example', 'ada@customer.example', false]);
      const ticket = await deps.store.db.selectFrom('tickets').selectAll().where('reference', '=', o.reference!).executeTakeFirstOrThrow();
      assert.deepEqual([ticket.channel, ticket.team_id, ticket.id], ['email', support.teamId, row.ticketId]);
      assert.deepEqual((await ticketEvents(deps.store.db, ticket.id)).map((e) => e.type), ['ticket.created', 'message.created']);
    });

    test('the same Message-ID twice is stored once and answered as already received', async () => {
      const again = stored(await receive(fixture('plain.eml')));
      assert.equal(again.duplicate, true);
      assert.match(replyFor(again).message, /^Already received as CL-/);
      const rows = await deps.store.db.selectFrom('messages').select('id').where('external_id', '=', 'plain-1@customer.example').execute();
      assert.equal(rows.length, 1);
    });

    test('a reply by In-Reply-To and one by [reference] join the ticket', async () => {
      const first = stored(await receive(fixture('plain.eml')));
      const byHeader = stored(await receive(fixture('reply-in-reply-to.eml')));
      const bySubject = stored(await receive(fixture('reply-subject-reference.eml', { reference: first.reference! })));
      assert.deepEqual([byHeader.reference, bySubject.reference], [first.reference, first.reference]);
      const ticket = await deps.store.db.selectFrom('tickets').select('id').where('reference', '=', first.reference!).executeTakeFirstOrThrow();
      assert.equal((await listMessages(deps.store.db, ticket.id)).length, 3);
    });

    test('HTML is sanitized; attachments and inline images are on disk before the rows that name them', async () => {
      const html = stored(await receive(fixture('html.eml')));
      const htmlTicket = await deps.store.db.selectFrom('tickets').select('id').where('reference', '=', html.reference!).executeTakeFirstOrThrow();
      const [m] = await listMessages(deps.store.db, htmlTicket.id);
      assert.doesNotMatch(m!.html, /script|onclick|<form|javascript:|\ssrc="https?:/);
      assert.match(m!.html, /data-remote-src="https:\/\/tracker\.example\//);
      assert.match(m!.html, /href="https:\/\/vaultly\.example\/help"/);
      for (const name of ['attachment.eml', 'inline-image.eml']) {
        const o = stored(await receive(fixture(name)));
        const files = await deps.store.db.selectFrom('attachments as a').innerJoin('messages as m', 'm.id', 'a.message_id').innerJoin('tickets as t', 't.id', 'm.ticket_id')
          .select(['a.filename', 'a.storage_key', 'a.size', 'a.content_id']).where('t.reference', '=', o.reference!).execute();
        assert.equal(files.length, 1, name);
        const path = attachmentPath(deps.config.dataDir, files[0]!.storage_key);
        assert.ok(existsSync(path), path);
        assert.equal(readFileSync(path).length, files[0]!.size);
        if (name === 'inline-image.eml') assert.equal(files[0]!.content_id, 'shot@customer.example');
      }
    });

    test('auto-replies and bulk mail are stored but flagged auto-submitted', async () => {
      for (const name of ['auto-reply.eml', 'precedence-bulk.eml']) {
        const row = (await getInbound(deps.store.db, stored(await receive(fixture(name))).inboundId))!;
        assert.equal(row.autoSubmitted, true, name);
      }
    });

    test('a bounce becomes a "Delivery failed" note on the ticket of the returned message', async () => {
      const o = stored(await receive(buildEmail({ from: 'ada@customer.example', messageId: `for-bounce-${dialect}@customer.example` })));
      const ticket = await deps.store.db.selectFrom('tickets').select('id').where('reference', '=', o.reference!).executeTakeFirstOrThrow();
      await deps.uow((w) => recordExternalId(w, { channel: 'email', externalId: 'outbound-1@careline.example', ticketId: ticket.id, messageId: null }));
      const bounce = stored(await receive(fixture('bounce-dsn.eml')));
      assert.equal(bounce.reference, o.reference);
      const note = (await listMessages(deps.store.db, ticket.id)).at(-1)!;
      assert.deepEqual([note.kind, note.author.type], ['note', 'system']);
      assert.match(note.text, /^Delivery failed: ada@customer\.example: 550 5\.1\.1/);
    });

    test('a sender past the cap is deferred with 450 and nothing is stored', async () => {
      const capped = emailFilters({ countRecent: (a, s) => countRecentFrom(deps.store.db, a, s), now: () => deps.clock.now(), senderLimit: { max: 2, windowMs: 60_000 } });
      const send = (n: number) => receiveEmail(deps, buildEmail({ from: 'storm@customer.example', messageId: `storm-${n}@x` }), { mailbox: support, envelope: { mailFrom: '', rcpt: support.address, remoteIp: '127.0.0.1' }, filters: capped });
      const outcomes = [await send(1), await send(2), await send(3)];
      assert.deepEqual(outcomes.map((o) => replyFor(o).code), [250, 250, 450]);
      assert.equal(await countRecentFrom(deps.store.db, 'storm@customer.example', '2000-01-01'), 2);
    });

    test('a message failing in the domain is kept as failed, answered 4xx/5xx, and `reprocess` files it once fixed', async () => {
      const broken: Mailbox = { ...support, teamId: 999_999 };
      const failed = await receive(buildEmail({ messageId: `fails-${dialect}@x` }), broken);
      assert.deepEqual([failed.kind, replyFor(failed).code], ['rejected', 554]);
      const row = await deps.store.db.selectFrom('inbound_emails').select(['id', 'status', 'error']).where('message_id', '=', `fails-${dialect}@x`).executeTakeFirstOrThrow();
      assert.equal(row.status, 'failed');
      assert.match(row.error!, /Team 999999 does not exist/);
      const replayed = stored(await reprocessEmail(deps, row.id));
      assert.equal(replayed.inboundId, row.id);
      const twice = stored(await reprocessEmail(deps, row.id));
      assert.deepEqual([twice.duplicate, twice.reference], [true, replayed.reference]);
      assert.equal((await deps.store.db.selectFrom('messages').select('id').where('external_id', '=', `fails-${dialect}@x`).execute()).length, 1);
    });

    test(`hostile input never throws and costs under ${CPU_BOUND_MS} ms of CPU per message`, async (t) => {
      await receive(Buffer.from(fixture('many-links.eml').toString('latin1').replace('links-1@', 'warm-up@'), 'latin1'));
      const generated: Array<[string, Buffer]> = [
        ['5 MB of nested <div>', buildEmail({ headers: { 'Content-Type': 'text/html' }, body: '<div>'.repeat(1_000_000) })],
        ['5 MB on one line', buildEmail({ body: 'x'.repeat(5_000_000) })],
        ['10,000 MIME parts', Buffer.from(`From: a@customer.example\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n${'--x\r\nContent-Type: text/plain\r\n\r\nhi\r\n'.repeat(10_000)}--x--\r\n`)],
        ['300,000 unclosed tags', buildEmail({ headers: { 'Content-Type': 'text/html' }, body: '<a href="http://x.example/" onclick="x()"><b><i>'.repeat(100_000) })],
      ];
      const cases: Array<[string, Buffer]> = [...HOSTILE.map((name): [string, Buffer] => [name, fixture(name)]), ...generated];
      for (const [name, raw] of cases) {
        const started = process.cpuUsage();
        const outcome = await receive(raw);
        const cpu = process.cpuUsage(started);
        const ms = (cpu.user + cpu.system) / 1000;
        t.diagnostic(`${name}: ${ms.toFixed(0)} ms CPU, ${outcome.kind} ${replyFor(outcome).code}`);
        assert.ok(['stored', 'rejected'].includes(outcome.kind), `${name}: ${JSON.stringify(outcome)}`);
        assert.ok(ms < CPU_BOUND_MS, `${name} took ${ms.toFixed(0)} ms of CPU`);
      }
    });
  });
}
