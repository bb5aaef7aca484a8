/** The outbound guard: stops agent replies that ask customers for secrets. */
export { guardReply, type GuardVerdict } from './guard-reply.ts';
export type { AskedSecret } from './secrets.ts';
