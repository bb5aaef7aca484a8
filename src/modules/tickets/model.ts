import { badRequest } from '../../kernel/errors.ts';
import type { Actor, VerificationMethod } from '../../kernel/events.ts';
import type { Finding, Triage } from '../triage/index.ts';

export const STATUSES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const CATEGORIES = ['account', 'installation', 'billing', 'sync', 'security', 'general'] as const;
export const CHANNELS = ['email', 'chat', 'web', 'social', 'api'] as const;
export const MESSAGE_KINDS = ['reply', 'note'] as const;
export const AUTHOR_TYPES = ['customer', 'agent', 'system'] as const;

export type Status = (typeof STATUSES)[number];
export type Priority = (typeof PRIORITIES)[number];
export type Category = (typeof CATEGORIES)[number];
export type Channel = (typeof CHANNELS)[number];
export type MessageKind = (typeof MESSAGE_KINDS)[number];
export type AuthorType = (typeof AUTHOR_TYPES)[number];

/**
 * Allowed status changes. Closed is final: a customer writing again opens a follow-up.
 * Solved can be reopened; everything else moves freely among the working states.
 */
const TRANSITIONS: Record<Status, readonly Status[]> = {
  new: ['open', 'pending', 'on_hold', 'solved', 'closed'],
  open: ['pending', 'on_hold', 'solved'],
  pending: ['open', 'on_hold', 'solved'],
  on_hold: ['open', 'pending', 'solved'],
  solved: ['open', 'closed'],
  closed: [],
};

export function canTransition(from: Status, to: Status): boolean {
  return from === to || TRANSITIONS[from].includes(to);
}

export function allowedNext(from: Status): readonly Status[] {
  return TRANSITIONS[from];
}

/** Triage's verdict on the opening message, kept so agents see the signals that decided. */
export type TicketTriage = Pick<Triage, 'category' | 'priority' | 'confidence' | 'signals' | 'escalation'>;

/** A step of a security escalation's checklist that agents tick off. */
export type ChecklistItem = { id: number; text: string; doneAt: string | null; doneBy: number | null };

/**
 * Whether the ticket's customer proved who they are: by a code or link sent to their email,
 * or by a signed identity from the product they use. Account help needs it.
 */
export type TicketVerification = {
  status: 'none' | 'pending' | 'verified';
  method: VerificationMethod | null;
  verifiedAt: string | null;
  verifiedBy: Actor | null;
  /** When the pending code and link stop working. */
  expiresAt: string | null;
};

/** The verification of a ticket nobody asked to verify yet. */
export const UNVERIFIED: TicketVerification = Object.freeze({ status: 'none', method: null, verifiedAt: null, verifiedBy: null, expiresAt: null });

/** A ticket: one conversation with a reference, whatever the channels its messages came by. */
export type Ticket = {
  id: number;
  reference: string;
  subject: string;
  status: Status;
  priority: Priority;
  category: Category;
  channel: Channel;
  customer: { id: number; name: string | null; email: string | null };
  assigneeId: number | null;
  teamId: number | null;
  tags: string[];
  followUpOf: string | null;
  createdAt: string;
  updatedAt: string;
  firstResponseAt: string | null;
  solvedAt: string | null;
  triage: TicketTriage | null;
  verification: TicketVerification;
  /** Its latest customer email failed sender authentication (DMARC): agents see "unverified sender". */
  unverifiedSender: boolean;
};

/** A DNS-based sender check's outcome (RFC 8601 words: pass, fail, softfail, neutral, none, temperror, permerror). */
export type AuthResult = string;

/**
 * Whether an inbound email's From domain vouched for it (SPF, DKIM, DMARC), kept with the
 * message; `unverified` is what agents see as "unverified sender": the From may be forged.
 */
export type SenderAuth = {
  spf: AuthResult;
  dkim: AuthResult;
  /** A passing DKIM signature of the From domain (or its organisational domain). */
  dkimAligned: boolean;
  dmarc: AuthResult;
  dmarcPolicy: string | null;
  fromDomain: string | null;
  unverified: boolean;
};

export type Attachment = { id: number; filename: string; contentType: string; size: number };

/** A public reply or an internal note, from any channel, with plain text and sanitized HTML. */
export type Message = {
  id: number;
  ticketId: number;
  kind: MessageKind;
  author: { type: AuthorType; id: number | null; name: string | null };
  channel: Channel;
  text: string;
  html: string;
  externalId: string | null;
  /** What secret redaction removed before the message was stored (labels, never the secrets). */
  redactions: Finding[];
  attachments: Attachment[];
  /** Inbound SMTP email only: the sender authentication verdict; null otherwise. */
  senderAuth: SenderAuth | null;
  createdAt: string;
};

/** Lowercase, trimmed, limited charset: what a tag looks like once stored. */
export function normalizeTag(tag: string): string | null {
  const t = tag.trim().toLowerCase().replace(/\s+/g, '_');
  return /^[\p{L}\p{N}_:.-]{1,64}$/u.test(t) ? t : null;
}

/** A list of tags as stored: normalized, unique, sorted; an invalid tag is a validation error. */
export function normalizeTags(input: readonly string[]): string[] {
  return [...new Set(input.map((t) => {
    const n = normalizeTag(t);
    if (!n) throw badRequest(`"${t.slice(0, 64)}" is not a valid tag`, { tags: 'invalid' });
    return n;
  }))].sort();
}
