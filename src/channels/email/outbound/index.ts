/** Email outbound: acknowledgements of new email tickets and public replies, mailed through the outbox. */
export { registerEmailOutbound, runOutboundTask, acknowledgeAtReceipt } from './register-email-outbound.ts';
export { taskFor, taskKey, OUTBOUND_JOB, type OutboundTask } from './outbound-task.ts';
export { sweepLostReplies } from './sweep-lost-replies.ts';
export { planAcknowledgement, planReply, type MailPlan } from './plan-mail.ts';
export { acknowledgementSubject, replySubject, threadHeaders, outboundHeaders, bracketed, unbracketed } from './compose.ts';
