import type { Work } from '../../store/unit-of-work.ts';
import { normalizeReference } from '../../kernel/ids.ts';
import type { Outbox } from '../outbox/index.ts';
import { getTicketById } from '../tickets/index.ts';
import { hashLinkToken, newLinkToken } from '../tickets/verification/secrets.ts';

/** How long a tracking link may open a session. */
export const TRACKING_LINK_TTL_MS = 30 * 60_000;

/** What sending a tracking link needs from the deployment, and the language the customer asked in (English by default). */
export type TrackingSettings = { outbox: Outbox; publicUrl: string; locale?: 'en' | 'de' };

/** The tracking page's URL, for the acknowledgement mails. */
export const trackingPageUrl = (publicUrl: string): string => `${publicUrl}/track`;

function trackingMail(reference: string, link: string, locale: 'en' | 'de'): { subject: string; text: string } {
  if (locale === 'de') {
    return {
      subject: `[${reference}] Ihr Link, um Ihre Anfrage zu verfolgen`,
      text: [
        'Guten Tag,',
        '',
        `jemand (hoffentlich Sie) möchte die Support-Anfrage ${reference} verfolgen. Mit diesem Link sehen Sie ihren Stand und unsere Antworten und können antworten:`,
        '',
        link,
        '',
        `Der Link funktioniert einmal, ${TRACKING_LINK_TTL_MS / 60_000} Minuten lang. Wenn Sie ihn nicht angefordert haben, ignorieren Sie diese E-Mail: es ändert sich nichts.`,
        '',
        'Wir fragen nie nach Ihrem Master-Passwort, Ihren Wiederherstellungscodes oder Ihrer Kartennummer.',
        '',
        'Ihr Support-Team',
      ].join('\n'),
    };
  }
  return {
    subject: `[${reference}] Your link to follow your request`,
    text: [
      'Hello,',
      '',
      `someone (we hope you) asked to follow the support request ${reference}. Open this link to see its status and our replies, and to answer:`,
      '',
      link,
      '',
      `The link works once, for ${TRACKING_LINK_TTL_MS / 60_000} minutes. If you did not ask for it, ignore this email: nothing changes.`,
      '',
      'We will never ask for your master password, recovery codes or card number.',
      '',
      'Your support team',
    ].join('\n'),
  };
}

/**
 * Mails a one-time tracking link to the customer of `reference` when `email` is one of their
 * addresses; otherwise does nothing. The caller answers the same either way (no enumeration).
 * Returns whether a mail was queued, for tests and logs only.
 */
export async function requestTrackingLink(work: Work, input: { reference: string; email: string }, settings: TrackingSettings): Promise<boolean> {
  const { trx, now } = work;
  const reference = normalizeReference(input.reference);
  const email = input.email.trim().toLowerCase();
  if (!reference || !email) return false;
  const row = await trx.selectFrom('tickets').select(['id', 'customer_id']).where('reference', '=', reference).executeTakeFirst();
  if (!row) return false;
  const addresses = await trx.selectFrom('customer_identities').select('value').where('customer_id', '=', row.customer_id).where('kind', '=', 'email').execute();
  const customer = await trx.selectFrom('customers').select('email').where('id', '=', row.customer_id).executeTakeFirst();
  const known = [...addresses.map((a) => a.value), customer?.email ?? ''].map((a) => a.trim().toLowerCase());
  if (!known.includes(email)) return false;
  const ticket = await getTicketById(trx, row.id);
  const token = newLinkToken();
  await trx
    .insertInto('tracking_links')
    .values({ ticket_id: ticket.id, token_hash: hashLinkToken(token), expires_at: new Date(Date.parse(now) + TRACKING_LINK_TTL_MS).toISOString(), used_at: null, created_at: now })
    .execute();
  await settings.outbox.queueEmail(work, {
    kind: 'tracking',
    to: email,
    ...trackingMail(ticket.reference, `${settings.publicUrl}${settings.locale === 'de' ? '/de' : ''}/track/${token}`, settings.locale ?? 'en'),
    headers: { 'Auto-Submitted': 'auto-generated' },
    ticketId: ticket.id,
    customerId: ticket.customer.id,
    sensitive: true,
  });
  return true;
}
