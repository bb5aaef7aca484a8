import type { Deps } from '../../deps.ts';
import { AppError } from '../../kernel/errors.ts';
import { compiledOnce } from '../../store/compiled-once.ts';
import type { Mailbox } from '../../modules/mailboxes/index.ts';
import { receiveInbound, type Received, type SenderAuth } from '../../modules/tickets/index.ts';
import type { PreparedTicket } from '../../modules/tickets/prepare-ticket.ts';
import type { Analyzer } from './analysis-pool.ts';
import { runFilters, type InboundFilter } from '../channel-adapter.ts';
import { storeAttachments } from './attachment-store.ts';
import { acknowledgeAtReceipt } from './outbound/index.ts';
import { findInboundByMessageId, saveFailure, saveInbound, type InboundRecord } from './inbound-emails.ts';
import { EmailRejected, parseEmail, type ParsedEmail } from './parse-email.ts';
import type { SenderCheck } from './sender-auth.ts';
import { toInbound } from './to-inbound.ts';

/** Stores the sender verdict on the message just filed (insertMessage does not know it): compiled once, it runs per mail. */
const setSenderAuth = compiledOnce((db, messageId: number, senderAuth: string) => db.updateTable('messages').set({ sender_auth: senderAuth }).where('id', '=', messageId));

/** Who handed us the message: the SMTP envelope and the peer's address. */
export type Envelope = { mailFrom: string; rcpt: string; remoteIp: string; helo?: string };

/** What became of one raw message; the SMTP edge turns it into a reply code. */
export type EmailOutcome =
  | { kind: 'stored'; inboundId: number; reference: string | null; duplicate: boolean; outcome: Received['outcome'] | 'already_stored' }
  | { kind: 'dropped'; reason: string; temporary: boolean }
  | { kind: 'rejected'; reason: string }
  | { kind: 'failed'; reason: string };

/** What a pipeline run needs besides the raw bytes. */
export type ReceiveOptions = {
  mailbox: Mailbox;
  envelope: Envelope;
  filters: InboundFilter<ParsedEmail>[];
  /** SPF/DKIM/DMARC, for mail straight from its SMTP peer (a replay has no peer to judge). */
  senderCheck?: SenderCheck;
  /** Parses off this thread (analysis-pool.ts); with `checksSender` it also gives the sender verdict and `senderCheck` is not used. */
  analyzer?: { analyze: Analyzer; checksSender: boolean };
  receivedAt?: string;
  replayOf?: number;
};

/**
 * The email pipeline for one raw message: parse (bounded), filter, check the sender (SPF, DKIM,
 * DMARC) when asked, write attachments durably, then in ONE transaction store the raw message,
 * file it as a ticket message with that verdict, and enqueue a new ticket's acknowledgement job
 * (stored with the ticket: no event lost after COMMIT can leave a ticket unacknowledged).
 * Resolves only after COMMIT, so the caller may acknowledge; never throws for a bad message.
 */
