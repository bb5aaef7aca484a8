import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AppError } from '../../kernel/errors.ts';
import { SYSTEM, buildTicket, testDeps } from '../../../test/support/builders.ts';
import { DIALECTS, dialectSkip } from '../../../test/support/stores.ts';
import { addMessage, findTicket, listMessages, listTickets, mergeTickets, ticketEvents, updateTicket } from './index.ts';

const AGENT = { type: 'agent', id: 1 } as const;

for (const dialect of DIALECTS) {
  describe(`merging tickets on ${dialect}`, { skip: await dialectSkip(dialect) }, () => {
    let deps: Awaited<ReturnType<typeof testDeps>>;
    let seq = 0;
    const customer = () => ({ identity: { kind: 'email' as const, value: `merge-${++seq}-${process.pid}@example.org` }, name: 'Mila Merge' });
    const reply = (reference: string, text: string) =>
      deps.uow((work) => addMessage(work, { reference, kind: 'reply', author: { type: 'customer', id: null }, channel: 'email', body: { text } }, SYSTEM));
    before(async () => {
      deps = await testDeps(dialect);
    });
    after(() => deps.close());

    test("the source's messages move to the target in order; the source closes with a note; both record it", async () => {
      const who = customer();
      const target = await buildTicket(deps, { customer: who, subject: 'Sync stopped' });
      const source = await buildTicket(deps, { customer: who, subject: 'Still not syncing' });
      await reply(target.reference, 'Later message on the target');
      await reply(source.reference, `Later message on the source with lapwing${seq}`);
      const merged = await deps.uow((work) => mergeTickets(work, source.reference, target.reference, SYSTEM));
      assert.equal(merged.merged, true);
      assert.equal(merged.ticket.reference, target.reference);

      const messages = await listMessages(deps.store.db, target.id);
      const ids = messages.map((m) => m.id);
      assert.deepEqual(ids, [...ids].sort((a, b) => a - b), 'messages stay in the order they arrived');
      assert.deepEqual(messages.filter((m) => m.author.type === 'customer').map((m) => [m.id, m.text.split(' ').slice(0, 5).join(' ')]), [
        [ids[0], 'The app says sync failed'], [ids[1], 'The app says sync failed'], [ids[2], 'Later message on the target'], [ids[3], 'Later message on the source'],
      ], 'target opening, source opening, then the later replies of each, as they arrived');
      assert.match(messages.at(-1)!.text, new RegExp(`${source.reference} .*was merged into this ticket with its 2 messages`));
      const left = await listMessages(deps.store.db, source.id);
      assert.equal(left.length, 1);
      assert.equal(left[0]!.kind, 'note');
      assert.match(left[0]!.text, new RegExp(`Merged into ${target.reference}`));
      assert.equal((await findTicket(deps.store.db, source.reference)).status, 'closed');
      assert.deepEqual(await listTickets(deps.store.db, { text: `lapwing${seq}`, limit: 5 }).then((p) => p.items.map((t) => t.reference)), [target.reference], 'search finds the moved message on the target');

      const merges = async (id: number) => (await ticketEvents(deps.store.db, id)).filter((e) => e.type === 'ticket.merged').map((e) => e.data);
      assert.deepEqual(await merges(source.id), [{ reference: source.reference, source: source.reference, target: target.reference, messages: 2 }]);
      assert.deepEqual(await merges(target.id), [{ reference: target.reference, source: source.reference, target: target.reference, messages: 2 }]);

      const again = await deps.uow((work) => mergeTickets(work, source.reference, target.reference, SYSTEM));
      assert.equal(again.merged, false, 'a retry changes nothing');
      assert.equal((await listMessages(deps.store.db, target.id)).length, messages.length);
      assert.equal((await merges(target.id)).length, 1);
    });

    test('tickets of different customers, closed tickets, a ticket into itself and chains are refused, changing nothing', async () => {
      const a = await buildTicket(deps, { customer: customer() });
      const b = await buildTicket(deps, { customer: customer() });
      const refused = async (from: string, into: string, code: string, pattern: RegExp) => {
        await assert.rejects(deps.uow((work) => mergeTickets(work, from, into, AGENT)), (e: unknown) => e instanceof AppError && e.code === code && pattern.test(e.message));
      };
      await refused(a.reference, b.reference, 'conflict', /same customer/);
      await refused(a.reference, a.reference, 'validation_failed', /itself/);
      await refused(a.reference, 'CL-00000000', 'not_found', /CL-00000000/);
      assert.equal((await listMessages(deps.store.db, a.id)).length, 1);
      assert.equal((await findTicket(deps.store.db, a.reference)).status, 'new');

      const who = customer();
      const c = await buildTicket(deps, { customer: who });
      const d = await buildTicket(deps, { customer: who });
      const e = await buildTicket(deps, { customer: who });
      await deps.uow((work) => updateTicket(work, e.reference, { status: 'closed' }, SYSTEM));
      await refused(c.reference, e.reference, 'conflict', /closed/);
      await refused(e.reference, c.reference, 'conflict', /closed/);
      await deps.uow((work) => mergeTickets(work, c.reference, d.reference, SYSTEM));
      await refused(c.reference, e.reference, 'conflict', /already merged/);
      const f = await buildTicket(deps, { customer: who });
      await refused(f.reference, c.reference, 'conflict', /merged into another ticket|closed/);
    });
  });
}
