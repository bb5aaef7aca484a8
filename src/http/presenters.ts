import type { Job } from '../kernel/job-queue.ts';
import type { StoredEvent } from '../kernel/events.ts';
import type { Customer } from '../modules/customers/index.ts';
import type { Agent, ApiToken, Team } from '../modules/identity/index.ts';
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
});

export const checklistJson = (c: ChecklistItem) => ({ id: c.id, text: c.text, done: c.doneAt !== null, done_at: c.doneAt, done_by: c.doneBy });

export const messageJson = (m: Message) => ({
  id: m.id,
  kind: m.kind,
  author: m.author,
  channel: m.channel,
  text: m.text,
  html: m.html,
  external_id: m.externalId,
  redactions: m.redactions,
  attachments: m.attachments.map((a) => ({ id: a.id, filename: a.filename, content_type: a.contentType, size: a.size })),
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
