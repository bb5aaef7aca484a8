import { classify, screenMessage, type Finding, type Triage } from '../triage/index.ts';
import { makeBody, type Body } from './message-body.ts';
import type { Category } from './model.ts';

export const MAX_SUBJECT = 500;

/** What a new ticket's opening is read from: the subject and body as given, and triage's routing hints. */
export type TicketContent = {
  subject: string;
  text: string | undefined;
  html: string | undefined;
  mailboxCategory: Category | null;
  formCategory: Category | null;
};

/** A new ticket's opening made ready to store: body sanitized, secrets screened out, triage's verdict; and what it was made from. */
export type PreparedTicket = { from: TicketContent; subject: string; body: Body; findings: Finding[]; verdict: Triage };

/**
 * The pure, CPU-heavy part of opening a ticket (sanitizing, secret screening, triage), apart from
 * the database so that it can run ahead on an email analysis worker thread: createTicket takes the
 * result when it was made from the very same content, and otherwise does this itself. Needs no
 * database and imports none (worker threads load this file). Throws what makeBody throws.
 */
export function prepareTicket(content: TicketContent): PreparedTicket {
  const typed = typedSubject(content.subject);
  const made = makeBody({ text: content.text, html: content.html });
  const screened = screenMessage({ subject: typed, text: made.text, html: made.html });
  const subject = screened.subject ?? typed;
  const body = { text: screened.text, html: screened.html };
  const verdict = classify({ subject, text: body.text, mailboxCategory: content.mailboxCategory, formCategory: content.formCategory });
  return { from: content, subject, body, findings: screened.findings, verdict };
}

/** A subject as a ticket keeps it: whitespace runs made one space, trimmed. */
export function typedSubject(subject: string): string {
  return subject.replace(/\s+/g, ' ').trim();
}

/** Whether a prepared opening was made from exactly this content (prepareTicket is pure, so it is then what prepareTicket would make now). */
export function preparedFrom(prepared: PreparedTicket, content: TicketContent): boolean {
  const a = prepared.from;
  return a.subject === content.subject && a.text === content.text && a.html === content.html && a.mailboxCategory === content.mailboxCategory && a.formCategory === content.formCategory;
}
