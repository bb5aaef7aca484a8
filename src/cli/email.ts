import { listInbound, replyFor, reprocessEmail } from '../channels/email/index.ts';
import type { Config } from '../config.ts';
import { closeDeps, createDeps } from '../deps.ts';
import { CliError, option } from './cli-error.ts';

const USAGE = 'usage: careline email list [--limit N] | email reprocess ID';

/** careline email list|reprocess: the stored inbound mail, and replaying one through the pipeline. */
export async function emailCommand(config: Config, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'list' && sub !== 'reprocess') throw new CliError(USAGE);
  const deps = await createDeps(config);
  try {
    if (sub === 'list') {
      const limit = Number(option(rest, 'limit') ?? 20);
      if (!Number.isSafeInteger(limit) || limit < 1) throw new CliError(USAGE);
      for (const e of await listInbound(deps.store.db, limit)) {
        const flags = [e.status, e.auto_submitted ? 'auto-submitted' : ''].filter(Boolean).join(',');
        process.stdout.write(`${e.id}\t${e.received_at}\t${flags}\t${e.reference ?? '-'}\t${e.from_address ?? '-'}\t${e.rcpt}\t${e.message_id}${e.error ? `\t${e.error}` : ''}\n`);
      }
      return 0;
    }
    const id = Number(rest[0]);
    if (!Number.isSafeInteger(id) || id < 1) throw new CliError(USAGE);
    const outcome = await reprocessEmail(deps, id);
    const reply = replyFor(outcome);
    process.stdout.write(`${reply.code} ${reply.message}\n`);
    return reply.code < 400 ? 0 : 1;
  } finally {
    await closeDeps(deps);
  }
}
