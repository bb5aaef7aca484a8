import { ACCEPT, type FilterVerdict, type InboundFilter } from '../../channel-adapter.ts';
import type { ParsedEmail } from '../parse-email.ts';
import { headerValue } from './header.ts';

/** The header Careline puts on every mail it sends, so its own mail coming back is recognised. */
export const LOOP_HEADER = 'X-Careline-Loop';

/** Our own mail coming back (a forward, a misconfigured alias): kept, marked automated, never answered. */
export const detectLoop: InboundFilter<ParsedEmail> = {
  name: 'detect-loop',
  check(email): FilterVerdict {
    if (headerValue(email, LOOP_HEADER.toLowerCase()) !== null) return { action: 'annotate', annotation: { kind: 'automated', reason: `${LOOP_HEADER} header: our own mail came back` } };
    return ACCEPT;
  },
};
