import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { SYSTEM, buildTicket, testDeps } from '../../test/support/builders.ts';
import { addMessage, listTickets } from '../modules/tickets/index.ts';

describe('ticket search fed once per commit on SQLite', () => {
  let deps: Awaited<ReturnType<typeof testDeps>>;
  const refs = async (text: string): Promise<string[]> => (await listTickets(deps.store.db, { text, limit: 100 })).items.map((t) => t.reference).sort();
  before(async () => {
    deps = await testDeps('sqlite');
  });
  after(() => deps.close());

  test('what concurrent transactions wrote is found as soon as they have committed', async () => {
    const tickets = await Promise.all(Array.from({ length: 60 }, (_, i) => buildTicket(deps, { body: { text: `Autofill broke on kestrel${i} and on everyfeedword` } })));
    assert.deepEqual(await refs('everyfeedword'), tickets.map((t) => t.reference).sort(), 'all 60 found');
    assert.deepEqual(await refs('kestrel17'), [tickets[17]!.reference]);
  });

  test('a row written outside a store transaction is found once the search catches up, which the ticket list API does', async () => {
    const ticket = await buildTicket(deps);
    const { id } = await deps.store.db.selectFrom('tickets').select('id').where('reference', '=', ticket.reference).executeTakeFirstOrThrow();
    await deps.store.db
      .insertInto('messages')
      .values({ ticket_id: id, kind: 'note', author_type: 'system', author_id: null, channel: 'api', text: 'written bare: marmoset', html: '<p>written bare: marmoset</p>', external_id: null, created_at: new Date().toISOString() })
      .execute();
    assert.deepEqual(await refs('marmoset'), [], 'not indexed yet: no row trigger, and nothing has committed through the store since');
    await deps.store.catchUpSearch();
    assert.deepEqual(await refs('marmoset'), [ticket.reference]);
  });

  test('edits and deletes of indexed rows leave no stale words; of rows not yet indexed, nothing breaks', async () => {
    const ticket = await buildTicket(deps, { body: { text: 'The word is wolverine' } });
    assert.deepEqual(await refs('wolverine'), [ticket.reference]);
    await deps.store.transaction((trx) => trx.updateTable('messages').set({ text: 'The word is pangolin' }).where('text', '=', 'The word is wolverine').execute());
    assert.deepEqual(await refs('wolverine'), [], 'the old words left the index');
    assert.deepEqual(await refs('pangolin'), [ticket.reference]);

    // Written, changed and deleted within one transaction: never indexed, and the delete trigger must not touch FTS5.
    await deps.store.transaction(async (trx) => {
      const { id } = await trx.selectFrom('tickets').select('id').where('reference', '=', ticket.reference).executeTakeFirstOrThrow();
      const row = await trx
        .insertInto('messages')
        .values({ ticket_id: id, kind: 'note', author_type: 'system', author_id: null, channel: 'api', text: 'fleeting ocelot', html: '<p>x</p>', external_id: null, created_at: new Date().toISOString() })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.updateTable('messages').set({ text: 'fleeting lynx' }).where('id', '=', row.id).execute();
      await trx.deleteFrom('messages').where('id', '=', row.id).execute();
    });
    assert.deepEqual(await refs('ocelot'), []);
    assert.deepEqual(await refs('lynx'), []);
    const { rows } = await sql<{ ok: string }>`pragma integrity_check`.execute(deps.store.db);
    assert.equal(rows[0]!.ok ?? Object.values(rows[0]!)[0], 'ok');
    await sql`insert into messages_fts (messages_fts, rank) values ('integrity-check', 1)`.execute(deps.store.db);
  });

  test('a reply added through the tickets module is searchable at once', async () => {
    const ticket = await buildTicket(deps);
    await deps.uow((work) => addMessage(work, { reference: ticket.reference, kind: 'note', author: { type: 'agent', id: null }, channel: 'api', body: { text: 'Escalated to the quokka team' } }, SYSTEM));
    assert.deepEqual(await refs('quokka'), [ticket.reference]);
  });
});
