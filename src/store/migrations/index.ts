import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001-initial.ts';

/** Every migration, in order; a migration never changes once it has shipped. */
export const migrations: Record<string, Migration> = {
  '0001-initial': m0001,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
