/** The email channel: inbound SMTP, the parsing and filter pipeline, stored raw mail and its replay, outbound replies and acknowledgements. */
export { SmtpChannel, MAX_MESSAGE_BYTES, type SmtpOptions } from './smtp-server.ts';
export { receiveEmail, type EmailOutcome, type Envelope } from './receive-email.ts';
export { reprocessEmail } from './reprocess.ts';
export { listInbound, getInbound, type InboundEmail, type InboundStatus } from './inbound-emails.ts';
export { replyFor } from './smtp-replies.ts';
export { parseEmail, EmailRejected, type ParsedEmail } from './parse-email.ts';
export { emailFilters, LOOP_HEADER } from './filters/index.ts';
export { registerEmailOutbound } from './outbound/index.ts';
