import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AppError } from '../../kernel/errors.ts';
import type { StoredEvent } from '../../kernel/events.ts';
import { createAgent } from '../identity/index.ts';
import { buildTicket, testDeps } from '../../../test/support/builders.ts';
import { DIALECTS, dialectSkip } from '../../../test/support/stores.ts';
import { addMessage, findTicket, listMessages, listTickets, ticketEvents, updateTicket } from './index.ts';

for (const dialect of DIALECTS) {
  describe(`tickets on ${dialect}`, { skip: await dialectSkip(dialect) }, () => {
    let deps: Awaited<ReturnType<typeof testDeps>>;
    const published: StoredEvent[] = [];
    before(async () => {
      deps = await testDeps(dialect);
      deps.bus.subscribe({ name: 'test', events: '*', handle: (e) => void published.push(e) });
    });
    after(() => deps.close());

    test('creating a ticket stores customer, ticket, first message and events, then publishes them', async () => {
      published.length = 0;
      const ticket = await buildTicket(deps, { customer: { identity: { kind: 'email', value: 'Ada@Example.ORG' }, name: 'Ada' } });
      assert.match(ticket.reference, /^CL-[0-9A-HJKMNP-TV-Z]{8}$/);
      assert.equal(ticket.status, 'new');
      assert.equal(ticket.customer.email, 'ada@example.org');
      const messages = await listMessages(deps.store.db, ticket.id);
      assert.equal(messages.length, 1);
      assert.equal(messages[0]!.author.type, 'customer');
      assert.equal(messages[0]!.author.name, 'Ada');
      assert.match(messages[0]!.html, /<p>The app says sync failed/);
      const history = await ticketEvents(deps.store.db, ticket.id);
      assert.deepEqual(history.map((e) => e.type), ['ticket.created', 'message.created']);
      await new Promise((r) => setImmediate(r));
      assert.deepEqual(published.map((e) => e.type), ['customer.created', 'ticket.created', 'message.created']);
    });

    test('the same customer email reuses the customer', async () => {
      const a = await buildTicket(deps, { customer: { identity: { kind: 'email', value: 'same@example.org' } } });
      const b = await buildTicket(deps, { customer: { identity: { kind: 'email', value: 'SAME@example.org' } } });
      assert.equal(a.customer.id, b.customer.id);
    });

    test('a reference is found in any case and with O/0 and I/L/1 confusions', async () => {
      const ticket = await buildTicket(deps);
      const typed = ticket.reference.toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l');
      assert.equal((await findTicket(deps.store.db, typed)).id, ticket.id);
      assert.equal((await findTicket(deps.store.db, ticket.reference.slice(3))).id, ticket.id);
      await assert.rejects(findTicket(deps.store.db, 'CL-UUUUUUUU'), (e: AppError) => e.code === 'not_found');
    });

    test('status transitions are enforced and recorded with who changed what', async () => {
      const ticket = await buildTicket(deps);
      const agent = await createAgent(deps.store.db, { email: `a-${ticket.id}@careline.test`, name: 'Agent A', role: 'agent' }, new Date().toISOString());
      const actor = { type: 'agent' as const, id: agent.id };
      const solved = await deps.uow((w) => updateTicket(w, ticket.reference, { status: 'solved', assigneeId: agent.id, tags: ['VIP', 'vip', 'sync'] }, actor));
      assert.equal(solved.status, 'solved');
      assert.ok(solved.solvedAt);
      assert.deepEqual(solved.tags, ['sync', 'vip']);
      const closed = await deps.uow((w) => updateTicket(w, ticket.reference, { status: 'closed' }, actor));
      await assert.rejects(
        deps.uow((w) => updateTicket(w, closed.reference, { status: 'open' }, actor)),
        (e: AppError) => e.code === 'invalid_transition' && /closed tickets are final/.test(e.message),
      );
      const history = await ticketEvents(deps.store.db, ticket.id);
      const updates = history.filter((e) => e.type === 'ticket.updated');
      assert.equal(updates.length, 2);
      assert.deepEqual(updates[0]!.actor, actor);
      assert.deepEqual(updates[0]!.data.changes, { status: ['new', 'solved'], assigneeId: [null, agent.id], tags: [[], ['sync', 'vip']] });
    });

    test('an agent reply sets first response and opens a new ticket; a retried message id is stored once', async () => {
      const ticket = await buildTicket(deps);
      const agent = await createAgent(deps.store.db, { email: `b-${ticket.id}@careline.test`, name: 'Agent B', role: 'agent' }, new Date().toISOString());
      const input = { reference: ticket.reference, kind: 'reply' as const, author: { type: 'agent' as const, id: agent.id }, channel: 'api' as const, body: { text: 'Try signing out and in.' }, externalId: 'client-1' };
      const first = await deps.uow((w) => addMessage(w, input, { type: 'agent', id: agent.id }));
      const again = await deps.uow((w) => addMessage(w, input, { type: 'agent', id: agent.id }));
      assert.equal(first.created, true);
      assert.equal(again.created, false);
      assert.equal(again.message.id, first.message.id);
      const after = await findTicket(deps.store.db, ticket.reference);
      assert.equal(after.status, 'open');
      assert.ok(after.firstResponseAt);
      assert.equal((await listMessages(deps.store.db, ticket.id)).length, 2);
    });

    test('a failed command changes nothing', async () => {
      const before = await listTickets(deps.store.db, { limit: 1000 });
      await assert.rejects(buildTicket(deps, { assigneeId: 999_999 }), (e: AppError) => e.code === 'validation_failed');
      await assert.rejects(buildTicket(deps, { customer: { identity: { kind: 'email', value: 'not-an-email' } } }), AppError);
      const after = await listTickets(deps.store.db, { limit: 1000 });
      assert.equal(after.items.length, before.items.length);
    });

    test('HTML bodies are sanitized', async () => {
      const ticket = await buildTicket(deps, { body: { html: '<p onclick="x()">Hi<script>alert(1)</script><img src="https://track.example/p.gif"><a href="javascript:alert(1)">x</a></p>' } });
      const [m] = await listMessages(deps.store.db, ticket.id);
      assert.doesNotMatch(m!.html, /script|onclick|javascript:/);
      // The pixel cannot load: its address is parked where no browser fetches it, for "Load images".
      assert.doesNotMatch(m!.html, /\ssrc=/);
      assert.match(m!.html, /<img data-remote-src="https:\/\/track\.example\/p\.gif" \/>/);
      assert.equal(m!.text, 'Hix');
    });

    test('list filters combine and the cursor pages without gaps or repeats', async () => {
      const email = `pager-${dialect}@example.org`;
      const made = [];
      for (let i = 0; i < 7; i++) made.push(await buildTicket(deps, { customer: { identity: { kind: 'email', value: email } }, category: i % 2 ? 'billing' : 'sync', tags: i === 3 ? ['refund'] : [] }));
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listTickets(deps.store.db, { customerEmail: email, limit: 3, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items.map((t) => t.reference));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      assert.deepEqual(seen, made.map((t) => t.reference).reverse());
      const billing = await listTickets(deps.store.db, { customerEmail: email, category: 'billing', limit: 50 });
      assert.equal(billing.items.length, 3);
      const tagged = await listTickets(deps.store.db, { customerEmail: email, tag: 'REFUND', limit: 50 });
      assert.deepEqual(tagged.items.map((t) => t.reference), [made[3]!.reference]);
      const text = await listTickets(deps.store.db, { text: 'e-4012', customerEmail: email, limit: 50 });
      assert.equal(text.items.length, 7);
    });
  });
}
