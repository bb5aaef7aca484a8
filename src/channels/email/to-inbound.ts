import type { Mailbox } from '../../modules/mailboxes/index.ts';
import type { InboundAnnotation, InboundAttachment, InboundMessage } from '../../modules/tickets/index.ts';
import { boundHtml } from './bound-html.ts';
import type { ParsedEmail } from './parse-email.ts';

/** A parsed email's subject and body as an InboundMessage carries them: HTML only when of sane size and depth. Pure (worker threads use it too). */
export function inboundContent(email: ParsedEmail): Pick<InboundMessage, 'subject' | 'body'> {
  const bounded = email.html !== null ? boundHtml(email.html) : { html: null, text: null };
  return { subject: email.subject, body: { text: email.text ?? bounded.text ?? undefined, html: bounded.html ?? undefined } };
}

/** The parsed email as the domain's channel-neutral InboundMessage. */
export function toInbound(email: ParsedEmail, mailbox: Mailbox, annotations: InboundAnnotation[], attachments: InboundAttachment[]): InboundMessage {
  return {
    channel: 'email',
    externalId: email.messageId,
    from: { identity: { kind: 'email', value: email.from.address }, name: email.from.name },
    ...inboundContent(email),
    replyTo: email.replyTo,
    attachments,
    defaults: { category: mailbox.category, priority: mailbox.priority, teamId: mailbox.teamId },
    annotations,
  };
}