export async function receiveEmail(deps: Deps, raw: Buffer, options: ReceiveOptions): Promise<EmailOutcome> {
  let email: ParsedEmail;
  let checked: SenderAuth | null | undefined;
  let prepared: PreparedTicket | null = null;
  const peer = { ip: options.envelope.remoteIp, helo: options.envelope.helo ?? '', mailFrom: options.envelope.mailFrom };
  try {
    if (options.analyzer) {
      const analysis = await options.analyzer.analyze(raw, options.analyzer.checksSender ? peer : null, { mailboxCategory: options.mailbox.category });
      email = analysis.email;
      prepared = analysis.prepared;
      if (options.analyzer.checksSender) checked = analysis.senderAuth;
    } else {
      email = await parseEmail(raw);
    }
  } catch (error) {
    if (error instanceof EmailRejected) return { kind: 'rejected', reason: error.message };
    deps.log.warn({ err: error }, 'email parsing failed');
    // A worker that died is our failure, not the message's: the sender retries.
    if (options.analyzer) return { kind: 'failed', reason: 'The message could not be processed; try again later' };
    return { kind: 'rejected', reason: 'The message could not be parsed' };
  }
  const filtered = await runFilters(options.filters, email);
  if (filtered.dropped) return { kind: 'dropped', reason: filtered.reason, temporary: filtered.temporary };
  const automated = filtered.annotations.some((a) => a.kind === 'automated');
  const record = (status: InboundRecord['status'], ticketId: number | null, error: string | null): InboundRecord => ({
    messageId: email.messageId,
    mailboxId: options.mailbox.id,
    envelopeFrom: options.envelope.mailFrom.slice(0, 500),
    rcpt: options.envelope.rcpt.slice(0, 500),
    remoteIp: options.envelope.remoteIp,
    fromAddress: email.from.address,
    raw,
    receivedAt: options.receivedAt ?? deps.clock.now().toISOString(),
    status,
    autoSubmitted: automated,
    ticketId,
    error,
  });
  try {
    const senderAuth = checked !== undefined ? checked : options.senderCheck ? await options.senderCheck(raw, peer) : null;
    const files = await storeAttachments(deps.config.dataDir, email.attachments);
    const inbound = { ...toInbound(email, options.mailbox, filtered.annotations, files), prepared };
    return await onceMoreIfDuplicate(() =>
      deps.uow(async (work): Promise<EmailOutcome> => {
        const stored = await findInboundByMessageId(work.trx, email.messageId);
        if (stored && stored.id !== options.replayOf && stored.status !== 'failed') {
          return { kind: 'stored', inboundId: stored.id, reference: await referenceOf(work.trx, stored.ticketId), duplicate: true, outcome: 'already_stored' };
        }
        const received = await receiveInbound(work, inbound);
        if (senderAuth && (received.outcome === 'created' || received.outcome === 'appended' || received.outcome === 'follow_up')) {
          await setSenderAuth(work.trx, received.messageId, JSON.stringify(senderAuth));
        }
        const status = received.outcome === 'unmatched_failure' ? 'unmatched_bounce' : 'processed';
        const inboundId = await saveInbound(work.trx, stored?.id ?? null, record(status, received.ticket?.id ?? null, null));
        if (received.outcome === 'created' || received.outcome === 'follow_up') {
          await acknowledgeAtReceipt(deps, work, { ticket: received.ticket, mailboxAddress: options.mailbox.address, sender: email.from.address, automated, messageId: email.messageId });
        }
        return { kind: 'stored', inboundId, reference: received.ticket?.reference ?? null, duplicate: received.outcome === 'duplicate', outcome: received.outcome };
      }),
    );
  } catch (error) {
    const permanent = error instanceof AppError && (error.code === 'validation_failed' || error.code === 'bad_request');
    const reason = permanent ? (error as AppError).message.slice(0, 200) : 'The message could not be processed; try again later';
    deps.log.error({ err: error, messageId: email.messageId }, 'email processing failed');
    await deps.uow((work) => saveFailure(work.trx, record('failed', null, String(error instanceof Error ? error.message : error).slice(0, 1000)))).catch((e: unknown) =>
      deps.log.error({ err: e }, 'could not keep the failed email'),
    );
    return permanent ? { kind: 'rejected', reason } : { kind: 'failed', reason };
  }
}

async function referenceOf(db: Deps['store']['db'], ticketId: number | null): Promise<string | null> {
  if (ticketId === null) return null;
  return (await db.selectFrom('tickets').select('reference').where('id', '=', ticketId).executeTakeFirst())?.reference ?? null;
}

/** A unique index firing on a Message-ID: a concurrent twin of this delivery committed first. */
function isDuplicate(error: unknown): boolean {
  const e = error as { code?: unknown; constraint?: unknown; message?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  if (e.code === '23505') return e.constraint === 'messages_external' || e.constraint === 'inbound_emails_message_id';
  return typeof e.code === 'string' && e.code.startsWith('SQLITE_CONSTRAINT') && /messages\.channel, messages\.external_id|inbound_emails\.message_id/.test(String(e.message));
}

async function onceMoreIfDuplicate<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!isDuplicate(error)) throw error;
    return run();
  }
}
