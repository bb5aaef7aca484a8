import type { InboundFilter } from '../../channel-adapter.ts';
import type { ParsedEmail } from '../parse-email.ts';
import { detectAutoReply } from './detect-auto-reply.ts';
import { detectBounce } from './detect-bounce.ts';
import { detectBulk } from './detect-bulk.ts';
import { detectLoop } from './detect-loop.ts';
import { limitSender, type SenderLimit } from './limit-sender.ts';

export { detectAutoReply, detectBounce, detectBulk, detectLoop, limitSender };
export { LOOP_HEADER } from './detect-loop.ts';
export { DEFAULT_SENDER_LIMIT, type SenderLimit } from './limit-sender.ts';

/**
 * The inbound chain in order: the sender cap first (a storm costs one query per mail), then
 * bounce, own loop, auto-reply and bulk detection. A replay skips the cap: that mail was accepted.
 */
export function emailFilters(options: { countRecent: (address: string, sinceIso: string) => Promise<number>; now: () => Date; senderLimit?: SenderLimit | null }): InboundFilter<ParsedEmail>[] {
  const chain: InboundFilter<ParsedEmail>[] = [];
  if (options.senderLimit !== null) chain.push(limitSender(options.countRecent, options.now, options.senderLimit));
  chain.push(detectBounce, detectLoop, detectAutoReply, detectBulk);
  return chain;
}
