import { MAX_SUBJECT, prepareTicket, type PreparedTicket, type TicketContent } from './prepare-ticket.ts';
import type { InboundMessage } from './receive-inbound.ts';

const MAX_TEXT = 200_000;
const MAX_HTML = 500_000;

/** The parts of an inbound message its ticket's opening is made of (of the attachments, only how many). */
export type InboundContent = Pick<InboundMessage, 'subject' | 'body'> & { attachments: readonly unknown[]; defaults: Pick<InboundMessage['defaults'], 'category'> };

/** An inbound subject as a ticket's: whitespace collapsed, never empty, cut to MAX_SUBJECT. */
export function inboundSubject(subject: string): string {
  const s = subject.replace(/\s+/g, ' ').trim() || '(no subject)';
  return s.length > MAX_SUBJECT ? `${s.slice(0, MAX_SUBJECT - 1)}…` : s;
}

/** An inbound body as a message's: text and HTML trimmed and cut; a placeholder when neither is left. */
export function inboundBody(m: InboundContent): { text?: string; html?: string } {
  const text = clip(m.body.text, MAX_TEXT);
  const html = clip(m.body.html, MAX_HTML);
  if (text === undefined && html === undefined) return { text: m.attachments.length ? '(no text; see the attachments)' : '(no text)' };
  return { ...(text !== undefined ? { text } : {}), ...(html !== undefined ? { html } : {}) };
}

/** What a new ticket opened by this message is made from: the content receiveInbound hands createTicket. */
export function openingContent(m: InboundContent): TicketContent {
  const body = inboundBody(m);
  return { subject: inboundSubject(m.subject), text: body.text, html: body.html, mailboxCategory: m.defaults.category, formCategory: null };
}

/**
 * The opening of the ticket this message would create, prepared ahead (see prepareTicket); pure,
 * for a channel's worker threads. Unused when the message joins an existing ticket.
 */
export function prepareInboundOpening(m: InboundContent): PreparedTicket {
  return prepareTicket(openingContent(m));
}

/** Trimmed and cut to max characters; undefined when nothing but whitespace is left. */
function clip(value: string | undefined, max: number): string | undefined {
  const cut = value?.trim().slice(0, max);
  return cut?.trim() ? cut : undefined;
}
