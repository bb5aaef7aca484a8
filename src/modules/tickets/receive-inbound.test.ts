import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTeam } from '../identity/index.ts';
import { testDeps } from '../../../test/support/builders.ts';
import { DIALECTS, dialectSkip } from '../../../test/support/stores.ts';
import { prepareInboundOpening } from './inbound-opening.ts';
import { AUTOMATED_TAG, listMessages, receiveInbound, recordExternalId, retryOnDuplicate, updateTicket, type InboundMessage } from './index.ts';

let seq = 0;
/** An inbound email as a channel would hand it over; a fresh sender and Message-ID unless told. */
function inbound(over: Partial<InboundMessage> & { email?: string } = {}): InboundMessage {
  seq++;
  const { email, ...rest } = over;
  return {
    channel: 'email',
    externalId: `m${seq}-${process.pid}@customer.example`,
    from: { identity: { kind: 'email', value: email ?? `sender${seq}-${process.pid}@customer.example` }, name: 'Sam Sender' },
    subject: 'Cannot open my vault',
    body: { text: 'The app crashes when I open my vault.' },
    replyTo: [],
    attachments: [],
    defaults: { category: 'general', priority: null, teamId: null },
    annotations: [],
    ...rest,
  };
}

for (const dialect of DIALECTS) {
  describe(`receiveInbound on ${dialect}`, { skip: await dialectSkip(dialect) }, () => {
    let deps: Awaited<ReturnType<typeof testDeps>>;
    before(async () => {
      deps = await testDeps(dialect);
    });
    after(() => deps.close());
    const receive = (m: InboundMessage) => retryOnDuplicate(() => deps.uow((work) => receiveInbound(work, m)));

    test('a new email opens a ticket for its sender, with the mailbox defaults and its files', async () => {
      const team = await createTeam(deps.store.db, `Security ${dialect}`, new Date().toISOString());
      const file = { filename: 'log.txt', contentType: 'text/plain', size: 12, storageKey: 'sha256/ab/abc', contentId: null };
      const m = inbound({ email: 'New.Person@Customer.Example', defaults: { category: 'security', priority: 'high', teamId: team.id }, attachments: [file] });
      const r = await receive(m);
      assert.equal(r.outcome, 'created');
      assert.equal(r.ticket!.channel, 'email');
      assert.equal(r.ticket!.customer.email, 'new.person@customer.example');
      assert.deepEqual([r.ticket!.priority, r.ticket!.teamId], ['high', team.id]);
      const [opening] = await listMessages(deps.store.db, r.ticket!.id);
      assert.equal(opening!.author.type, 'customer');
      assert.equal(opening!.externalId, m.externalId);
      assert.deepEqual(opening!.attachments.map((a) => a.filename), ['log.txt']);
    });

    test('the same Message-ID delivered twice, even at once, is stored once', async () => {
      const m = inbound();
      const [a, b] = await Promise.all([receive(m), receive(m)]);
      const again = await receive(m);
      assert.equal(a.ticket!.id, b.ticket!.id);
      assert.equal(again.outcome, 'duplicate');
      assert.equal(again.messageId, a.messageId);
      assert.equal((await listMessages(deps.store.db, a.ticket!.id)).length, 1);
    });

    test('a reply joins by In-Reply-To, or by [reference] in the subject only for a sender who belongs on the ticket', async () => {
      const first = await receive(inbound());
      const email = first.ticket!.customer.email!;
      const [opening] = await listMessages(deps.store.db, first.ticket!.id);
      const byHeader = await receive(inbound({ email, subject: 'Re: something else', replyTo: ['unknown@x', opening!.externalId!] }));
      assert.deepEqual([byHeader.outcome, byHeader.ticket!.id], ['appended', first.ticket!.id]);
      const typed = first.ticket!.reference.toLowerCase().replace('cl-', 'CL');
      const bySubject = await receive(inbound({ email, subject: `Re: [${typed}] Cannot open my vault` }));
      assert.deepEqual([bySubject.outcome, bySubject.ticket!.id], ['appended', first.ticket!.id]);
      const stranger = await receive(inbound({ subject: `Re: [${first.ticket!.reference}] let me in` }));
      assert.equal(stranger.outcome, 'created');
      assert.notEqual(stranger.ticket!.id, first.ticket!.id);
      const messages = await listMessages(deps.store.db, first.ticket!.id);
      assert.equal(messages.length, 3);
      assert.ok(messages.every((msg) => msg.author.type === 'customer' && msg.channel === 'email'));
    });

    test('a reply to a closed ticket opens a follow-up; our recorded outbound ids thread too', async () => {
      const first = await receive(inbound());
      await deps.uow((w) => updateTicket(w, first.ticket!.reference, { status: 'solved' }, { type: 'system' }));
      await deps.uow((w) => updateTicket(w, first.ticket!.reference, { status: 'closed' }, { type: 'system' }));
      const outboundId = `out-${first.ticket!.id}-${dialect}@careline.example`;
      await deps.uow((w) => recordExternalId(w, { channel: 'email', externalId: outboundId, ticketId: first.ticket!.id, messageId: null }));
      const reply = await receive(inbound({ email: first.ticket!.customer.email!, subject: 'Re: thanks', replyTo: [outboundId] }));
      assert.equal(reply.outcome, 'follow_up');
      assert.equal(reply.ticket!.followUpOf, first.ticket!.reference);
      assert.equal(reply.ticket!.customer.id, first.ticket!.customer.id);
    });

    test('automated mail is tagged on a new ticket and never reopens a solved one', async () => {
      const auto = { kind: 'automated' as const, reason: 'Auto-Submitted: auto-replied' };
      const fresh = await receive(inbound({ annotations: [auto] }));
      assert.deepEqual(fresh.ticket!.tags, [AUTOMATED_TAG]);
      const solved = await deps.uow((w) => updateTicket(w, fresh.ticket!.reference, { status: 'solved' }, { type: 'system' }));
      const outOfOffice = await receive(inbound({ email: solved.customer.email!, subject: `Re: [${solved.reference}] Out of office`, annotations: [auto] }));
      assert.equal(outOfOffice.outcome, 'appended');
      assert.equal(outOfOffice.ticket!.status, 'solved');
      const human = await receive(inbound({ email: solved.customer.email!, subject: `Re: [${solved.reference}] still broken` }));
      assert.equal(human.ticket!.status, 'open');
    });

    test('a delivery failure becomes a note on the ticket it is about and flags the address bouncing', async () => {
      const first = await receive(inbound());
      const outboundId = `bounced-${first.ticket!.id}@careline.example`;
      await deps.uow((w) => recordExternalId(w, { channel: 'email', externalId: outboundId, ticketId: first.ticket!.id, messageId: null }));
      const recipient = first.ticket!.customer.email!;
      const failure = { kind: 'delivery_failure' as const, recipients: [{ kind: 'email' as const, value: recipient }], diagnostic: '550 5.1.1 User unknown', originalIds: [outboundId] };
      const r = await receive(inbound({ email: 'mailer-daemon@mx.customer.example', annotations: [failure] }));
      assert.equal(r.outcome, 'delivery_failure');
      const note = (await listMessages(deps.store.db, first.ticket!.id)).at(-1)!;
      assert.deepEqual([note.kind, note.author.type], ['note', 'system']);
      assert.equal(note.text, `Delivery failed: ${recipient}: 550 5.1.1 User unknown`);
      const identity = await deps.store.db.selectFrom('customer_identities').select(['bouncing_since', 'bounce_reason']).where('value', '=', recipient).executeTakeFirstOrThrow();
      assert.ok(identity.bouncing_since);
      assert.equal(identity.bounce_reason, '550 5.1.1 User unknown');
      const unmatched = await receive(inbound({ annotations: [{ ...failure, originalIds: ['nothing-we-sent@x'] }] }));
      assert.deepEqual([unmatched.outcome, unmatched.ticket], ['unmatched_failure', null]);
    });

    test('an empty subject and body still make a ticket', async () => {
      const r = await receive(inbound({ subject: '   ', body: { text: '  ', html: '' } }));
      assert.equal(r.ticket!.subject, '(no subject)');
      assert.equal((await listMessages(deps.store.db, r.ticket!.id))[0]!.text, '(no text)');
    });

    test('an opening prepared ahead (on a worker thread) is stored as prepared here, and only when made from this very message', async () => {
      const text = 'Someone logged into my account from Brazil. My master password is Tr0ub4dor&3, please help.';
      const plain = await receive(inbound({ body: { text } }));
      const prepared = prepareInboundOpening(inbound({ body: { text } }));
      assert.equal(prepared.verdict.escalation !== null, plain.ticket!.triage!.escalation !== null, 'the same verdict as prepared in the transaction');
      const used = await receive(inbound({ body: { text }, prepared: { ...prepared, verdict: { ...prepared.verdict, confidence: 0.01 } } }));
      assert.equal(used.ticket!.triage!.confidence, 0.01, 'made from this message: used as it is');
      const [opening] = await listMessages(deps.store.db, used.ticket!.id);
      assert.deepEqual([opening!.text, opening!.redactions], [prepared.body.text, prepared.findings]);
      assert.doesNotMatch(opening!.text, /Tr0ub4dor/);
      const other = await receive(inbound({ body: { text: `${text} Also my phone.` }, prepared: { ...prepared, verdict: { ...prepared.verdict, confidence: 0.01 } } }));
      assert.notEqual(other.ticket!.triage!.confidence, 0.01, 'made from other content: prepared anew');
    });
  });
}
