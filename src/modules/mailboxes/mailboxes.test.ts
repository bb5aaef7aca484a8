import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AppError } from '../../kernel/errors.ts';
import { createTeam } from '../identity/index.ts';
import { testDeps } from '../../../test/support/builders.ts';
import { DIALECTS, dialectSkip } from '../../../test/support/stores.ts';
import { createMailbox, findMailbox, getMailbox, listMailboxes } from './index.ts';

for (const dialect of DIALECTS) {
  describe(`mailboxes on ${dialect}`, { skip: await dialectSkip(dialect) }, () => {
    let deps: Awaited<ReturnType<typeof testDeps>>;
    const now = new Date().toISOString();
    before(async () => {
      deps = await testDeps(dialect);
    });
    after(() => deps.close());

    test('a mailbox is stored lowercase with its defaults, and found in any case', async () => {
      const team = await createTeam(deps.store.db, 'Billing', now);
      const made = await createMailbox(deps.store.db, { address: ' Billing@Example.COM ', category: 'billing', priority: 'high', teamId: team.id }, now);
      assert.equal(made.address, 'billing@example.com');
      assert.equal(made.name, 'billing@example.com');
      assert.deepEqual([made.category, made.priority, made.teamId], ['billing', 'high', team.id]);
      assert.equal((await findMailbox(deps.store.db, 'BILLING@example.com'))?.id, made.id);
      assert.equal((await getMailbox(deps.store.db, made.id)).address, 'billing@example.com');
      assert.equal(await findMailbox(deps.store.db, 'nobody@example.com'), null);
    });

    test('an address is unique, and bad input is refused with the field named', async () => {
      await createMailbox(deps.store.db, { address: 'support@example.com', name: 'Support', category: 'general' }, now);
      await assert.rejects(createMailbox(deps.store.db, { address: 'SUPPORT@example.com', category: 'general' }, now), (e: AppError) => e.code === 'conflict');
      await assert.rejects(createMailbox(deps.store.db, { address: 'not an address', category: 'general' }, now), (e: AppError) => e.details?.address === 'invalid');
      await assert.rejects(createMailbox(deps.store.db, { address: 'x@example.com', category: 'nonsense' as 'general' }, now), (e: AppError) => e.details?.category === 'invalid');
      await assert.rejects(createMailbox(deps.store.db, { address: 'y@example.com', category: 'general', priority: 'asap' as 'high' }, now), (e: AppError) => e.details?.priority === 'invalid');
      await assert.rejects(createMailbox(deps.store.db, { address: 'z@example.com', category: 'general', teamId: 999_999 }, now), (e: AppError) => e.details?.teamId === 'unknown');
      assert.deepEqual((await listMailboxes(deps.store.db)).map((m) => m.address), ['billing@example.com', 'support@example.com']);
    });
  });
}
