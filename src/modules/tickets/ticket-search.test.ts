import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SYSTEM, buildTicket, testDeps } from '../../../test/support/builders.ts';
import { DIALECTS, dialectSkip } from '../../../test/support/stores.ts';
import { updateCustomer } from '../customers/index.ts';
import { createAgent, createTeam } from '../identity/index.ts';
import { addMessage, countTickets, listTickets, updateTicket, type Ticket } from './index.ts';
import { fts5Query, searchPhrase, tsQuery } from './ticket-search.ts';

test('a search is its words as one phrase; a trailing * makes the last word a prefix', () => {
  assert.deepEqual(searchPhrase('Anna@Example.org'), { words: ['anna', 'example', 'org'], prefix: false });
  assert.deepEqual(searchPhrase('error E-4012'), { words: ['error', 'e', '4012'], prefix: false });
  assert.deepEqual(searchPhrase('cannot sy*'), { words: ['cannot', 'sy'], prefix: true });
  assert.deepEqual(searchPhrase('"); drop table --'), { words: ['drop', 'table'], prefix: false });
  assert.equal(fts5Query(searchPhrase('cannot sy*')), '"cannot sy" *');
  assert.equal(tsQuery(searchPhrase('cannot sy*')), 'cannot <-> sy:*');
  assert.equal(searchPhrase('%%% ***').words.length, 0);
});

