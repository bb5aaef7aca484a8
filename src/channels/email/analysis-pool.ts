import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../../kernel/logger.ts';
import type { Category, SenderAuth } from '../../modules/tickets/index.ts';
import type { PreparedTicket } from '../../modules/tickets/prepare-ticket.ts';
import type { AnalysisRequest } from './analysis-worker.ts';
import { EmailRejected, parseEmail, type ParsedEmail } from './parse-email.ts';
import { senderCheck, type SmtpPeer } from './sender-auth.ts';

/** A parsed message; when a peer was given, its sender verdict; when asked for, the opening of the ticket it would create (null when not prepared). */
export type Analysis = { email: ParsedEmail; senderAuth: SenderAuth | null; prepared: PreparedTicket | null };

/** What the receiving mailbox tells triage, for preparing a new ticket's opening ahead. */
export type OpeningHints = { mailboxCategory: Category | null };

/**
 * Parses raw mail (and checks its sender when given the SMTP peer; prepares the opening of the
 * ticket it would create when given `opening`); rejects with EmailRejected for mail we refuse.
 */
export type Analyzer = (raw: Buffer, peer: SmtpPeer | null, opening?: OpeningHints | null) => Promise<Analysis>;

type Reply = { id: number; ok: true; email: ParsedEmail; senderAuth: SenderAuth | null; prepared: PreparedTicket | null } | { id: number; ok: false; rejected: boolean; message: string };
type Pending = { resolve: (a: Analysis) => void; reject: (e: Error) => void; timer: NodeJS.Timeout };
type Slot = { worker: Worker; pending: Map<number, Pending>; ready: boolean; loaded: Promise<void> };

/** What a worker posts once loaded (analysis-worker.ts exports it; importing it here would load the worker's modules twice for nothing). */
const READY = 'ready';

/** Longer than the sender check's 5 s budget; a message still being parsed by then is hostile. */
const REQUEST_TIMEOUT_MS = 20_000;
const MAX_FAILURES = 5;

/** The worker's entry: registers tsx (as bin/careline.mjs does), then loads analysis-worker.ts. */
const WORKER_ENTRY = new URL(
  `data:text/javascript,${encodeURIComponent(
    `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))}; register(); await import(${JSON.stringify(new URL('./analysis-worker.ts', import.meta.url).href)});`,
  )}`,
);

/** One worker per core but the one the event loop runs on, at least one, at most four. */
export const defaultWorkers = (): number => Math.max(1, Math.min(4, availableParallelism() - 1));

/**
 * MIME parsing (mailparser) and SPF/DKIM/DMARC (mailauth) on worker threads: together they were
 * about a third of the main thread's CPU per inbound mail, and the main thread is where every
 * SMTP session and every SQLite statement runs. The opening of the ticket a mail would create
 * (sanitizing, secret screening, triage: a sixth of what was left) is prepared there too. Each request goes to the worker with the fewest
 * in flight; a worker that dies is replaced and its requests fail (the SMTP edge answers 451,
 * the sender retries); one that takes longer than 20 s on a message is replaced and the message
 * refused. Until a worker has loaded, mail is analysed on the calling thread. Workers load
 * TypeScript through tsx like the CLI does.
 */
export class AnalysisPool {
  private readonly slots: Slot[] = [];
  private seq = 0;
  private closed = false;
  /** Workers that failed in a row without answering anything; past MAX_FAILURES the pool gives up and works in-process. */
  private failures = 0;
  private fallback: Analyzer | null = null;

  constructor(
    private readonly log: Logger,
    private readonly size = defaultWorkers(),
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  /** The analyzer to hand to receiveEmail. */
  readonly analyze: Analyzer = (raw, peer, opening = null) => {
    if (this.closed) return Promise.reject(new Error('the analysis pool is closed'));
    const ready = this.slots.filter((s) => s.ready);
    // Until a worker has loaded (seconds on a busy machine), and if none can, the work stays here.
    if (ready.length === 0) return this.inProcess(raw, peer);
    const slot = ready.reduce((best, s) => (s.pending.size < best.pending.size ? s : best));
    const id = ++this.seq;
    return new Promise<Analysis>((resolve, reject) => {
      const timer = setTimeout(() => {
        slot.pending.delete(id);
        reject(new EmailRejected('The message took too long to read'));
        this.replace(slot, new Error('a message took too long to read'));
      }, REQUEST_TIMEOUT_MS);
      slot.pending.set(id, { resolve, reject, timer });
      const request: AnalysisRequest = { id, raw: new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength), peer, opening };
      slot.worker.postMessage(request);
    });
  };

  /** Resolves once every worker has loaded (tests; the pool works without waiting). */
  async loaded(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.loaded));
  }

  /** Resolves once every worker has loaded, or after `timeoutMs` (a worker that cannot load must not hold up the caller). */
  async loadedWithin(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([this.loaded(), late]);
    clearTimeout(timer);
  }

  /** Stops the workers; requests in flight fail. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map(async (slot) => {
      this.failAll(slot, new Error('the analysis pool is closed'));
      await slot.worker.terminate();
    }));
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_ENTRY, { execArgv: [] });
    worker.unref();
    let loaded = (): void => {};
    const slot: Slot = { worker, pending: new Map(), ready: false, loaded: new Promise<void>((resolve) => (loaded = resolve)) };
    worker.on('message', (reply: Reply | typeof READY) => {
      if (reply === READY) {
        slot.ready = true;
        loaded();
        this.failures = 0;
        return;
      }
      const pending = slot.pending.get(reply.id);
      if (!pending) return;
      slot.pending.delete(reply.id);
      clearTimeout(pending.timer);
      if (reply.ok) pending.resolve({ email: revive(reply.email), senderAuth: reply.senderAuth, prepared: reply.prepared });
      else pending.reject(reply.rejected ? new EmailRejected(reply.message) : new Error(reply.message));
    });
    worker.on('error', (error) => this.replace(slot, error));
    worker.on('exit', (code) => {
      if (!this.closed && this.slots.includes(slot)) this.replace(slot, new Error(`analysis worker exited with ${code}`));
    });
    return slot;
  }

  private replace(slot: Slot, error: Error): void {
    const at = this.slots.indexOf(slot);
    if (at < 0) return;
    this.log.error({ err: error }, 'email analysis worker failed; starting another');
    this.slots.splice(at, 1);
    this.failAll(slot, error);
    void slot.worker.terminate();
    if (this.closed) return;
    if (++this.failures > MAX_FAILURES) {
      if (this.slots.length === 0) this.log.error('email analysis workers keep failing; parsing on the main thread');
      return;
    }
    this.slots.push(this.spawn());
  }

  /** When no worker can run: the same work on this thread, but for the opening, which createTicket prepares as it goes. */
  private inProcess(raw: Buffer, peer: SmtpPeer | null): Promise<Analysis> {
    this.fallback ??= async (r, p) => ({ email: await parseEmail(r), senderAuth: p ? await senderCheck()(r, p) : null, prepared: null });
    return this.fallback(raw, peer);
  }

  private failAll(slot: Slot, error: Error): void {
    for (const pending of slot.pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
    slot.pending.clear();
  }
}

/** Buffers come back from a worker as plain Uint8Arrays. */
function revive(email: ParsedEmail): ParsedEmail {
  return { ...email, attachments: email.attachments.map((a) => ({ ...a, content: Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength) })) };
}

/** The same analysis on the calling thread (no workers): parse only; the sender check stays with the caller. */
export const inProcessAnalyzer: Analyzer = async (raw) => ({ email: await parseEmail(raw), senderAuth: null, prepared: null });
