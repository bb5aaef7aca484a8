import { createTransport } from 'nodemailer';
import type { ComposedMail, MailTransport } from './model.ts';

/**
 * Sends through the SMTP relay of SMTP_OUTBOUND_URL (smtp:// with STARTTLS when offered,
 * smtps:// for TLS from the start) with nodemailer. Timeouts are short so a dead relay fails a
 * job attempt instead of holding it for minutes.
 */
export function smtpTransport(url: string): MailTransport {
  const transporter = createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  return {
    async send(mail: ComposedMail) {
      await transporter.sendMail({
        messageId: mail.messageId,
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html !== null ? { html: mail.html } : {}),
        headers: mail.headers,
        ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
        ...(mail.references.length ? { references: mail.references } : {}),
      });
    },
    close: () => transporter.close(),
  };
}
