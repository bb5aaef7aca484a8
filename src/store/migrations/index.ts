import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001-initial.ts';
import * as m0002 from './0002-triage.ts';

/** Every migration, in order; a migration never changes once it has shipped. */
export const migrations: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-triage': m0002,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
