import type { Deps } from '../../../deps.ts';
import { mailHost } from '../../../modules/outbox/index.ts';
import { AUTOMATED_TAG, recordExternalId, type Ticket } from '../../../modules/tickets/index.ts';
import { unbracketed } from './compose.ts';
import { OUTBOUND_JOB, taskFor, taskKey, taskOf, type OutboundTask } from './outbound-task.ts';
import { acknowledgementMail, isOwnAddress, planAcknowledgement, planReply, type MailPlan } from './plan-mail.ts';
import { trackingPageUrl } from '../../../modules/tracking/index.ts';
import type { Work } from '../../../store/unit-of-work.ts';
import { sweepLostReplies, SWEEP_MS } from './sweep-lost-replies.ts';

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

/** What the receipt of a mail knows when it has just opened a ticket with it. */
export type OpenedByMail = { ticket: Ticket; mailboxAddress: string; sender: string; automated: boolean; messageId: string };

/**
 * Queues the acknowledgement of a ticket just opened by inbound email, in the transaction that
 * stores the ticket, so it commits with it or not at all. It is made from what the receipt
 * knows (the ticket, the mailbox, the sender, the Message-ID): no job to plan it, no reads
 * but our own addresses. Automated mail (RFC 3834) gets none. Acknowledgement jobs that older
 * versions stored still run through runOutboundTask.
 */
export async function acknowledgeAtReceipt(deps: Pick<Deps, 'outbox' | 'config'>, work: Work, opened: OpenedByMail): Promise<void> {
  const { ticket } = opened;
  if (opened.automated || ticket.tags.includes(AUTOMATED_TAG)) return;
  const host = mailHost(deps.config.publicUrl);
  const to = ticket.customer.email ?? opened.sender;
  if (await isOwnAddress(work.trx, host, to)) return;
  const { send } = acknowledgementMail({ ticket, to, from: opened.mailboxAddress, host, trackingUrl: trackingPageUrl(deps.config.publicUrl), answers: [opened.messageId] });
  const { messageId } = await deps.outbox.queueEmail(work, send);
  await recordExternalId(work, { channel: 'email', externalId: unbracketed(messageId), ticketId: ticket.id, messageId: null });
}

/**
 * Email outbound: the `email.outbound` job's handler; a listener for committed
 * `message.created` events that enqueues the job for a public reply (unique per message); and,
 * because events come after commit over an at-most-once bus (docs/adr/0005), a sweep every
 * `sweepMs` that enqueues the job for any recent reply whose event was lost. Acknowledgements
 * need neither: receiveEmail queues them with the ticket. Returns the stop function.
 */
export function registerEmailOutbound(deps: Deps, options: { sweepMs?: number } = {}): () => void {
  deps.jobs.register(OUTBOUND_JOB, async (payload) => {
    await runOutboundTask(deps, taskOf(payload));
  });
  const unsubscribe = deps.bus.subscribe({
    name: 'email-outbound',
    events: ['message.created'],
    async handle(event) {
      const task = taskFor(event);
      // Through store.transaction, not an autocommit write: on SQLite concurrent enqueues share one group commit (one fsync).
      if (task) await deps.store.transaction((trx) => deps.jobs.enqueue(trx, { type: OUTBOUND_JOB, payload: task, uniqueKey: taskKey(task) }));
    },
  });
  const sweep = setInterval(() => {
    sweepLostReplies(deps).catch((error: unknown) => deps.log.error({ err: error }, 'outbound email sweep failed'));
  }, options.sweepMs ?? SWEEP_MS);
  sweep.unref();
  return () => {
    clearInterval(sweep);
    unsubscribe();
  };
}
