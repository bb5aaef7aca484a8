import type { Deps } from '../../deps.ts';
import type { Actor } from '../../kernel/events.ts';
import { createTicket, retryOnDuplicate, type Category, type Ticket } from '../../modules/tickets/index.ts';
import { trackingPageUrl } from '../../modules/tracking/index.ts';
import { composeBody } from './contact-form.ts';

/** The tag a ticket gets when its customer opened a suggested article before sending it. */
export const VIEWED_ARTICLES_TAG = 'deflection:viewed-articles';

/** A checked contact form, ready to become a ticket. */
export type ContactRequest = { topic: Category; values: Readonly<Record<string, string>>; contactSession: string; openedArticles: boolean; locale?: string };

const SYSTEM: Actor = { type: 'system' };

/** The acknowledgement in the language the customer wrote the form in. */
function acknowledgement(ticket: Ticket, name: string, trackingUrl: string, locale: string): { subject: string; text: string } {
  if (locale === 'de') {
    return {
      subject: `[${ticket.reference}] Wir haben Ihre Anfrage erhalten: ${ticket.subject}`,
      text: [
        `Hallo ${name},`,
        '',
        `vielen Dank für Ihre Nachricht. Wir haben Ihre Anfrage „${ticket.subject}“ erhalten; sie hat die Referenz ${ticket.reference}.`,
        '',
        'Wie es weitergeht: Jemand aus unserem Support-Team liest sie und antwortet an diese Adresse, meist innerhalb eines Werktags.',
        `Für Ergänzungen antworten Sie einfach auf diese E-Mail und lassen ${ticket.reference} im Betreff stehen.`,
        `Ihre Anfrage verfolgen und im Web antworten: ${trackingUrl} mit der Referenz und Ihrer E-Mail-Adresse.`,
        '',
        'Wir fragen Sie nie nach Ihrem Master-Passwort, Wiederherstellungscodes oder Ihrer Kartennummer.',
        '',
        'Ihr Support-Team',
      ].join('\n'),
    };
  }
  return {
    subject: `[${ticket.reference}] We received your request: ${ticket.subject}`,
    text: [
      `Hello ${name},`,
      '',
      `thank you for contacting us. We received your request "${ticket.subject}" and gave it the reference ${ticket.reference}.`,
      '',
      'What happens next: a member of our support team reads it and replies to this address, usually within one business day.',
      `To add details, reply to this email and keep ${ticket.reference} in the subject.`,
      `To follow your request and answer on the web, go to ${trackingUrl} with its reference and your email address.`,
      '',
      'We will never ask for your master password, recovery codes or card number.',
      '',
      'Your support team',
    ].join('\n'),
  };
}

/**
 * Turns a contact form into a web ticket (subject from the first question, the labelled
 * answers as its body, the chosen topic as triage's form hint, the deflection tag) and queues
 * the acknowledgement mail in the same transaction. A double submit of one contact session
 * finds the ticket it already made. secretsRemoved says whether screening took a secret out,
 * so the confirmation page can tell the customer, in this same channel, that we never need one.
 */
export async function submitContact(deps: Deps, request: ContactRequest): Promise<{ ticket: Ticket; secretsRemoved: boolean }> {
  const { values } = request;
  return retryOnDuplicate(() =>
    deps.uow(async (work) => {
      const { ticket, created, opening } = await createTicket(work, {
        subject: values.q ?? '',
        body: { text: composeBody(request.topic, values) },
        customer: { identity: { kind: 'email', value: values.email ?? '' }, name: values.name ?? null },
        channel: 'web',
        hints: { formCategory: request.topic },
        tags: request.openedArticles ? [VIEWED_ARTICLES_TAG] : [],
        externalId: `contact-form:${request.contactSession}`,
      }, SYSTEM);
      if (created) {
        await deps.outbox.queueEmail(work, {
          kind: 'acknowledgement',
          to: values.email ?? '',
          ...acknowledgement(ticket, values.name ?? '', trackingPageUrl(deps.config.publicUrl), request.locale ?? 'en'),
          headers: { 'Auto-Submitted': 'auto-replied' },
          ticketId: ticket.id,
          customerId: ticket.customer.id,
        });
      }
      return { ticket, secretsRemoved: (opening?.redactions.length ?? 0) > 0 };
    }),
  );
}
