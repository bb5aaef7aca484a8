import type { EmailOutcome } from './receive-email.ts';

/** An SMTP reply: the code and a human line (smtp-server adds the enhanced status code). */
export type SmtpReply = { code: number; message: string };

/**
 * What each pipeline outcome answers at the end of DATA. 250 only for a message that is
 * committed (or was already); 4xx asks the sender to retry; 5xx refuses for good.
 */
export function replyFor(outcome: EmailOutcome): SmtpReply {
  switch (outcome.kind) {
    case 'stored':
      if (outcome.outcome === 'unmatched_failure') return { code: 250, message: `Delivery report stored (#${outcome.inboundId})` };
      return { code: 250, message: `${outcome.duplicate ? 'Already received' : 'Received'} as ${outcome.reference ?? `#${outcome.inboundId}`}` };
    case 'dropped':
      return outcome.temporary ? { code: 450, message: outcome.reason } : { code: 550, message: outcome.reason };
    case 'rejected':
      return { code: 554, message: outcome.reason };
    case 'failed':
      return { code: 451, message: outcome.reason };
  }
}

/** An Error carrying an SMTP code, the form smtp-server's callbacks answer with. */
export function smtpError(code: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode: code });
}
