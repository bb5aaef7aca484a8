import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { PG_URL, skipUnless } from '../../test/support/services.ts';
import { openStore } from './database.ts';
import { migrations } from './migrations/index.ts';

const ALL = Object.keys(migrations);

describe('PostgreSQL store with ?schema=', { skip: await skipUnless('postgres') }, () => {
  test('migrates into its own schema even when another schema already holds the migration tables', async () => {
    const schemas = [0, 1].map(() => `t_db_${process.pid}_${randomBytes(4).toString('hex')}`);
    const stores = schemas.map((schema) => openStore(`${PG_URL}?schema=${schema}`));
    try {
      assert.deepEqual(await stores[0]!.migrate(), ALL);
      assert.deepEqual(await stores[1]!.migrate(), ALL);
      assert.deepEqual(await stores[1]!.migrate(), [], 'a second migrate finds nothing to do');
      for (const schema of schemas) {
        const { rows } = await sql<{ table_name: string }>`
          select table_name from information_schema.tables
          where table_schema = ${schema} and table_name in ('kysely_migration', 'kysely_migration_lock', 'tickets')
          order by table_name`.execute(stores[0]!.db);
        assert.deepEqual(rows.map((r) => r.table_name), ['kysely_migration', 'kysely_migration_lock', 'tickets']);
      }
      await stores[0]!.db.insertInto('teams').values({ name: 'Billing', slug: 'billing', created_at: new Date().toISOString() }).execute();
      assert.equal((await stores[1]!.db.selectFrom('teams').select('id').execute()).length, 0, 'the schemas do not share rows');
    } finally {
      for (const schema of schemas) await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(stores[0]!.db);
      for (const store of stores) await store.close();
    }
  });

  test('nodes starting together on a fresh schema all migrate it, and exactly one applies each migration', async () => {
    for (let round = 0; round < 5; round++) {
      const schema = `t_db_${process.pid}_${randomBytes(4).toString('hex')}`;
      const stores = [0, 1, 2, 3].map(() => openStore(`${PG_URL}?schema=${schema}`));
      try {
        const applied = await Promise.all(stores.map((s) => s.migrate()));
        assert.deepEqual(applied.flat(), Object.keys(migrations), `round ${round}`);
      } finally {
        await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(stores[0]!.db);
        for (const store of stores) await store.close();
      }
    }
  });

  test('refuses a schema name that is not a plain identifier', () => {
    assert.throws(() => openStore(`${PG_URL}?schema=x;drop`), /invalid PostgreSQL schema name/);
  });
});
