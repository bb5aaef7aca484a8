import type { Config } from '../config.ts';
import { createToken, isRole, listTokens, recordAudit, revokeToken } from '../modules/identity/index.ts';
import { openStore } from '../store/database.ts';
import { CliError, option } from './cli-error.ts';

/** careline token create|list|revoke: create prints the token alone on stdout, for scripts. */
export async function tokenCommand(config: Config, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const store = openStore(config.databaseUrl, { groupCommit: false });
  try {
    await store.migrate();
    const now = new Date().toISOString();
    if (sub === 'create') {
      const name = option(rest, 'name');
      const role = option(rest, 'role') ?? 'agent';
      if (!name) throw new CliError('usage: careline token create --name NAME --role admin|agent|viewer');
      if (!isRole(role)) throw new CliError(`--role must be admin, agent or viewer, not "${role}"`);
      const { token, record } = await store.transaction(async (trx) => {
        const made = await createToken(trx, name, role, now);
        await recordAudit(trx, { actor: { type: 'system' }, action: 'token.created', targetType: 'token', targetId: made.record.id, data: { role, via: 'cli' } }, now);
        return made;
      });
      process.stdout.write(`${token}\n`);
      process.stderr.write(`created token ${record.id} "${record.name}" (${record.role}); it is shown only once\n`);
      return 0;
    }
    if (sub === 'list') {
      for (const t of await listTokens(store.db)) {
        process.stdout.write(`${t.id}\t${t.prefix}…\t${t.role}\t${t.name}\t${t.revokedAt ? `revoked ${t.revokedAt}` : 'active'}\n`);
      }
      return 0;
    }
    if (sub === 'revoke') {
      const id = Number(rest[0]);
      if (!Number.isSafeInteger(id)) throw new CliError('usage: careline token revoke ID');
      await store.transaction(async (trx) => {
        await revokeToken(trx, id, now);
        await recordAudit(trx, { actor: { type: 'system' }, action: 'token.revoked', targetType: 'token', targetId: id, data: { via: 'cli' } }, now);
      });
      process.stderr.write(`revoked token ${id}\n`);
      return 0;
    }
    throw new CliError('usage: careline token create --name NAME --role ROLE | token list | token revoke ID');
  } finally {
    await store.close();
  }
}
