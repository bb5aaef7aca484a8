import { randomBytes } from 'node:crypto';
import { badRequest } from '../../kernel/errors.ts';
import type { JobQueue } from '../../kernel/job-queue.ts';
import type { Work } from '../../store/unit-of-work.ts';
import type { OutboundMail } from './model.ts';

/** The job type the delivery handler answers to. */
export const DELIVER_JOB = 'email.deliver';

const ADDRESS = /^[^\s@<>()",;:\\]+@[^\s@<>()",;:\\]+$/;
const HEADER_NAME = /^[A-Za-z0-9-]{1,76}$/;
const RESERVED = new Set(['from', 'to', 'cc', 'bcc', 'subject', 'message-id', 'in-reply-to', 'references', 'date', 'sender', 'reply-to']);

/** Queues mail in the caller's transaction; a rolled-back change sends nothing. */
export interface Outbox {
  /**
   * Stores the mail and enqueues its delivery job in the caller's transaction.
   * @example await outbox.queueEmail(work, { kind: 'notice', to: 'ana@example.org', subject: 'Hello', text: 'Hi' })
   */
  queueEmail(work: Work, mail: OutboundMail): Promise<{ id: number; messageId: string }>;
}

/** The host our Message-IDs and default From use: the host of PUBLIC_URL. */
export function mailHost(publicUrl: string): string {
  return new URL(publicUrl).hostname.replace(/^\[|\]$/g, '') || 'localhost';
}

/** A new globally unique Message-ID: `<random@host>`. */
export function newMessageId(host: string): string {
  return `<${Date.now().toString(36)}.${randomBytes(12).toString('hex')}@${host}>`;
}

function noNewlines(field: string, value: string): void {
  if (/[\r\n]/.test(value)) throw badRequest(`The mail's ${field} may not contain line breaks`, { [field]: 'line break' });
}

function checkMail(mail: OutboundMail, from: string): void {
  for (const [field, value] of [['to', mail.to], ['from', from]] as const) {
    noNewlines(field, value);
    if (!ADDRESS.test(value.trim())) throw badRequest(`"${value.slice(0, 254)}" is not an email address`, { [field]: 'invalid' });
  }
  noNewlines('subject', mail.subject);
  for (const [name, value] of Object.entries(mail.headers ?? {})) {
    if (!HEADER_NAME.test(name) || RESERVED.has(name.toLowerCase())) throw badRequest(`"${name.slice(0, 80)}" cannot be set as an extra header`, { headers: name.slice(0, 80) });
    noNewlines(`header ${name}`, value);
  }
  for (const id of [mail.inReplyTo ?? '', ...(mail.references ?? [])]) noNewlines('references', id);
}

/** The outbox of a deployment: Message-IDs and the default From come from PUBLIC_URL. */
export function createOutbox(jobs: JobQueue, publicUrl: string): Outbox {
  const host = mailHost(publicUrl);
  return {
    async queueEmail(work, mail) {
      const from = mail.from ?? `support@${host}`;
      checkMail(mail, from);
      const messageId = newMessageId(host);
      const row = await work.trx
        .insertInto('outbound_emails')
        .values({
          message_id: messageId,
          kind: mail.kind,
          ticket_id: mail.ticketId ?? null,
          customer_id: mail.customerId ?? null,
          from_address: from.trim(),
          to_address: mail.to.trim(),
          subject: mail.subject,
          text: mail.text,
          html: mail.html ?? null,
          headers: JSON.stringify(mail.headers ?? {}),
          in_reply_to: mail.inReplyTo ?? null,
          references_header: mail.references?.length ? mail.references.join(' ') : null,
          sensitive: mail.sensitive ? 1 : 0,
          status: 'queued',
          created_at: work.now,
          updated_at: work.now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await jobs.enqueue(work.trx, { type: DELIVER_JOB, payload: { id: row.id }, uniqueKey: `email:${messageId}` });
      return { id: row.id, messageId };
    },
  };
}
