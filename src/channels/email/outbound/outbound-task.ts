import type { StoredEvent } from '../../../kernel/events.ts';

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

export function taskOf(payload: unknown): OutboundTask {
  const p = payload as { what?: unknown; ticketId?: unknown; messageId?: unknown } | null;
  if (p?.what === 'acknowledgement' && Number.isSafeInteger(p.ticketId)) return { what: 'acknowledgement', ticketId: p.ticketId as number };
  if (p?.what === 'reply' && Number.isSafeInteger(p.messageId)) return { what: 'reply', messageId: p.messageId as number };
  throw new Error('email.outbound payload is not a task');
}

