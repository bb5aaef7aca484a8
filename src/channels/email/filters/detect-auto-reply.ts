import { ACCEPT, type FilterVerdict, type InboundFilter } from '../../channel-adapter.ts';
import type { ParsedEmail } from '../parse-email.ts';
import { headerValue } from './header.ts';

/**
 * RFC 3834 and the common vendor headers: Auto-Submitted other than "no", X-Autoreply,
 * X-Autorespond. Such mail is kept but marked automated, so nothing ever answers it.
 */
export const detectAutoReply: InboundFilter<ParsedEmail> = {
  name: 'detect-auto-reply',
  check(email): FilterVerdict {
    const submitted = headerValue(email, 'auto-submitted');
    if (submitted !== null && submitted.split(';')[0]!.trim() !== 'no') {
      return { action: 'annotate', annotation: { kind: 'automated', reason: `Auto-Submitted: ${submitted.slice(0, 60)}` } };
    }
    for (const name of ['x-autoreply', 'x-autorespond']) {
      if (headerValue(email, name) !== null) return { action: 'annotate', annotation: { kind: 'automated', reason: `${name} header` } };
    }
    return ACCEPT;
  },
};
