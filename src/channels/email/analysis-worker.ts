// The body of an analysis worker thread (see analysis-pool.ts): parses raw mail and, when asked,
// checks its sender, off the main thread. One request at a time per message port message.
import { parentPort } from 'node:worker_threads';
import { EmailRejected, parseEmail } from './parse-email.ts';
import { senderCheck, type SmtpPeer } from './sender-auth.ts';

/** What the pool asks a worker: the raw bytes and, for a sender check, the SMTP peer. */
export type AnalysisRequest = { id: number; raw: Uint8Array; peer: SmtpPeer | null };

const check = senderCheck();

/** Posted once this module and what it imports are loaded: until then the pool works in-process. */
export const READY = 'ready';

parentPort?.on('message', (request: AnalysisRequest) => {
  void (async () => {
    const raw = Buffer.from(request.raw.buffer, request.raw.byteOffset, request.raw.byteLength);
    try {
      const email = await parseEmail(raw);
      const senderAuth = request.peer ? await check(raw, request.peer) : null;
      parentPort!.postMessage({ id: request.id, ok: true, email, senderAuth });
    } catch (error) {
      const rejected = error instanceof EmailRejected;
      parentPort!.postMessage({ id: request.id, ok: false, rejected, message: error instanceof Error ? error.message : String(error) });
    }
  })();
});

parentPort?.postMessage(READY);
