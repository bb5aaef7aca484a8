import { splitQuoted } from '../channels/email/quoted-text.ts';
import type { Job } from '../kernel/job-queue.ts';
import type { StoredEvent } from '../kernel/events.ts';
import type { Customer } from '../modules/customers/index.ts';
import type { Agent, ApiToken, AuditRecord, Team } from '../modules/identity/index.ts';
import type { OutboxEmail } from '../modules/outbox/index.ts';
import type { ChecklistItem, Message, Ticket } from '../modules/tickets/index.ts';

/** Domain objects to the API's snake_case JSON, the one place that shape is decided. */
export const ticketJson = (t: Ticket) => ({
  id: t.id,
  reference: t.reference,
  subject: t.subject,
  status: t.status,
  priority: t.priority,
  category: t.category,
  channel: t.channel,
  customer: t.customer,
  assignee_id: t.assigneeId,
  team_id: t.teamId,
  tags: t.tags,
  follow_up_of: t.followUpOf,
  created_at: t.createdAt,
  updated_at: t.updatedAt,
  first_response_at: t.firstResponseAt,
  solved_at: t.solvedAt,
  triage: t.triage,
  verification: {
    status: t.verification.status,
    method: t.verification.method,
    verified_at: t.verification.verifiedAt,
    verified_by: t.verification.verifiedBy,
    expires_at: t.verification.expiresAt,
  },
  unverified_sender: t.unverifiedSender,
});

export const checklistJson = (c: ChecklistItem) => ({ id: c.id, text: c.text, done: c.doneAt !== null, done_at: c.doneAt, done_by: c.doneBy });

/** An email's text as shown first, the quoted history below it trimmed off (the full `text` stays). */
const trimmedJson = (m: Message) => {
  const split = m.channel === 'email' ? splitQuoted(m.text) : null;
  return { text_trimmed: split ? split.visible : m.text, quoted: split !== null && split.quoted !== null };
};

export const messageJson = (m: Message) => ({
  id: m.id,
  kind: m.kind,
  author: m.author,
  channel: m.channel,
  text: m.text,
  ...trimmedJson(m),
  html: m.html,
  external_id: m.externalId,
  redactions: m.redactions,
  attachments: m.attachments.map((a) => ({ id: a.id, filename: a.filename, content_type: a.contentType, size: a.size })),
  sender_auth: m.senderAuth && {
    spf: m.senderAuth.spf,
    dkim: m.senderAuth.dkim,
    dkim_aligned: m.senderAuth.dkimAligned,
    dmarc: m.senderAuth.dmarc,
    dmarc_policy: m.senderAuth.dmarcPolicy,
    from_domain: m.senderAuth.fromDomain,
    unverified: m.senderAuth.unverified,
  },
  created_at: m.createdAt,
});

export const eventJson = (e: StoredEvent) => ({
  id: e.id,
  type: e.type,
  actor: e.actor,
  data: e.data,
  created_at: e.createdAt,
});

export const customerJson = (c: Customer) => ({
  id: c.id,
  name: c.name,
  email: c.email,
  identities: c.identities,
  created_at: c.createdAt,
  updated_at: c.updatedAt,
});

export const agentJson = (a: Agent) => ({
  id: a.id,
  email: a.email,
  name: a.name,
  role: a.role,
  active: a.active,
  team_ids: a.teamIds,
  created_at: a.createdAt,
});

export const teamJson = (t: Team) => ({ id: t.id, name: t.name, slug: t.slug, created_at: t.createdAt });

export const tokenJson = (t: ApiToken) => ({
  id: t.id,
  name: t.name,
  role: t.role,
  prefix: t.prefix,
  created_at: t.createdAt,
  last_used_at: t.lastUsedAt,
  revoked_at: t.revokedAt,
});

export const jobJson = (j: Job) => ({
  id: j.id,
  type: j.type,
  status: j.status,
  attempts: j.attempts,
  max_attempts: j.maxAttempts,
  run_at: j.runAt,
  last_error: j.lastError,
  created_at: j.createdAt,
  updated_at: j.updatedAt,
});

export const auditJson = (a: AuditRecord) => ({
  id: a.id,
  actor_type: a.actorType,
  actor_id: a.actorId,
  action: a.action,
  target_type: a.targetType,
  target_id: a.targetId,
  ip: a.ip,
  user_agent: a.userAgent,
  data: a.data,
  created_at: a.createdAt,
});

export const outboxJson = (m: OutboxEmail) => ({
  id: m.id,
  message_id: m.messageId,
  kind: m.kind,
  status: m.status,
  sent: m.status === 'sent',
  from: m.from,
  to: m.to,
  subject: m.subject,
  text: m.text,
  html: m.html,
  headers: m.headers,
  in_reply_to: m.inReplyTo,
  references: m.references,
  ticket_id: m.ticketId,
  customer_id: m.customerId,
  attempts: m.attempts,
  last_error: m.lastError,
  sent_at: m.sentAt,
  created_at: m.createdAt,
  updated_at: m.updatedAt,
});
