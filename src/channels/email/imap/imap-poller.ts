import { ImapFlow } from 'imapflow';
import type { Deps } from '../../../deps.ts';
import { getMailbox, type Mailbox } from '../../../modules/mailboxes/index.ts';
import { emailFilters } from '../filters/index.ts';
import { countRecentFrom } from '../inbound-emails.ts';
import { receiveEmail, type EmailOutcome } from '../receive-email.ts';
import { MAX_MESSAGE_BYTES } from '../smtp-server.ts';
import { getImapSettings, saveUidState, type ImapSettings } from './imap-settings.ts';
import { imapPasswordBox } from './password-box.ts';
import { withPollLock } from './poll-lock.ts';

/** What one poll of one mailbox did; `locked`: another node is polling it right now. */
export type PollResult =
  | { kind: 'locked' }
  | { kind: 'polled'; fetched: number; stored: number; duplicates: number; skipped: number; uidValidityReset: boolean; stoppedAt: { uid: number; reason: string } | null };

/**
 * Polls one IMAP mailbox: messages with UID above the stored last UID (from 0 again when the
 * folder's UIDVALIDITY changed) each go through the SMTP pipeline (`receiveEmail`) with the
 * mailbox as recipient; only after COMMIT is the message flagged or moved and last_uid advanced.
 * A crash in between refetches it next time, and Message-ID idempotency stores it once.
 * A temporary failure stops the poll at that UID, to be retried by the next one; a message
 * refused for good (or over `maxBytes`, the SMTP limit) is skipped and left unread on the server.
 */
export async function pollMailbox(deps: Deps, mailboxId: number, options: { maxBytes?: number } = {}): Promise<PollResult> {
  const result = await withPollLock(deps.store, mailboxId, async () => {
    const settings = await getImapSettings(deps.store.db, imapPasswordBox(deps.config), mailboxId);
    if (!settings) throw new Error(`mailbox ${mailboxId} has no IMAP settings`);
    return pollWith(deps, await getMailbox(deps.store.db, mailboxId), settings, options.maxBytes ?? MAX_MESSAGE_BYTES);
  });
  return result ?? { kind: 'locked' };
}

async function pollWith(deps: Deps, mailbox: Mailbox, settings: ImapSettings, maxBytes: number): Promise<PollResult> {
  const client = new ImapFlow({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    doSTARTTLS: settings.secure ? undefined : false,
    auth: { user: settings.user, pass: settings.password },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: 30_000,
    greetingTimeout: 15_000,
    socketTimeout: 120_000,
  });
  client.on('error', (error: unknown) => deps.log.warn({ err: error, mailbox: mailbox.address }, 'IMAP connection error'));
  await client.connect();
  try {
    const after = settings.afterCommit;
    if (after.kind === 'move') await client.mailboxCreate(after.folder).catch(() => undefined);
    const lock = await client.getMailboxLock(settings.folder);
    try {
      const opened = client.mailbox;
      if (!opened) throw new Error(`IMAP folder ${settings.folder} did not open`);
      const uidValidity = String(opened.uidValidity);
      const uidValidityReset = settings.uidValidity !== null && settings.uidValidity !== uidValidity;
      let lastUid = settings.uidValidity === uidValidity ? settings.lastUid : 0;
      if (settings.uidValidity !== uidValidity) await saveUidState(deps.store.db, mailbox.id, uidValidity, 0, deps.clock.now().toISOString());
      const uids = ((await client.search({ uid: `${lastUid + 1}:*` }, { uid: true })) || []).filter((uid) => uid > lastUid).sort((a, b) => a - b);
      const filters = emailFilters({ countRecent: (a, s) => countRecentFrom(deps.store.db, a, s), now: () => deps.clock.now(), senderLimit: null });
      const counts = { fetched: 0, stored: 0, duplicates: 0, skipped: 0 };
      let stoppedAt: { uid: number; reason: string } | null = null;
      for (const uid of uids) {
        const head = await client.fetchOne(String(uid), { uid: true, size: true, envelope: true }, { uid: true });
        if (!head) continue;
        counts.fetched++;
        const message = (head.size ?? 0) <= maxBytes ? await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true }) : null;
        if (!message || !message.source) {
          counts.skipped++;
          deps.log.warn({ mailbox: mailbox.address, uid, size: head.size }, 'IMAP message over the size limit (or gone); left unread on the server');
          lastUid = uid;
          await saveUidState(deps.store.db, mailbox.id, uidValidity, lastUid, deps.clock.now().toISOString());
          continue;
        }
        const mailFrom = head.envelope?.sender?.[0]?.address ?? head.envelope?.from?.[0]?.address ?? '';
        const outcome = await receiveEmail(deps, message.source, { mailbox, envelope: { mailFrom, rcpt: mailbox.address, remoteIp: `imap:${settings.host}`.slice(0, 100) }, filters });
        const verdict = judge(outcome);
        if (verdict === 'retry') {
          stoppedAt = { uid, reason: outcome.kind === 'stored' ? '' : outcome.reason };
          deps.log.warn({ mailbox: mailbox.address, uid, outcome: outcome.kind }, 'IMAP message not filed; retrying on the next poll');
          break;
        }
        if (verdict === 'done') {
          if (outcome.kind === 'stored' && outcome.duplicate) counts.duplicates++;
          else counts.stored++;
          if (after.kind === 'flag') await client.messageFlagsAdd(String(uid), ['\\Seen', after.keyword], { uid: true });
          else await client.messageMove(String(uid), after.folder, { uid: true });
        } else {
          counts.skipped++;
          deps.log.warn({ mailbox: mailbox.address, uid, outcome: outcome.kind }, 'IMAP message refused; left unread on the server');
        }
        lastUid = uid;
        await saveUidState(deps.store.db, mailbox.id, uidValidity, lastUid, deps.clock.now().toISOString());
      }
      return { kind: 'polled', ...counts, uidValidityReset, stoppedAt };
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** done: committed (or already stored); skip: refused for good, left on the server; retry: a temporary failure. */
function judge(outcome: EmailOutcome): 'done' | 'skip' | 'retry' {
  if (outcome.kind === 'stored') return 'done';
  if (outcome.kind === 'rejected') return 'skip';
  if (outcome.kind === 'dropped') return outcome.temporary ? 'retry' : 'skip';
  return 'retry';
}
