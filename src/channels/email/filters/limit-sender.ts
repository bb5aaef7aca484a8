import { ACCEPT, type FilterVerdict, type InboundFilter } from '../../channel-adapter.ts';
import type { ParsedEmail } from '../parse-email.ts';

/** How many mails one sender may have stored in a sliding window before more are deferred. */
export type SenderLimit = { max: number; windowMs: number };

export const DEFAULT_SENDER_LIMIT: SenderLimit = { max: 30, windowMs: 10 * 60_000 };

/**
 * Stops mail storms (two auto-responders answering each other, a script gone wrong): past
 * `max` mails from one From address within the window, mail is deferred (SMTP 450) and not
 * stored; a well-behaved sender retries later, a loop dies out.
 */
export function limitSender(countRecent: (address: string, sinceIso: string) => Promise<number>, now: () => Date, limit = DEFAULT_SENDER_LIMIT): InboundFilter<ParsedEmail> {
  return {
    name: 'limit-sender',
    async check(email): Promise<FilterVerdict> {
      const since = new Date(now().getTime() - limit.windowMs).toISOString();
      const count = await countRecent(email.from.address, since);
      if (count < limit.max) return ACCEPT;
      return { action: 'drop', reason: `Too many messages from ${email.from.address}; try again later`, temporary: true };
    },
  };
}
