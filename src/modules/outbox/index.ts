/**
 * The outbox: every mail Careline sends, stored with the change that caused it and delivered
 * by a durable job over SMTP (nodemailer). Verification codes today; replies and
 * acknowledgements from the email channel next.
 */
export { createOutbox, mailHost, newMessageId, DELIVER_JOB, type Outbox } from './queue-email.ts';
export { registerOutbox, releaseWaiting, deliverEmail, WIPED_BODY, type OutboxHost } from './deliver-email.ts';
export { smtpTransport } from './smtp-transport.ts';
export { listOutbox, mailsTo, eraseMailsTo, ERASED, type OutboxQuery, type Recipient } from './list-outbox.ts';
export { MAIL_KINDS, OUTBOX_STATUSES } from './model.ts';
export type { ComposedMail, MailKind, MailTransport, OutboundMail, OutboxEmail, OutboxStatus } from './model.ts';
