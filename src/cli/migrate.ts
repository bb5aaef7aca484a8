import type { Config } from '../config.ts';
import { openStore } from '../store/database.ts';

/** careline migrate: applies pending migrations and names them. */
export async function migrateCommand(config: Config): Promise<number> {
  const store = openStore(config.databaseUrl);
  try {
    const applied = await store.migrate();
    process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
    return 0;
  } finally {
    await store.close();
  }
}
