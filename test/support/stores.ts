import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openStore, type Dialect, type Store, type StoreOptions } from '../../src/store/database.ts';
import { PG_URL, skipUnless } from './services.ts';

export const DIALECTS: readonly Dialect[] = ['sqlite', 'postgres'];

export type TestStore = { store: Store; url: string; cleanup: () => Promise<void> };

/** A migrated, empty store: an SQLite file in a temp dir, or a fresh PostgreSQL schema. */
export async function openTestStore(dialect: Dialect, options: StoreOptions = {}): Promise<TestStore> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'careline-test-'));
    const url = `sqlite:${join(dir, 'test.db')}`;
    const store = openStore(url, options);
    await store.migrate();
    return { store, url, cleanup: async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); } };
  }
  const schema = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const url = `${PG_URL}?schema=${schema}`;
  const store = openStore(url);
  const cleanup = async (): Promise<void> => {
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(store.db);
    await store.close();
  };
  try {
    await store.migrate();
  } catch (error) {
    await cleanup();
    throw error;
  }
  return { store, url, cleanup };
}

/** The skip option for a dialect's describe(): PostgreSQL suites skip only when allowed to. */
export async function dialectSkip(dialect: Dialect): Promise<false | string> {
  return dialect === 'postgres' ? skipUnless('postgres') : false;
}
