// The body of an analysis worker thread (see analysis-pool.ts): parses raw mail and, when asked,
// checks its sender and prepares the opening of the ticket it would create, off the main thread.
// One request at a time per message port message. Imports stay narrow (no database, no app):
// every module here is loaded, through tsx, by each worker.
import { parentPort } from 'node:worker_threads';
import { prepareInboundOpening } from '../../modules/tickets/inbound-opening.ts';
import type { PreparedTicket } from '../../modules/tickets/prepare-ticket.ts';
import type { OpeningHints } from './analysis-pool.ts';
import { EmailRejected, parseEmail, type ParsedEmail } from './parse-email.ts';
import { senderCheck, type SmtpPeer } from './sender-auth.ts';
import { inboundContent } from './to-inbound.ts';

/** What the pool asks a worker: the raw bytes; for a sender check, the SMTP peer; for a prepared opening, the mailbox's hints. */
export type AnalysisRequest = { id: number; raw: Uint8Array; peer: SmtpPeer | null; opening: OpeningHints | null };

const check = senderCheck();

/** Posted once this module and what it imports are loaded: until then the pool works in-process. */
export const READY = 'ready';

parentPort?.on('message', (request: AnalysisRequest) => {
  void (async () => {
    const raw = Buffer.from(request.raw.buffer, request.raw.byteOffset, request.raw.byteLength);
    try {
      const email = await parseEmail(raw);
      const senderAuth = request.peer ? await check(raw, request.peer) : null;
      const prepared = request.opening ? openingOf(email, request.opening) : null;
      parentPort!.postMessage({ id: request.id, ok: true, email, senderAuth, prepared });
    } catch (error) {
      const rejected = error instanceof EmailRejected;
      parentPort!.postMessage({ id: request.id, ok: false, rejected, message: error instanceof Error ? error.message : String(error) });
    }
  })();
});

/** The opening prepared ahead, or null when it cannot be (createTicket then prepares it, and says what is wrong). */
function openingOf(email: ParsedEmail, hints: OpeningHints): PreparedTicket | null {
  try {
    return prepareInboundOpening({ ...inboundContent(email), attachments: email.attachments, defaults: { category: hints.mailboxCategory } });
  } catch {
    return null;
  }
}

parentPort?.postMessage(READY);
