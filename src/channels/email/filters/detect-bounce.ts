import { ACCEPT, type FilterVerdict, type InboundFilter } from '../../channel-adapter.ts';
import { isEmail } from '../../../modules/customers/index.ts';
import { parseDeliveryStatus } from '../delivery-status.ts';
import type { ParsedEmail } from '../parse-email.ts';
import { headerValue } from './header.ts';

/**
 * Delivery status notifications (multipart/report; report-type=delivery-status): a failed
 * recipient becomes a delivery failure, to be noted on the ticket of the returned message
 * (found by the ids it quotes or answers); a report without a failure is just automated mail.
 */
export const detectBounce: InboundFilter<ParsedEmail> = {
  name: 'detect-bounce',
  check(email): FilterVerdict {
    const type = headerValue(email, 'content-type') ?? '';
    if (!/^multipart\/report\b/.test(type) || !/report-type\s*=\s*"?delivery-status/.test(type)) return ACCEPT;
    const failed = parseDeliveryStatus(email.deliveryStatus ?? '').filter((r) => r.action === 'failed' || r.status.startsWith('5'));
    if (failed.length === 0) return { action: 'annotate', annotation: { kind: 'automated', reason: 'delivery status report without a failure' } };
    const diagnostic = failed.map((r) => r.diagnostic || `status ${r.status || 'unknown'}`).filter((d, i, all) => all.indexOf(d) === i).join('; ');
    return {
      action: 'annotate',
      annotation: {
        kind: 'delivery_failure',
        recipients: failed.filter((r) => isEmail(r.address)).map((r) => ({ kind: 'email' as const, value: r.address })),
        diagnostic: diagnostic.slice(0, 1000),
        originalIds: email.returnedIds,
      },
    };
  },
};
