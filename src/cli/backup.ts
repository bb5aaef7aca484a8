import type { Config } from '../config.ts';
import { openStore } from '../store/database.ts';
import { CliError } from './cli-error.ts';

/** careline backup FILE: an online, consistent copy of the SQLite database while Careline runs. */
export async function backupCommand(config: Config, args: string[]): Promise<number> {
  const file = args[0];
  if (!file) throw new CliError('usage: careline backup FILE');
  if (!config.databaseUrl.startsWith('sqlite:')) throw new CliError('backup copies SQLite databases; back PostgreSQL up with pg_dump', 1);
  const store = openStore(config.databaseUrl, { groupCommit: false });
  try {
    await store.backup(file);
    process.stdout.write(`backed up to ${file}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
