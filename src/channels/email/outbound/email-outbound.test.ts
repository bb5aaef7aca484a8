import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTicket, testDeps } from '../../../../test/support/builders.ts';
import { DIALECTS, dialectSkip } from '../../../../test/support/stores.ts';
import { createAgent, type Agent } from '../../../modules/identity/index.ts';
import { createMailbox, type Mailbox } from '../../../modules/mailboxes/index.ts';
import { registerOutbox, type ComposedMail, type MailTransport } from '../../../modules/outbox/index.ts';
import { addMessage, listMessages } from '../../../modules/tickets/index.ts';
import { emailFilters } from '../filters/index.ts';
import { countRecentFrom } from '../inbound-emails.ts';
import { receiveEmail, type EmailOutcome } from '../receive-email.ts';
import { buildEmail } from '../test-kit.ts';
import { registerEmailOutbound, runOutboundTask, sweepLostReplies, taskKey } from './index.ts';

const CARD = '4111 1111 1111 1111';

for (const dialect of DIALECTS) {
  describe(`email outbound on ${dialect}`, { skip: await dialectSkip(dialect) }, () => {
    let deps: Awaited<ReturnType<typeof testDeps>>;
    let support: Mailbox;
    let agent: Agent;
    const sent: ComposedMail[] = [];
    const transport: MailTransport = { send: async (m) => void sent.push(m) };
    let seq = 0;

    before(async () => {
      deps = await testDeps(dialect, { PUBLIC_URL: 'https://help.vaultly.example' });
      const now = new Date().toISOString();
      await createMailbox(deps.store.db, { address: 'billing@example.com', category: 'billing' }, now);
      support = await createMailbox(deps.store.db, { address: 'support@example.com', category: 'general' }, now);
      agent = await createAgent(deps.store.db, { email: `agent-${dialect}@careline.test`, name: 'Agent A', role: 'agent' }, now);
      await registerOutbox(deps, { transport });
      registerEmailOutbound(deps);
    });
    after(() => deps.close());

    const receive = async (over: Parameters<typeof buildEmail>[0] = {}): Promise<{ reference: string; ticketId: number; messageId: string }> => {
      const messageId = over.messageId ?? `m${++seq}-${dialect}@customer.example`;
      const o: EmailOutcome = await receiveEmail(deps, buildEmail({ ...over, messageId }), {
        mailbox: support,
        envelope: { mailFrom: 'x@customer.example', rcpt: support.address, remoteIp: '127.0.0.1' },
        filters: emailFilters({ countRecent: (a, s) => countRecentFrom(deps.store.db, a, s), now: () => deps.clock.now(), senderLimit: null }),
      });
      assert.equal(o.kind, 'stored', JSON.stringify(o));
      const reference = (o as { reference: string }).reference;
      const ticket = await deps.store.db.selectFrom('tickets').select('id').where('reference', '=', reference).executeTakeFirstOrThrow();
      return { reference, ticketId: ticket.id, messageId };
    };
    /** Lets the bus hand the committed events to the listener, then runs the jobs (outbound, then delivery). */
    const settle = async (): Promise<void> => {
      for (let i = 0; i < 3; i++) {
        await new Promise((r) => setTimeout(r, 30));
        await deps.jobs.runDue();
      }
    };
    const mailsOf = (ticketId: number) => deps.store.db.selectFrom('outbound_emails').selectAll().where('ticket_id', '=', ticketId).orderBy('id').execute();

    test('a new email ticket is acknowledged once, from its mailbox, to the sender, threaded and marked auto-replied', async () => {
      const { reference, ticketId, messageId } = await receive({ from: 'Ana <ana@customer.example>', subject: 'Vault locked' });
      await settle();
      const [ack, ...rest] = await mailsOf(ticketId);
      assert.equal(rest.length, 0);
      assert.deepEqual([ack!.kind, ack!.from_address, ack!.to_address, ack!.subject], ['acknowledgement', 'support@example.com', 'ana@customer.example', `[${reference}] We received your request: Vault locked`]);
      assert.equal(ack!.in_reply_to, `<${messageId}>`);
      assert.match(ack!.text, /go to https:\/\/help\.vaultly\.example\/track with its reference/);
      const headers = JSON.parse(ack!.headers) as Record<string, string>;
      assert.equal(headers['Auto-Submitted'], 'auto-replied');
      assert.match(headers['X-Careline-Loop']!, new RegExp(reference));
      assert.ok(sent.some((m) => m.messageId === ack!.message_id), 'delivered over the transport');
      const recorded = await deps.store.db.selectFrom('ticket_external_ids').selectAll().where('ticket_id', '=', ticketId).execute();
      assert.deepEqual(recorded.map((r) => r.external_id), [ack!.message_id.slice(1, -1)]);

      const again = await runOutboundTask(deps, { what: 'acknowledgement', ticketId });
      assert.deepEqual(again, { skip: 'already acknowledged' });
      await deps.jobs.enqueue(deps.store.db, { type: 'email.outbound', payload: { what: 'acknowledgement', ticketId }, uniqueKey: taskKey({ what: 'acknowledgement', ticketId }) });
      await settle();
      assert.equal((await mailsOf(ticketId)).length, 1, 'an acknowledgement job (as older versions stored) finds it sent and sends nothing');
    });

    test('no acknowledgement for auto-submitted, bulk or our own mailbox; none for tickets opened elsewhere', async () => {
      const auto = await receive({ headers: { 'Auto-Submitted': 'auto-replied' }, subject: 'Out of office' });
      const bulk = await receive({ headers: { Precedence: 'bulk' }, subject: 'Newsletter' });
      const own = await receive({ from: 'billing@example.com', subject: 'Forwarded' });
      await settle();
      for (const t of [auto, bulk, own]) assert.equal((await mailsOf(t.ticketId)).length, 0);
      assert.deepEqual(await runOutboundTask(deps, { what: 'acknowledgement', ticketId: auto.ticketId }), { skip: 'opened by automated mail' });
      assert.deepEqual(await runOutboundTask(deps, { what: 'acknowledgement', ticketId: own.ticketId }), { skip: 'recipient is one of our mailboxes' });
      const web = await buildTicket(deps, { channel: 'web' });
      assert.deepEqual(await runOutboundTask(deps, { what: 'acknowledgement', ticketId: web.id }), { skip: 'ticket channel web' });
    });

    test("an agent's reply is mailed once, threaded to the customer's mail, and the customer's answer to it joins the ticket", async () => {
      const first = await receive({ from: 'bo@customer.example', subject: 'Sync fails' });
      const second = await receive({ from: 'bo@customer.example', subject: `Re: [${first.reference}] Sync fails`, body: 'Still failing.' });
      assert.equal(second.ticketId, first.ticketId);
      await deps.uow((w) => addMessage(w, { reference: first.reference, kind: 'note', author: { type: 'agent', id: agent.id }, channel: 'api', body: { text: 'internal only' } }, { type: 'agent', id: agent.id }));
      const { message } = await deps.uow((w) => addMessage(w, { reference: first.reference, kind: 'reply', author: { type: 'agent', id: agent.id }, channel: 'api', body: { text: 'Please update to 3.2.2.' } }, { type: 'agent', id: agent.id }));
      await settle();
      const replies = (await mailsOf(first.ticketId)).filter((m) => m.kind === 'reply');
      assert.equal(replies.length, 1, 'the note is not mailed');
      const reply = replies[0]!;
      assert.equal(reply.subject, `Re: Sync fails [${first.reference}]`);
      assert.equal(reply.in_reply_to, `<${second.messageId}>`);
      assert.equal(reply.references_header, `<${first.messageId}> <${second.messageId}>`);
      assert.match(reply.text, /^Please update to 3\.2\.2\./);
      assert.equal(JSON.parse(reply.headers)['Auto-Submitted'], undefined, 'a human reply is not auto-submitted');
      assert.deepEqual(await runOutboundTask(deps, { what: 'reply', messageId: message.id }), { skip: 'already mailed' });

      const answer = await receive({ from: 'bo@customer.example', subject: 'Re: your mail', headers: { 'In-Reply-To': reply.message_id } });
      assert.equal(answer.ticketId, first.ticketId);
    });

    test('replies on other channels are mailed only when written as email to a customer with an address', async () => {
      const api = await buildTicket(deps, { channel: 'api' });
      const viaApi = await deps.uow((w) => addMessage(w, { reference: api.reference, kind: 'reply', author: { type: 'agent', id: agent.id }, channel: 'api', body: { text: 'Hello over the API.' } }, { type: 'agent', id: agent.id }));
      assert.deepEqual(await runOutboundTask(deps, { what: 'reply', messageId: viaApi.message.id }), { skip: 'ticket channel api, message channel api' });
      const asEmail = await deps.uow((w) => addMessage(w, { reference: api.reference, kind: 'reply', author: { type: 'agent', id: agent.id }, channel: 'email', body: { text: 'Hello by email.' } }, { type: 'agent', id: agent.id }));
      const plan = await runOutboundTask(deps, { what: 'reply', messageId: asEmail.message.id });
      assert.ok('send' in plan, JSON.stringify(plan));
      assert.deepEqual([plan.send.to, plan.send.from, plan.send.inReplyTo], [api.customer.email, 'billing@example.com', null]);
    });

    test('the acknowledgement is queued in the commit that stores the ticket, so no lost event can skip it', async () => {
      const { ticketId } = await receive({ from: 'dee@customer.example', subject: 'Locked out' });
      const mails = await mailsOf(ticketId);
      assert.deepEqual(mails.map((m) => [m.kind, m.to_address]), [['acknowledgement', 'dee@customer.example']], 'in the outbox before any listener or job ran');
    });

    test('a reply whose message.created event was lost is mailed by the sweep, once', async () => {
      const first = await receive({ from: 'eve@customer.example', subject: 'Export fails' });
      await settle();
      // A unit of work whose events are dropped: the reply commits, no listener ever hears of it.
      const lost = await deps.store.transaction((trx) =>
        addMessage({ trx, now: new Date().toISOString(), emit: () => {} }, { reference: first.reference, kind: 'reply', author: { type: 'agent', id: agent.id }, channel: 'api', body: { text: 'Try the CSV export.' } }, { type: 'agent', id: agent.id }),
      );
      await settle();
      assert.equal((await mailsOf(first.ticketId)).filter((m) => m.kind === 'reply').length, 0, 'nothing heard, nothing mailed');
      const later = { ...deps, clock: { now: () => new Date(Date.now() + 60_000) } };
      assert.equal(await sweepLostReplies(deps), 0, 'a reply younger than the grace period is left to its event');
      assert.equal(await sweepLostReplies(later), 1, 'only the reply nobody heard of');
      assert.equal(await sweepLostReplies(later), 0, 'a second sweep (or another node) enqueues nothing');
      await settle();
      const replies = (await mailsOf(first.ticketId)).filter((m) => m.kind === 'reply');
      assert.equal(replies.length, 1);
      assert.match(replies[0]!.text, /^Try the CSV export\./);
      assert.deepEqual(await runOutboundTask(deps, { what: 'reply', messageId: lost.message.id }), { skip: 'already mailed' });
    });

    test('a secret in a customer mail is redacted and the notice is mailed; never to an auto-reply', async () => {
      const { ticketId, reference } = await receive({ from: 'cy@customer.example', subject: 'Card', body: `My card is ${CARD} and my password is Hunter2hunter2` });
      await settle();
      const texts = (await listMessages(deps.store.db, ticketId)).map((m) => m.text).join('\n');
      assert.ok(!texts.includes(CARD) && !texts.includes('Hunter2hunter2'), texts);
      const mails = await mailsOf(ticketId);
      const notice = mails.find((m) => m.kind === 'reply');
      assert.ok(notice, JSON.stringify(mails.map((m) => m.kind)));
      assert.match(notice.text, /never needs your password/);
      assert.equal(JSON.parse(notice.headers)['Auto-Submitted'], 'auto-replied');
      for (const m of mails) assert.ok(!`${m.subject}${m.text}${m.html}`.includes(CARD) && !m.text.includes('Hunter2hunter2'));

      await receive({ from: 'cy@customer.example', subject: `Re: [${reference}] Card`, headers: { 'Auto-Submitted': 'auto-replied' }, body: `Out of office. Card ${CARD}` });
      await settle();
      assert.equal((await listMessages(deps.store.db, ticketId)).filter((m) => m.author.type === 'system').length, 2, 'the notice is stored on the ticket');
      assert.equal((await mailsOf(ticketId)).filter((m) => m.kind === 'reply').length, 1, 'no notice answers an auto-reply');
    });
  });
}
