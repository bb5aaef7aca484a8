import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DIALECTS, dialectSkip, openTestStore, type TestStore } from '../../test/support/stores.ts';
import { compiledOnce } from './compiled-once.ts';

for (const dialect of DIALECTS) {
  describe(`a query compiled once on ${dialect}`, { skip: await dialectSkip(dialect) }, () => {
    let t: TestStore;
    before(async () => {
      t = await openTestStore(dialect);
      const now = new Date().toISOString();
      await t.store.db.insertInto('teams').values([{ name: 'Alpha', slug: 'alpha', created_at: now }, { name: 'Beta', slug: 'beta', created_at: now }]).execute();
    });
    after(() => t.cleanup());

    test('runs again with new parameters in their places; constants of the query stay', async () => {
      let builds = 0;
      const find = compiledOnce((db, slug: string, name: string) => {
        builds++;
        return db.selectFrom('teams').select(['slug', 'name']).where('name', '=', name).where('slug', '=', slug).where('slug', '!=', 'gamma');
      });
      assert.deepEqual((await find(t.store.db, 'alpha', 'Alpha')).rows, [{ slug: 'alpha', name: 'Alpha' }]);
      assert.deepEqual((await find(t.store.db, 'beta', 'Beta')).rows, [{ slug: 'beta', name: 'Beta' }]);
      assert.deepEqual((await find(t.store.db, 'beta', 'Alpha')).rows, [], 'both parameters are bound where they belong');
      await t.store.transaction(async (trx) => assert.deepEqual((await find(trx, 'alpha', 'Alpha')).rows.length, 1));
      assert.equal(builds, 1, 'built once for this database, transactions included');
    });

    test('inside a transaction it answers as Kysely would, rows, inserts and errors alike; plugins still see it', async () => {
      const insert = compiledOnce((db, name: string, slug: string) => db.insertInto('teams').values({ name, slug, created_at: '2026-11-26T00:00:00.000Z' }).returning('slug'));
      const rename = compiledOnce((db, name: string, slug: string) => db.updateTable('teams').set({ name }).where('slug', '=', slug));
      await t.store.transaction(async (trx) => {
        assert.deepEqual((await insert(trx, 'Gamma', 'gamma')).rows, [{ slug: 'gamma' }]);
        assert.equal((await rename(trx, 'Gamma Two', 'gamma')).numAffectedRows, 1n);
      });
      await assert.rejects(
        t.store.transaction((trx) => insert(trx, 'Again', 'gamma')),
        (error: Error & { code?: string }) => /UNIQUE|23505/.test(`${error.code} ${error.message}`),
      );
      assert.equal((await t.store.db.selectFrom('teams').select('name').where('slug', '=', 'gamma').executeTakeFirstOrThrow()).name, 'Gamma Two');
      let seen = 0;
      const counting = t.store.db.withPlugin({ transformQuery: (args) => args.node, transformResult: async (args) => ((seen += 1), args.result) });
      await counting.transaction().execute(async (trx) => void (await rename(trx, 'Gamma Three', 'gamma')));
      assert.equal(seen, 1, 'a database with a plugin runs it through Kysely');
    });

    test('a build that leaves a parameter out is refused on its first call', async () => {
      const broken = compiledOnce((db, slug: string) => db.selectFrom('teams').select('slug').where('slug', '=', slug.length > 0 ? 'alpha' : 'beta'));
      await assert.rejects(async () => broken(t.store.db, 'alpha'), /parameter 0 is not bound/);
    });
  });
}
