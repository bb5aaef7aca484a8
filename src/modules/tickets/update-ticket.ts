import { AppError, badRequest } from '../../kernel/errors.ts';
import type { Actor, Change } from '../../kernel/events.ts';
import type { Tx } from '../../store/database.ts';
import type { Work } from '../../store/unit-of-work.ts';
import { recordAudit } from '../identity/index.ts';
import type { Override } from './guard-outbound.ts';
import { allowedNext, canTransition, normalizeTags, type Category, type Priority, type Status, type Ticket } from './model.ts';
import { findTicket, getTicketById } from './queries.ts';
import { requireVerified } from './verification/state.ts';

export type TicketPatch = {
  subject?: string;
  status?: Status;
  priority?: Priority;
  category?: Category;
  assigneeId?: number | null;
  teamId?: number | null;
  tags?: string[];
  /** An admin solves or closes an account ticket whose customer is not verified; audited. */
  overrideVerification?: Override;
};

/**
 * Account help ends only for a verified customer: solving or closing an account ticket needs
 * a verification, or an admin's override that goes to the audit log.
 */
async function checkVerified(work: Work, ticket: Ticket, patch: TicketPatch, actor: Actor): Promise<void> {
  const ending = (patch.status === 'solved' || patch.status === 'closed') && patch.status !== ticket.status;
  if (!ending || (patch.category ?? ticket.category) !== 'account' || ticket.verification.status === 'verified') return;
  const override = patch.overrideVerification;
  if (!override) return requireVerified(work.trx, ticket);
  await recordAudit(work.trx, {
    actor,
    action: 'ticket.verification_overridden',
    targetType: 'ticket',
    targetId: ticket.reference,
    ip: override.ip ?? null,
    userAgent: override.userAgent ?? null,
    data: { reason: override.reason, status: patch.status, verification: ticket.verification.status },
  }, work.now);
}

/** An assignee must be an active agent who may write; a team must exist. */
export async function checkAssignment(trx: Tx, assigneeId: number | null, teamId: number | null): Promise<void> {
  if (assigneeId !== null) {
    const agent = await trx.selectFrom('agents').select(['active', 'role']).where('id', '=', assigneeId).executeTakeFirst();
    if (!agent || agent.active !== 1) throw badRequest(`Agent ${assigneeId} does not exist or is inactive`, { assigneeId: 'unknown' });
    if (agent.role === 'viewer') throw badRequest(`Agent ${assigneeId} is a viewer and cannot be assigned tickets`, { assigneeId: 'viewer' });
  }
  if (teamId !== null) {
    const team = await trx.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst();
    if (!team) throw badRequest(`Team ${teamId} does not exist`, { teamId: 'unknown' });
  }
}

/** Changes a ticket's fields, checks the status transition (and verification), records one ticket.updated event. */
export async function updateTicket(work: Work, reference: string, patch: TicketPatch, actor: Actor): Promise<Ticket> {
  const { trx, now } = work;
  const ticket = await findTicket(trx, reference);
  const changes: Record<string, Change> = {};
  const set: Record<string, unknown> = {};
  const field = <K extends keyof Ticket>(key: K, column: string, value: Ticket[K] | undefined): void => {
    if (value === undefined || value === ticket[key]) return;
    changes[key] = [ticket[key], value];
    set[column] = value;
  };
  if (patch.subject !== undefined) {
    const subject = patch.subject.replace(/\s+/g, ' ').trim();
    if (!subject) throw badRequest('A ticket needs a subject', { subject: 'empty' });
    field('subject', 'subject', subject);
  }
  if (patch.status !== undefined && !canTransition(ticket.status, patch.status)) {
    const next = allowedNext(ticket.status);
    throw new AppError('invalid_transition', `${/^[aeiou]/.test(ticket.status) ? 'An' : 'A'} ${ticket.status.replace('_', ' ')} ticket cannot become ${patch.status}` + (next.length ? `; it can become ${next.join(', ')}` : '; closed tickets are final'), {
      status: { from: ticket.status, to: patch.status, allowed: next },
    });
  }
  await checkVerified(work, ticket, patch, actor);
  if (patch.assigneeId !== undefined || patch.teamId !== undefined) {
    await checkAssignment(trx, patch.assigneeId ?? null, patch.teamId ?? null);
  }
  field('status', 'status', patch.status);
  field('priority', 'priority', patch.priority);
  field('category', 'category', patch.category);
  field('assigneeId', 'assignee_id', patch.assigneeId);
  field('teamId', 'team_id', patch.teamId);
  if (changes.status) {
    if (patch.status === 'solved') set.solved_at = now;
    else if (patch.status !== 'closed') set.solved_at = null;
  }
  if (patch.tags !== undefined) {
    const tags = normalizeTags(patch.tags);
    if (tags.join('\n') !== ticket.tags.join('\n')) {
      changes.tags = [ticket.tags, tags];
      await trx.deleteFrom('ticket_tags').where('ticket_id', '=', ticket.id).execute();
      if (tags.length) await trx.insertInto('ticket_tags').values(tags.map((tag) => ({ ticket_id: ticket.id, tag }))).execute();
    }
  }
  if (Object.keys(changes).length === 0) return ticket;
  await trx.updateTable('tickets').set({ ...set, updated_at: now }).where('id', '=', ticket.id).execute();
  work.emit({ type: 'ticket.updated', ticketId: ticket.id, customerId: ticket.customer.id, actor, data: { reference: ticket.reference, changes } });
  return getTicketById(trx, ticket.id);
}
