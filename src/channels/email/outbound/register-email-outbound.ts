import type { Deps } from '../../../deps.ts';
import type { StoredEvent } from '../../../kernel/events.ts';
import { mailHost } from '../../../modules/outbox/index.ts';
import { recordExternalId } from '../../../modules/tickets/index.ts';
import { unbracketed } from './compose.ts';
import { planAcknowledgement, planReply, type MailPlan } from './plan-mail.ts';
import { trackingPageUrl } from '../../../modules/tracking/index.ts';

/** The job that turns one committed event into at most one queued mail. */
export const OUTBOUND_JOB = 'email.outbound';

/** What the job is asked to mail: a ticket's acknowledgement, or one reply. */
export type OutboundTask = { what: 'acknowledgement'; ticketId: number } | { what: 'reply'; messageId: number };

/**
 * The job's unique key: one job per ticket acknowledgement and per reply, however often the
 * event is heard (every node hears it with Redis; a redelivery is harmless).
 */
export function taskKey(task: OutboundTask): string {
  return task.what === 'acknowledgement' ? `email-out:ack:${task.ticketId}` : `email-out:reply:${task.messageId}`;
}

/** The task an event asks for, if any: new email tickets get acknowledged, public agent and system replies mailed. */
export function taskFor(event: StoredEvent): OutboundTask | null {
  if (event.type === 'ticket.created' && event.data.channel === 'email' && event.ticketId !== null) return { what: 'acknowledgement', ticketId: event.ticketId };
  if (event.type === 'message.created' && event.data.kind === 'reply' && (event.data.authorType === 'agent' || event.data.authorType === 'system')) {
    return { what: 'reply', messageId: event.data.messageId };
  }
  return null;
}

function taskOf(payload: unknown): OutboundTask {
  const p = payload as { what?: unknown; ticketId?: unknown; messageId?: unknown } | null;
  if (p?.what === 'acknowledgement' && Number.isSafeInteger(p.ticketId)) return { what: 'acknowledgement', ticketId: p.ticketId as number };
  if (p?.what === 'reply' && Number.isSafeInteger(p.messageId)) return { what: 'reply', messageId: p.messageId as number };
  throw new Error('email.outbound payload is not a task');
}

/**
 * Runs one task in one transaction: plans the mail (skip rules included), queues it in the
 * outbox, and records its Message-ID so the customer's answer threads back to the ticket.
 * Running it again finds the mail already queued and sends nothing.
 */
export async function runOutboundTask(deps: Pick<Deps, 'uow' | 'outbox' | 'config' | 'log'>, task: OutboundTask): Promise<MailPlan> {
  const host = mailHost(deps.config.publicUrl);
  const plan = await deps.uow(async (work) => {
    const planned = task.what === 'acknowledgement' ? await planAcknowledgement(work.trx, host, task.ticketId, trackingPageUrl(deps.config.publicUrl)) : await planReply(work.trx, host, task.messageId);
    if ('skip' in planned) return planned;
    const { messageId } = await deps.outbox.queueEmail(work, planned.send);
    await recordExternalId(work, { channel: 'email', externalId: unbracketed(messageId), ticketId: planned.send.ticketId, messageId: planned.threadMessageId });
    return planned;
  });
  if ('skip' in plan) deps.log.debug({ task, reason: plan.skip }, 'no outbound email');
  return plan;
}

/**
 * Email outbound: a listener for committed `ticket.created` and `message.created` events that
 * enqueues an `email.outbound` job (unique per ticket or message), and the job's handler.
 * Events come after commit over an at-most-once bus (docs/adr/0005): an event lost between
 * COMMIT and the enqueue sends no mail. Returns the unsubscribe.
 */
export function registerEmailOutbound(deps: Deps): () => void {
  deps.jobs.register(OUTBOUND_JOB, async (payload) => {
    await runOutboundTask(deps, taskOf(payload));
  });
  return deps.bus.subscribe({
    name: 'email-outbound',
    events: ['ticket.created', 'message.created'],
    async handle(event) {
      const task = taskFor(event);
      // Through store.transaction, not an autocommit write: on SQLite concurrent enqueues share one group commit (one fsync).
      if (task) await deps.store.transaction((trx) => deps.jobs.enqueue(trx, { type: OUTBOUND_JOB, payload: task, uniqueKey: taskKey(task) }));
    },
  });
}
