/**
 * The port every channel implements: it turns raw input (an SMTP message, a chat frame, a
 * webhook) into an InboundMessage, runs it through a chain of small filters, hands it to
 * tickets.receiveInbound() in one transaction, and acknowledges only after the commit.
 */
import type { Channel, InboundAnnotation, InboundMessage } from '../modules/tickets/index.ts';

export type { InboundAnnotation, InboundMessage };

/** What one filter says about a message: let it through, drop it, or add what it found. */
export type FilterVerdict =
  | { action: 'accept' }
  | { action: 'annotate'; annotation: InboundAnnotation }
  /** temporary: the sender should try again later (SMTP 4xx); otherwise it is refused for good. */
  | { action: 'drop'; reason: string; temporary: boolean };

/** One small check of a channel's parsed message M; filters never share state through the message. */
export interface InboundFilter<M> {
  readonly name: string;
  check(message: M): FilterVerdict | Promise<FilterVerdict>;
}

/** The chain's answer: every annotation in filter order, or the first drop and who dropped it. */
export type FilterOutcome =
  | { dropped: false; annotations: InboundAnnotation[] }
  | { dropped: true; filter: string; reason: string; temporary: boolean };

/** A channel's edge as the server runs it: started once, stopped (draining) before the store closes. */
export interface ChannelAdapter {
  readonly channel: Channel;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs filters in order; the first drop ends the chain, annotations accumulate.
 * @example const outcome = await runFilters([detectLoop, detectAutoReply], parsed)
 */
export async function runFilters<M>(filters: readonly InboundFilter<M>[], message: M): Promise<FilterOutcome> {
  const annotations: InboundAnnotation[] = [];
  for (const filter of filters) {
    const verdict = await filter.check(message);
    if (verdict.action === 'drop') return { dropped: true, filter: filter.name, reason: verdict.reason, temporary: verdict.temporary };
    if (verdict.action === 'annotate') annotations.push(verdict.annotation);
  }
  return { dropped: false, annotations };
}

/** The verdict of a filter that found nothing. */
export const ACCEPT: FilterVerdict = Object.freeze({ action: 'accept' });
