import { readFileSync } from 'node:fs';
import type { Clock } from '../../kernel/clock.ts';
import type { Job, JobQueue } from '../../kernel/job-queue.ts';
import type { Logger } from '../../kernel/logger.ts';
import type { Store } from '../../store/database.ts';
import type { MailTransport } from './model.ts';
import { DELIVER_JOB } from './queue-email.ts';
import { smtpTransport, type DkimKey } from './smtp-transport.ts';

/** What the delivery handler needs from the app's dependencies (a Deps fits). */
export type OutboxHost = {
  config: { smtpOutboundUrl: string | null; smtpDkim?: { domain: string; selector: string; keyPath: string } | null };
  store: Store;
  jobs: JobQueue;
  clock: Clock;
  log: Logger;
};

/** What stays of a sensitive mail once it went out: the one-time secret is not kept. */
export const WIPED_BODY = '[one-time secret removed after sending]';

function idOf(payload: unknown): number {
  const id = (payload as { id?: unknown } | null)?.id;
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) throw new Error('email.deliver payload has no id');
  return id;
}

/**
 * The email.deliver job: sends one stored mail. Without a transport the mail waits (not an
 * error, not retried); a send failure throws so the queue retries with backoff, and the last
 * attempt marks the mail failed. A mail already sent or cancelled is left alone (idempotent).
 * Status writes go through store.transaction: on SQLite they share group commits.
 */
export function deliverEmail(host: OutboxHost, transport: MailTransport | null) {
  const { store, clock } = host;
  return async (payload: unknown, job: Job): Promise<void> => {
    const id = idOf(payload);
    const mail = await store.db.selectFrom('outbound_emails').selectAll().where('id', '=', id).executeTakeFirst();
    if (!mail || mail.status === 'sent' || mail.status === 'cancelled') return;
    const now = (): string => clock.now().toISOString();
    if (!transport) {
      await store.transaction((trx) => trx.updateTable('outbound_emails').set({ status: 'waiting', updated_at: now() }).where('id', '=', id).where('status', '!=', 'cancelled').execute());
      return;
    }
    try {
      await transport.send({
        messageId: mail.message_id,
        from: mail.from_address,
        to: mail.to_address,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: JSON.parse(mail.headers) as Record<string, string>,
        inReplyTo: mail.in_reply_to,
        references: mail.references_header ? mail.references_header.split(' ') : [],
      });
    } catch (error) {
      const last = job.attempts >= job.maxAttempts;
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
      await store.transaction((trx) =>
        trx
          .updateTable('outbound_emails')
          .set({ status: last ? 'failed' : 'queued', attempts: mail.attempts + 1, last_error: message, updated_at: now() })
          .where('id', '=', id)
          .where('status', '!=', 'cancelled')
          .execute(),
      );
      throw error;
    }
    const wipe = mail.sensitive === 1 ? { text: WIPED_BODY, html: null } : {};
    await store.transaction((trx) =>
      trx
        .updateTable('outbound_emails')
        .set({ status: 'sent', sent_at: now(), attempts: mail.attempts + 1, last_error: null, updated_at: now(), ...wipe })
        .where('id', '=', id)
        .execute(),
    );
  };
}

/**
 * Puts mail that waited for an SMTP relay back in the queue, once per mail even when several
 * nodes start together (the status change decides who enqueues it).
 */
export async function releaseWaiting(host: OutboxHost): Promise<number> {
  const now = host.clock.now().toISOString();
  return host.store.transaction(async (trx) => {
    const released = await trx
      .updateTable('outbound_emails')
      .set({ status: 'queued', updated_at: now })
      .where('status', '=', 'waiting')
      .returning(['id', 'message_id'])
      .execute();
    for (const m of released) {
      await host.jobs.enqueue(trx, { type: DELIVER_JOB, payload: { id: m.id }, uniqueKey: `email:${m.message_id}:released:${now}` });
    }
    return released.length;
  });
}

/** The configured DKIM key (SMTP_DKIM_*), read once at startup; null when signing is off. */
function dkimKey(config: OutboxHost['config']): DkimKey | null {
  const dkim = config.smtpDkim;
  return dkim ? { domain: dkim.domain, selector: dkim.selector, privateKey: readFileSync(dkim.keyPath, 'utf8') } : null;
}

/**
 * Registers the email.deliver job at startup: over SMTP_OUTBOUND_URL with nodemailer (or the
 * given transport), DKIM-signed when SMTP_DKIM_* is set, and releases mail that waited while
 * no relay was set.
 */
export async function registerOutbox(host: OutboxHost, options: { transport?: MailTransport | null } = {}): Promise<void> {
  const url = host.config.smtpOutboundUrl;
  const transport = options.transport !== undefined ? options.transport : url ? smtpTransport(url, dkimKey(host.config)) : null;
  host.jobs.register(DELIVER_JOB, deliverEmail(host, transport));
  if (!transport) return;
  const released = await releaseWaiting(host);
  if (released > 0) host.log.info({ released }, 'queued mail that waited for an SMTP relay');
}
