import { AppError } from '../../kernel/errors.ts';
import type { Actor } from '../../kernel/events.ts';
import type { Work } from '../../store/unit-of-work.ts';
import { recordAudit } from '../identity/index.ts';
import { guardReply, type GuardVerdict } from '../triage/index.ts';
import type { Body } from './message-body.ts';
import type { Ticket } from './model.ts';

/** An admin's decision to go past a check, with where it came from; recorded in the audit log. */
export type Override = { reason: string | null; ip?: string | null; userAgent?: string | null };

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&nbsp;': ' ' };

function textOfHtml(html: string): string {
  return html.replace(/<\/(?:p|div|li|h\d|tr|blockquote)>|<br\s*\/?>/gi, '\n').replace(/<[^>]*>/g, ' ').replace(/&(?:amp|lt|gt|quot|#39|nbsp);/g, (e) => ENTITIES[e]!);
}

/** The guard's verdict on a reply's text, then on its HTML (an agent may send only HTML). */
export function guardBody(body: Body): GuardVerdict {
  const verdict = guardReply(body.text);
  return verdict.blocked ? verdict : guardReply(textOfHtml(body.html));
}

/**
 * Stops an agent's public reply that asks the customer for a secret (422 guard_blocked), unless
 * an admin overrides it; the override is written to the audit log with the phrase and reason.
 */
export async function guardAgentReply(work: Work, ticket: Ticket, body: Body, actor: Actor, override?: Override): Promise<void> {
  const verdict = guardBody(body);
  if (!verdict.blocked) return;
  if (!override) {
    throw new AppError(
      'guard_blocked',
      `Support never asks customers for secrets, and this reply asks for a ${verdict.label}: "${verdict.phrase}". ` +
        'Rephrase it (point to the app or a reset link instead); an admin can send it anyway with override_guard and a guard_reason.',
      { phrase: verdict.phrase, secret: verdict.secret },
    );
  }
  await recordAudit(
    work.trx,
    {
      actor,
      action: 'ticket.guard_overridden',
      targetType: 'ticket',
      targetId: ticket.reference,
      ip: override.ip ?? null,
      userAgent: override.userAgent ?? null,
      data: { reason: override.reason, phrase: verdict.phrase, secret: verdict.secret },
    },
    work.now,
  );
}
