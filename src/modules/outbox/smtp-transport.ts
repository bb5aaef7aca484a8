import { createTransport } from 'nodemailer';
import type { ComposedMail, MailTransport } from './model.ts';

/** A DKIM key to sign outbound mail with: d= domain, s= selector, the PEM private key itself. */
export type DkimKey = { domain: string; selector: string; privateKey: string };

/**
 * Sends through the SMTP relay of SMTP_OUTBOUND_URL (smtp:// with STARTTLS when offered,
 * smtps:// for TLS from the start) with nodemailer, DKIM-signed (relaxed/relaxed, rsa-sha256
 * or ed25519 by the key) when a key is given. Timeouts are short so a dead relay fails a job
 * attempt instead of holding it for minutes.
 */
export function smtpTransport(url: string, dkim: DkimKey | null = null): MailTransport {
  const transporter = createTransport({
    url,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    ...(dkim ? { dkim: { domainName: dkim.domain, keySelector: dkim.selector, privateKey: dkim.privateKey } } : {}),
  });
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
