import type { Deps } from '../../deps.ts';
import { notFound } from '../../kernel/errors.ts';
import { getMailbox } from '../../modules/mailboxes/index.ts';
import { emailFilters } from './filters/index.ts';
import { countRecentFrom, getInbound } from './inbound-emails.ts';
import { receiveEmail, type EmailOutcome } from './receive-email.ts';

/**
 * Replays a stored raw email through the pipeline (after a fix, or for a failed one). Idempotent
 * by Message-ID: a message already filed is not filed again. The sender cap is skipped: this
 * mail was accepted once already.
 */
export async function reprocessEmail(deps: Deps, id: number): Promise<EmailOutcome> {
  const stored = await getInbound(deps.store.db, id);
  if (!stored) throw notFound(`Inbound email ${id}`);
  const mailbox = await getMailbox(deps.store.db, stored.mailboxId);
  const filters = emailFilters({ countRecent: (a, s) => countRecentFrom(deps.store.db, a, s), now: () => deps.clock.now(), senderLimit: null });
  return receiveEmail(deps, stored.raw, {
    mailbox,
    envelope: { mailFrom: stored.envelopeFrom, rcpt: stored.rcpt, remoteIp: stored.remoteIp },
    filters,
    receivedAt: stored.receivedAt,
    replayOf: stored.id,
  });
}