for (const dialect of DIALECTS) {
  describe(`ticket search and counts on ${dialect}`, { skip: await dialectSkip(dialect) }, () => {
    let deps: Awaited<ReturnType<typeof testDeps>>;
    let seq = 0;
    const tag = `t${process.pid}${dialect}`;
    const make = (over: Parameters<typeof buildTicket>[1] = {}): Promise<Ticket> => buildTicket(deps, over);
    const refs = async (text: string, more: Partial<Parameters<typeof listTickets>[1]> = {}): Promise<string[]> =>
      (await listTickets(deps.store.db, { text, limit: 100, ...more })).items.map((t) => t.reference).sort();
    const sorted = (...ts: Ticket[]): string[] => ts.map((t) => t.reference).sort();
    before(async () => {
      deps = await testDeps(dialect);
    });
    after(() => deps.close());

    test('q finds tickets by subject, message body, customer name and email, and reference', async () => {
      const word = `zanzibar${tag}`;
      const bySubject = await make({ subject: `Export to ${word} fails` });
      const byBody = await make({ body: { text: `My vault shows error QX-${tag}-77 after the update.` } });
      const byName = await make({ customer: { identity: { kind: 'email', value: `h.${tag}@example.org` }, name: `Hortensia Ågren${tag}` } });
      const byReply = await make();
      await deps.uow((work) => addMessage(work, { reference: byReply.reference, kind: 'note', author: { type: 'agent', id: null }, channel: 'api', body: { text: `Escalated to the ${word} squad` } }, SYSTEM));
      const other = await make({ subject: 'Nothing to see here' });

      assert.deepEqual(await refs(word), sorted(bySubject, byReply));
      assert.deepEqual(await refs(`error QX-${tag}-77`), sorted(byBody));
      assert.deepEqual(await refs(`hortensia ågren${tag}`), sorted(byName), 'names match whatever the case');
      assert.deepEqual(await refs(`h.${tag}@example.org`), sorted(byName));
      assert.deepEqual(await refs(other.reference.toLowerCase()), sorted(other));
      assert.deepEqual(await refs(word.slice(0, 9)), [], 'a part of a word is not the word');
      assert.deepEqual(await refs(`${word.slice(0, 9)}*`), sorted(bySubject, byReply), 'a trailing * makes it a prefix');
      assert.deepEqual(await refs(`export to ${word.slice(0, 6)}*`), sorted(bySubject), 'a trailing * is a prefix');
      assert.deepEqual(await refs(`to export ${word}`), [], 'words count as a phrase, in order');
      assert.deepEqual(await refs(word, { status: ['solved'] }), [], 'search combines with the other filters');
      assert.deepEqual(await refs('%%% ***'), [], 'only punctuation finds nothing, not everything');
    });

    test('the index follows every write: subject and customer changes, new messages, and nothing else matches', async () => {
      const ticket = await make({ subject: `Old subject ${tag}` });
      assert.deepEqual(await refs(`old subject ${tag}`), sorted(ticket));
      await deps.uow((work) => updateTicket(work, ticket.reference, { subject: `Renamed kumquat${tag}` }, SYSTEM));
      assert.deepEqual(await refs(`old subject ${tag}`), []);
      assert.deepEqual(await refs(`kumquat${tag}`), sorted(ticket));
      await deps.uow((work) => updateCustomer(work, ticket.customer.id, { name: `Quentin Vasquez${tag}` }));
      assert.deepEqual(await refs(`quentin vasquez${tag}`), sorted(ticket));
      assert.deepEqual(await refs(`customer ${ticket.customer.name}`), [], 'the old name is gone from the index');
    });

    test('search pages newest first with the same cursor as the list', async () => {
      const word = `pagination${tag}`;
      const made: Ticket[] = [];
      for (let i = 0; i < 5; i++) made.push(await make({ subject: `${word} ${i}` }));
      const first = await listTickets(deps.store.db, { text: word, limit: 2 });
      assert.deepEqual(first.items.map((t) => t.reference), [made[4]!.reference, made[3]!.reference]);
      const second = await listTickets(deps.store.db, { text: word, limit: 2, cursor: first.nextCursor! });
      assert.deepEqual(second.items.map((t) => t.reference), [made[2]!.reference, made[1]!.reference]);
      const third = await listTickets(deps.store.db, { text: word, limit: 2, cursor: second.nextCursor! });
      assert.deepEqual(third.items.map((t) => t.reference), [made[0]!.reference]);
      assert.equal(third.nextCursor, null);
    });

    test('counts: views for the agent, every status, and open work by channel, category and team', async () => {
      const now = new Date().toISOString();
      const agent = await createAgent(deps.store.db, { email: `counts-${tag}-${++seq}@careline.test`, name: 'Counter', role: 'agent' }, now);
      const team = await createTeam(deps.store.db, `Counts ${tag} ${seq}`, now);
      const before = await countTickets(deps.store.db, agent.id);
      await make({ channel: 'chat', category: 'billing', assigneeId: agent.id, teamId: team.id });
      await make({ channel: 'chat', category: 'billing', assigneeId: agent.id, teamId: team.id, status: 'pending' });
      await make({ channel: 'email', category: 'sync' });
      const solved = await make({ channel: 'web', category: 'general', assigneeId: agent.id });
      await deps.uow((work) => updateTicket(work, solved.reference, { status: 'solved' }, SYSTEM));
      const afterwards = await countTickets(deps.store.db, agent.id);
      assert.deepEqual(
        { mine: afterwards.views.mine! - before.views.mine!, unassigned: afterwards.views.unassigned - before.views.unassigned, open: afterwards.views.open - before.views.open, all: afterwards.views.all - before.views.all },
        { mine: 2, unassigned: 1, open: 3, all: 4 },
      );
      assert.equal(afterwards.byStatus.new - before.byStatus.new, 2);
      assert.equal(afterwards.byStatus.pending - before.byStatus.pending, 1);
      assert.equal(afterwards.byStatus.solved - before.byStatus.solved, 1);
      assert.equal(afterwards.byChannel.chat - before.byChannel.chat, 2);
      assert.equal(afterwards.byChannel.web - before.byChannel.web, 0, 'solved work is not open work');
      assert.equal(afterwards.byCategory.billing - before.byCategory.billing, 2);
      assert.deepEqual(afterwards.byTeam.find((t) => t.teamId === team.id), { teamId: team.id, count: 2 });
      assert.equal((await countTickets(deps.store.db, null)).views.mine, null, 'an API token has no "mine"');
    });
  });
}
