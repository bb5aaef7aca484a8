import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { isEmail, normalizeIdentity } from '../../modules/customers/identity.ts';
import { redactFilename } from '../../modules/triage/redaction/index.ts';

/** A file carried by a message: an attachment or an inline (cid:) image. */
export type ParsedAttachment = { filename: string; contentType: string; content: Buffer; contentId: string | null };

/** An inbound email as the filters and the pipeline read it; bounded, decoded, never raw MIME. */
export type ParsedEmail = {
  /** Message-ID without angle brackets; made from the raw bytes' hash when the message has none. */
  messageId: string;
  from: { address: string; name: string | null };
  subject: string;
  text: string | null;
  html: string | null;
  /** In-Reply-To, then References newest first: the ids this message answers. */
  replyTo: string[];
  /** Header values by lowercase name, unfolded, in order (not MIME-decoded). */
  headers: ReadonlyMap<string, readonly string[]>;
  attachments: ParsedAttachment[];
  /** The message/delivery-status part of a delivery report, as text. */
  deliveryStatus: string | null;
  /** Message-IDs quoted in the returned message or headers of a delivery report. */
  returnedIds: string[];
};

/** A message we refuse for good (SMTP 554): no usable sender, or not MIME we can read. */
export class EmailRejected extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmailRejected';
  }
}

const MAX_IDS = 50;
const MAX_ATTACHMENTS = 100;
const MAX_HTML_TO_PARSE = 2_000_000;
const ID_IN_BRACKETS = /<([^<>\s]{1,500})>/g;
const QUOTED_MESSAGE_ID = /^[ \t]*Message-ID:[ \t]*<([^<>\s]{1,500})>/gim;

/**
 * Parses raw RFC 5322 bytes with mailparser, with the expensive conversions off (no linkifying,
 * no HTML-to-text here, cid links kept, embedded messages left as attachments).
 * @throws EmailRejected when there is no usable From address or the MIME is beyond repair.
 */
export async function parseEmail(raw: Buffer): Promise<ParsedEmail> {
  let mail: ParsedMail;
  try {
    mail = await simpleParser(raw, {
      skipHtmlToText: true,
      skipTextToHtml: true,
      skipTextLinks: true,
      skipImageLinks: true,
      keepCidLinks: true,
      keepDeliveryStatus: true,
      ignoreEmbedded: true,
      maxHtmlLengthToParse: MAX_HTML_TO_PARSE,
      checksumAlgo: false,
      maxChildNodes: 500,
    });
  } catch (error) {
    throw new EmailRejected(`The message is not MIME we can read (${error instanceof Error ? error.message.slice(0, 120) : 'parse error'})`);
  }
  const from = senderOf(mail.from);
  if (!from) throw new EmailRejected('The message has no usable From address');
  const headers = headerMap(mail.headerLines);
  const ownId = firstId(mail.messageId);
  const attachments: ParsedAttachment[] = [];
  let deliveryStatus: string | null = null;
  const quoted: string[] = [];
  for (const a of mail.attachments) {
    const type = a.contentType.toLowerCase();
    if (type === 'message/delivery-status' && deliveryStatus === null) deliveryStatus = a.content.toString('utf8', 0, 64_000);
    else if (type === 'message/rfc822' || type === 'text/rfc822-headers') quoted.push(a.content.toString('utf8', 0, 64_000));
    if (attachments.length < MAX_ATTACHMENTS && type !== 'message/delivery-status') attachments.push(toAttachment(a, attachments.length));
  }
  if (deliveryStatus !== null && mail.text) quoted.push(mail.text.slice(0, 64_000));
  return {
    messageId: ownId ?? `${createHash('sha256').update(raw).digest('hex')}@careline.invalid`,
    from,
    subject: (mail.subject ?? '').slice(0, 2000),
    text: mail.text ?? null,
    html: typeof mail.html === 'string' ? mail.html : null,
    replyTo: replyIds(mail),
    headers,
    attachments,
    deliveryStatus,
    returnedIds: quoted.flatMap((q) => [...q.matchAll(QUOTED_MESSAGE_ID)].map((m) => m[1]!)).filter((id) => id !== ownId).slice(0, MAX_IDS),
  };
}

function senderOf(header: AddressObject | undefined): ParsedEmail['from'] | null {
  const first = header?.value[0];
  const entry = first?.group ? first.group[0] : first;
  const address = entry?.address ? normalizeIdentity('email', entry.address) : '';
  if (!isEmail(address)) return null;
  return { address, name: entry?.name?.trim().slice(0, 200) || null };
}

/** The ids in angle brackets of a header value, or the bare value when it has none. */
function idsOf(value: string | string[] | undefined): string[] {
  const values = Array.isArray(value) ? value : value ? [value] : [];
  const ids: string[] = [];
  for (const v of values) {
    const bracketed = [...v.slice(0, 20_000).matchAll(ID_IN_BRACKETS)].map((m) => m[1]!);
    if (bracketed.length) ids.push(...bracketed);
    else if (/^[^<>\s]{1,500}$/.test(v.trim())) ids.push(v.trim());
  }
  return ids;
}

function firstId(value: string | undefined): string | null {
  return idsOf(value)[0] ?? null;
}

function replyIds(mail: ParsedMail): string[] {
  const ids = [...idsOf(mail.inReplyTo), ...idsOf(mail.references).reverse()];
  return [...new Set(ids)].slice(0, MAX_IDS);
}

function headerMap(lines: ParsedMail['headerLines']): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const { key, line } of lines.slice(0, 500)) {
    const colon = line.indexOf(':');
    const value = line.slice(colon + 1, colon + 1 + 4000).replace(/\r?\n[ \t]+/g, ' ').trim();
    map.set(key, [...(map.get(key) ?? []), value]);
  }
  return map;
}

function toAttachment(a: ParsedMail['attachments'][number], index: number): ParsedAttachment {
  const given = [...(a.filename ?? '')].map((c) => (c < ' ' || c === '\u007f' || c === '/' || c === '\\' ? '_' : c)).join('').trim().slice(-200);
  const filename = given ? redactFilename(given).text : `attachment-${index + 1}`;
  return { filename, contentType: a.contentType.slice(0, 200), content: a.content, contentId: a.cid?.slice(0, 500) ?? null };
}
