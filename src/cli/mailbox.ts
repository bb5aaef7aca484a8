import type { Config } from '../config.ts';
import { findTeam, recordAudit } from '../modules/identity/index.ts';
import { createMailbox, listMailboxes } from '../modules/mailboxes/index.ts';
import type { Category, Priority } from '../modules/tickets/index.ts';
import { openStore } from '../store/database.ts';
import { CliError, option } from './cli-error.ts';
import { IMAP_USAGE, mailboxImapCommand } from './mailbox-imap.ts';

const USAGE = 'usage: careline mailbox add ADDRESS --category C [--team SLUG] [--priority P] [--name NAME] | mailbox list';

/** careline mailbox add|list: the addresses Careline receives mail at. */
export async function mailboxCommand(config: Config, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'imap' || sub === 'poll') return mailboxImapCommand(config, sub, rest);
  const store = openStore(config.databaseUrl, { groupCommit: false });
  try {
    await store.migrate();
    if (sub === 'add') {
      const address = rest[0];
      const category = option(rest, 'category');
      if (!address || address.startsWith('--') || !category) throw new CliError(USAGE);
      const slug = option(rest, 'team');
      const team = slug ? await findTeam(store.db, slug) : null;
      if (slug && !team) throw new CliError(`no team with the slug "${slug}"`);
      const now = new Date().toISOString();
      const mailbox = await store.transaction(async (trx) => {
        const made = await createMailbox(trx, { address, category: category as Category, priority: (option(rest, 'priority') ?? null) as Priority | null, teamId: team?.id ?? null, name: option(rest, 'name') ?? null }, now);
        await recordAudit(trx, { actor: { type: 'system' }, action: 'mailbox.created', targetType: 'mailbox', targetId: made.id, data: { address: made.address, via: 'cli' } }, now);
        return made;
      });
      process.stderr.write(`added mailbox ${mailbox.id} ${mailbox.address} (${mailbox.category}${team ? `, team ${team.slug}` : ''})\n`);
      return 0;
    }
    if (sub === 'list') {
      for (const m of await listMailboxes(store.db)) {
        process.stdout.write(`${m.id}\t${m.address}\t${m.category}\t${m.priority ?? '-'}\t${m.teamId ?? '-'}\t${m.name}\n`);
      }
      return 0;
    }
    throw new CliError(`${USAGE}\n${IMAP_USAGE}`);
  } finally {
    await store.close();
  }
}
