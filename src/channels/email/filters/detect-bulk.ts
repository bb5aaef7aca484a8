import { ACCEPT, type FilterVerdict, type InboundFilter } from '../../channel-adapter.ts';
import type { ParsedEmail } from '../parse-email.ts';
import { headerValue } from './header.ts';

const BULK = new Set(['bulk', 'list', 'junk']);

/** Precedence: bulk, list or junk (newsletters, mailing lists): kept, marked automated, never answered. */
export const detectBulk: InboundFilter<ParsedEmail> = {
  name: 'detect-bulk',
  check(email): FilterVerdict {
    const precedence = headerValue(email, 'precedence');
    if (precedence !== null && BULK.has(precedence)) return { action: 'annotate', annotation: { kind: 'automated', reason: `Precedence: ${precedence}` } };
    return ACCEPT;
  },
};
