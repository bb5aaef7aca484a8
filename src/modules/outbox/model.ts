/** What a mail is for; replies and acknowledgements come with the email channel. */
export const MAIL_KINDS = ['verification', 'reply', 'acknowledgement', 'notice', 'tracking'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/**
 * queued: a delivery job is due; waiting: no SMTP_OUTBOUND_URL, kept until one is set;
 * sent; failed: the delivery job gave up; cancelled: erased before it was sent.
 */
export const OUTBOX_STATUSES = ['queued', 'waiting', 'sent', 'failed', 'cancelled'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** A mail to send, as any module hands it to the outbox. */
export type OutboundMail = {
  kind: MailKind;
  to: string;
  /** Defaults to support@ the host of PUBLIC_URL. */
  from?: string;
  subject: string;
  text: string;
  html?: string | null;
  /** Extra headers (Auto-Submitted, List-Id…); the addressing headers come from the fields above. */
  headers?: Record<string, string>;
  inReplyTo?: string | null;
  references?: string[];
  ticketId?: number | null;
  customerId?: number | null;
  /** The body holds a one-time secret (a code, a link): never shown by the API, wiped once sent. */
  sensitive?: boolean;
};

/** A mail as the outbox keeps it. */
export type OutboxEmail = {
  id: number;
  messageId: string;
  kind: MailKind;
  status: OutboxStatus;
  from: string;
  to: string;
  subject: string;
  /** null when the body holds a one-time secret. */
  text: string | null;
  html: string | null;
  headers: Record<string, string>;
  inReplyTo: string | null;
  references: string[];
  ticketId: number | null;
  customerId: number | null;
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
  createdAt: string;
  updatedAt: string;
};

/** A mail ready for the wire. */
export type ComposedMail = {
  messageId: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  headers: Record<string, string>;
  inReplyTo: string | null;
  references: string[];
};

/** The port to an SMTP relay (or a fake in tests); throwing means "try again later". */
export interface MailTransport {
  send(mail: ComposedMail): Promise<void>;
  close?(): void;
}
