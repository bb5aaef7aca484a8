import { imapPasswordBox, pollMailbox, setImapSettings, type AfterCommit } from '../channels/email/imap/index.ts';
import type { Config } from '../config.ts';
import { closeDeps, createDeps } from '../deps.ts';
import { recordAudit } from '../modules/identity/index.ts';
import { findMailbox } from '../modules/mailboxes/index.ts';
import { CliError, option } from './cli-error.ts';

export const IMAP_USAGE =
  'usage: careline mailbox imap ADDRESS --host H --user U [--password P | env IMAP_PASSWORD] [--port 993] [--no-tls] [--folder INBOX] [--keyword K | --move-to FOLDER] | mailbox poll ADDRESS';

/** careline mailbox imap|poll: set where a mailbox hosted elsewhere is polled, and poll it now. */
export async function mailboxImapCommand(config: Config, sub: 'imap' | 'poll', rest: string[]): Promise<number> {
  const address = rest[0];
  if (!address || address.startsWith('--')) throw new CliError(IMAP_USAGE);
  const deps = await createDeps(config);
  try {
    const mailbox = await findMailbox(deps.store.db, address);
    if (!mailbox) throw new CliError(`no mailbox ${address}; add it first with careline mailbox add`, 1);
    if (sub === 'poll') {
      const result = await pollMailbox(deps, mailbox.id);
      if (result.kind === 'locked') {
        process.stdout.write(`${mailbox.address}: another node is polling it right now\n`);
        return 0;
      }
      const stopped = result.stoppedAt ? `; stopped at UID ${result.stoppedAt.uid}: ${result.stoppedAt.reason}` : '';
      process.stdout.write(`${mailbox.address}: fetched ${result.fetched}, stored ${result.stored}, already stored ${result.duplicates}, refused ${result.skipped}${result.uidValidityReset ? ' (UIDVALIDITY changed: read from the start)' : ''}${stopped}\n`);
      return result.stoppedAt ? 1 : 0;
    }
    const host = option(rest, 'host');
    const user = option(rest, 'user');
    const password = option(rest, 'password') ?? process.env.IMAP_PASSWORD;
    if (!host || !user || password === undefined) throw new CliError(IMAP_USAGE);
    const secure = !rest.includes('--no-tls');
    const port = Number(option(rest, 'port') ?? (secure ? 993 : 143));
    const moveTo = option(rest, 'move-to');
    const afterCommit: AfterCommit = moveTo ? { kind: 'move', folder: moveTo } : { kind: 'flag', keyword: option(rest, 'keyword') ?? 'Careline' };
    const now = new Date().toISOString();
    const settings = await deps.store.transaction(async (trx) => {
      const saved = await setImapSettings(trx, imapPasswordBox(config), mailbox.id, { host, port, secure, user, password, folder: option(rest, 'folder'), afterCommit }, now);
      await recordAudit(trx, { actor: { type: 'system' }, action: 'mailbox.imap_set', targetType: 'mailbox', targetId: mailbox.id, data: { host, port, secure, user, folder: saved.folder, via: 'cli' } }, now);
      return saved;
    });
    process.stderr.write(`${mailbox.address} is polled at ${secure ? 'imaps' : 'imap'}://${user}@${host}:${port}/${settings.folder} every ${config.imapPollSeconds}s\n`);
    return 0;
  } finally {
    await closeDeps(deps);
  }
}
