import { textToHtml } from '../../../modules/tickets/index.ts';
import { LOOP_HEADER } from '../filters/index.ts';

/** How many of the customer's Message-IDs go into References: enough to thread, bounded. */
export const MAX_REFERENCES = 10;

const RE_PREFIX = /^\s*((re|aw|sv|antw|fwd?|wg)\s*:\s*)+/i;
const REFERENCE_TAG = /\[\s*CL-?[0-9A-Z]{8}\s*\]/i;

/** `<id>` for a header, whichever form the id was stored in (the parser stores ids bare). */
export function bracketed(id: string): string {
  const bare = unbracketed(id);
  return `<${bare}>`;
}

/** The id without its angle brackets: how inbound mail's In-Reply-To/References are matched. */
export function unbracketed(id: string): string {
  return id.trim().replace(/^<|>$/g, '');
}

/**
 * `Re: <subject> [CL-XXXXXXXX]`, without stacking `Re:` prefixes or a second reference tag.
 * @example replySubject('Re: Vault locked', 'CL-AB12CD34') // 'Re: Vault locked [CL-AB12CD34]'
 */
export function replySubject(subject: string, reference: string): string {
  const base = subject.replace(RE_PREFIX, '').trim() || '(no subject)';
  return REFERENCE_TAG.test(base) ? `Re: ${base}` : `Re: ${base} [${reference}]`;
}

/**
 * `[CL-XXXXXXXX] We received your request: <subject>`.
 * @example acknowledgementSubject('Vault locked', 'CL-AB12CD34') // '[CL-AB12CD34] We received your request: Vault locked'
 */
export function acknowledgementSubject(subject: string, reference: string): string {
  return `[${reference}] We received your request: ${subject.trim() || '(no subject)'}`;
}

/**
 * Threading for a mail answering the customer: In-Reply-To their newest Message-ID, References
 * their latest ids oldest first (at most MAX_REFERENCES), all in `<…>` form.
 * @example threadHeaders(['a@x', 'b@x']) // { inReplyTo: '<b@x>', references: ['<a@x>', '<b@x>'] }
 */
export function threadHeaders(customerIdsOldestFirst: string[]): { inReplyTo: string | null; references: string[] } {
  const ids = customerIdsOldestFirst.filter((id) => /^<?[^<>\s]{1,500}>?$/.test(id.trim())).map(bracketed);
  const references = [...new Set(ids)].slice(-MAX_REFERENCES);
  return { inReplyTo: references.at(-1) ?? null, references };
}

/**
 * The extra headers of every mail from the email channel: our loop header (so our own mail
 * coming back is never answered), and for machine-written mail RFC 3834's Auto-Submitted plus
 * Exchange's suppression of its auto-replies.
 * @example outboundHeaders({ host: 'help.example', reference: 'CL-AB12CD34', automatic: true })
 */
export function outboundHeaders(o: { host: string; reference: string; automatic: boolean }): Record<string, string> {
  return {
    [LOOP_HEADER]: `${o.host}; ${o.reference}`,
    ...(o.automatic ? { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' } : {}),
  };
}

/** An agent's (or Careline's) reply as mail: the stored text and sanitized HTML, with a footer naming the reference. */
export function replyBody(m: { text: string; html: string; reference: string }): { text: string; html: string } {
  const footer = `Reference: ${m.reference}. Reply to this email to add to your request.`;
  return { text: `${m.text.trimEnd()}\n\n--\n${footer}\n`, html: `${m.html}\n<hr>\n${textToHtml(footer)}` };
}

/**
 * The acknowledgement of a new ticket: its reference, what happens next, and that support never
 * asks for secrets; with `trackingUrl`, where to follow the request and answer it on the web.
 */
export function acknowledgementBody(a: { name: string | null; reference: string; subject: string; trackingUrl?: string }): { text: string; html: string } {
  const text = [
    a.name ? `Hello ${a.name},` : 'Hello,',
    `we received your request "${a.subject}". Its reference is ${a.reference}.`,
    'What happens next: a member of our support team reads it and answers you by email. ' +
      `To add anything, reply to this email and keep [${a.reference}] in the subject.`,
    ...(a.trackingUrl ? [`To follow your request and answer on the web, go to ${a.trackingUrl} with its reference and your email address.`] : []),
    'We will never ask you for your password, master password, recovery codes or full card number.',
    'This is an automatic confirmation.',
  ].join('\n\n');
  return { text: `${text}\n`, html: textToHtml(text) };
}
