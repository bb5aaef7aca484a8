import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createAgent, createTeam } from '../identity/index.ts';
import { SECRET_NOTICE } from '../triage/index.ts';
import { buildTicket, testDeps } from '../../../test/support/builders.ts';
import { DIALECTS, dialectSkip } from '../../../test/support/stores.ts';
import { addMessage, ESCALATION_TAG, findTicket, listChecklist, listMessages, listTickets, setChecklistItem, ticketEvents } from './index.ts';

const CARD = '4242 4242 4242 4242';
const PASSWORD = 'Tr0ub4dor&3xyz';

for (const dialect of DIALECTS) {
  describe(`triage and redaction on ${dialect}`, { skip: await dialectSkip(dialect) }, () => {
    let deps: Awaited<ReturnType<typeof testDeps>>;
    let securityTeam: number;
    before(async () => {
      deps = await testDeps(dialect);
      securityTeam = (await createTeam(deps.store.db, 'Security', new Date().toISOString())).id;
    });
    after(() => deps.close());

    /** Every stored text column that could hold a customer's words. */
    async function storedText(): Promise<string> {
      const rows = await sql<{ t: string }>`
        select subject as t from tickets union all select text from messages union all select html from messages
        union all select data from events union all select coalesce(triage, '') from tickets`.execute(deps.store.db);
      return rows.rows.map((r) => r.t).join('\n');
    }

    test('a card number and a password never reach storage; the customer is told support never needs them', async () => {
      const ticket = await buildTicket(deps, {
        subject: `my password is ${PASSWORD}`,
        body: { text: `Please charge my card ${CARD} again, and my password is ${PASSWORD} if you need to log in.` },
      });
      const stored = await storedText();
      assert.ok(!stored.includes(PASSWORD), 'password stored');
      assert.ok(!stored.replace(/\s/g, '').includes(CARD.replace(/\s/g, '')), 'card number stored');
      assert.equal(ticket.subject, 'my password is [password removed]');
      const [first, notice] = await listMessages(deps.store.db, ticket.id);
      assert.match(first!.text, /\[card ending 4242 removed\]/);
      assert.match(first!.text, /\[password removed\]/);
      assert.deepEqual(first!.redactions.map((f) => f.kind).sort(), ['card', 'password']);
      assert.equal(notice!.author.type, 'system');
      assert.equal(notice!.kind, 'reply');
      assert.equal(notice!.text, SECRET_NOTICE);
      const found = await listTickets(deps.store.db, { text: '4242 4242', limit: 10 });
      assert.equal(found.items.length, 0, 'the removed number cannot be searched for');
    });

    test('a customer reply and an agent note are screened too; only the customer gets the notice', async () => {
      const ticket = await buildTicket(deps);
      const agent = await createAgent(deps.store.db, { email: `redact-${ticket.id}@careline.test`, name: 'Agent R', role: 'agent' }, new Date().toISOString());
      await deps.uow((w) => addMessage(w, { reference: ticket.reference, kind: 'reply', author: { type: 'customer', id: ticket.customer.id }, channel: 'api', body: { html: `<p>Recovery codes: <b>ABCD-EFGH-IJKL</b> and card ${CARD}</p>` } }, { type: 'customer', id: ticket.customer.id }));
      await deps.uow((w) => addMessage(w, { reference: ticket.reference, kind: 'note', author: { type: 'agent', id: agent.id }, channel: 'api', body: { text: `customer pasted ${CARD}` } }, { type: 'agent', id: agent.id }));
      const messages = await listMessages(deps.store.db, ticket.id);
      assert.deepEqual(messages.map((m) => m.author.type), ['customer', 'customer', 'system', 'agent']);
      for (const m of messages) assert.ok(!m.text.replace(/\s/g, '').includes('4242424242424242') && !m.html.replace(/\s/g, '').includes('4242424242424242'), `message ${m.id} kept the card`);
      assert.ok(!messages[1]!.html.includes('ABCD-EFGH-IJKL'));
      assert.ok(messages[3]!.redactions.some((f) => f.kind === 'card'));
    });

    test('a compromise report becomes an urgent security ticket for the security team with a checklist', async () => {
      const ticket = await buildTicket(deps, {
        subject: 'Someone logged into my vault',
        body: { text: 'I got a login alert from Romania an hour ago. That was not me and two passwords in my vault were changed. What do I do?' },
        category: 'billing',
        priority: 'low',
      });
      assert.equal(ticket.category, 'security');
      assert.equal(ticket.priority, 'urgent');
      assert.equal(ticket.teamId, securityTeam);
      assert.ok(ticket.tags.includes(ESCALATION_TAG));
      assert.ok(ticket.triage?.escalation);
      const checklist = await listChecklist(deps.store.db, ticket.id);
      assert.ok(checklist.length >= 3);
      assert.deepEqual(checklist.map((c) => c.text), ticket.triage!.escalation!.checklist);
      const agent = await createAgent(deps.store.db, { email: `sec-${ticket.id}@careline.test`, name: 'Sec', role: 'agent' }, new Date().toISOString());
      const ticked = await deps.uow((w) => setChecklistItem(w, ticket.reference, checklist[0]!.id, true, { type: 'agent', id: agent.id }));
      assert.ok(ticked[0]!.doneAt);
      assert.equal(ticked[0]!.doneBy, agent.id);
      const history = await ticketEvents(deps.store.db, ticket.id);
      assert.ok(history.some((e) => e.type === 'ticket.updated' && `checklist.${checklist[0]!.id}` in (e.data as { changes: object }).changes));
    });

    test('triage decides category and priority unless the caller set them; it keeps its signals', async () => {
      const guessed = await buildTicket(deps, { subject: 'Refund please', body: { text: 'I was charged twice for the family plan, please refund one.' } });
      assert.equal(guessed.category, 'billing');
      assert.ok(guessed.triage!.signals.length > 0);
      const set = await buildTicket(deps, { subject: 'Refund please', body: { text: 'I was charged twice for the family plan.' }, category: 'general', priority: 'low' });
      assert.equal(set.category, 'general');
      assert.equal(set.priority, 'low');
      assert.equal(set.triage!.category, 'billing', 'the verdict is kept for agents even when overridden');
      const again = await findTicket(deps.store.db, set.reference);
      assert.deepEqual(again.triage, set.triage);
    });
  });
}
