import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { Deps } from '../../deps.ts';
import { findMailbox, type Mailbox } from '../../modules/mailboxes/index.ts';
import type { ChannelAdapter, InboundFilter } from '../channel-adapter.ts';
import { AnalysisPool, defaultWorkers } from './analysis-pool.ts';
import { DEFAULT_SENDER_LIMIT, emailFilters, type SenderLimit } from './filters/index.ts';
import { countRecentFrom } from './inbound-emails.ts';
import { DEFAULT_IP_LIMITS, IpLimiter, type IpLimits } from './ip-limiter.ts';
import type { ParsedEmail } from './parse-email.ts';
import { receiveEmail } from './receive-email.ts';
import { senderCheck, type SenderCheck } from './sender-auth.ts';
import { replyFor, smtpError } from './smtp-replies.ts';

/** The largest message accepted: bigger ones get 552 while they stream, and are never buffered. */
export const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

/**
 * Where and how the SMTP edge listens; `rateLimit: false` turns the per-IP mail rate off (not the
 * connection cap); `tls` (PEM) offers STARTTLS; `senderCheck` defaults to SPF/DKIM/DMARC on real
 * DNS (tests inject a resolver; `false` skips the check), run with the parsing on worker threads
 * (`workers`) unless a test injects its own check.
 */
export type SmtpOptions = {
  host: string;
  port: number;
  maxBytes?: number;
  ipLimits?: IpLimits;
  rateLimit?: boolean;
  senderLimit?: SenderLimit;
  tls?: { cert: string | Buffer; key: string | Buffer } | null;
  senderCheck?: SenderCheck | false;
  /** Worker threads that parse and check mail (analysis-pool.ts); default one per spare core, `false` for none. */
  workers?: number | false;
};

type Callback = (error?: Error | null) => void;

/** How long start() waits for the analysis workers to load before it listens anyway (mail is then parsed in-process until they have). */
const WORKER_LOAD_WAIT_MS = 10_000;

/**
 * Inbound SMTP (no AUTH, no relaying; STARTTLS when given a certificate): RCPT must name one of
 * our mailboxes (else 550), each peer is limited in connections (421) and mails (450), the
 * sender's SPF/DKIM/DMARC verdict is stored with the message, and the 250 after DATA is sent only
 * once the raw message and its ticket message are committed. A bad message gets 451/554, never a crash.
 */
export class SmtpChannel implements ChannelAdapter {
  readonly channel = 'email' as const;
  private readonly server: SMTPServer;
  private readonly limiter: IpLimiter;
  private readonly filters: InboundFilter<ParsedEmail>[];
  private readonly admitted = new Set<string>();
  /** The mailbox RCPT found for each transaction's first recipient, so DATA need not look it up again; keyed by the envelope smtp-server makes anew per transaction. */
  private readonly rcptMailboxes = new WeakMap<object, Mailbox>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly maxBytes: number;
  private readonly senderCheck: SenderCheck | undefined;
  private pool: AnalysisPool | null = null;
  private stopping = false;

  constructor(
    private readonly deps: Deps,
    private readonly options: SmtpOptions,
  ) {
    this.maxBytes = options.maxBytes ?? MAX_MESSAGE_BYTES;
    this.senderCheck = options.senderCheck === false ? undefined : (options.senderCheck ?? senderCheck());
    this.limiter = new IpLimiter(options.ipLimits ?? DEFAULT_IP_LIMITS);
    this.filters = emailFilters({ countRecent: (a, s) => countRecentFrom(deps.store.db, a, s), now: () => deps.clock.now(), senderLimit: options.senderLimit ?? DEFAULT_SENDER_LIMIT });
    this.server = new SMTPServer({
      name: 'careline',
      banner: 'Careline ESMTP',
      size: this.maxBytes,
      rejectOversized: true,
      disabledCommands: options.tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
      hideSTARTTLS: !options.tls,
      ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : {}),
      authOptional: true,
      disableReverseLookup: true,
      logger: false,
      maxClients: 500,
      maxRecipients: 20,
      socketTimeout: 60_000,
      closeTimeout: 5_000,
      onConnect: (session, cb) => this.onConnect(session, cb),
      onMailFrom: (_address, session, cb) => this.onMailFrom(session, cb),
      onRcptTo: (address, session, cb) => void this.onRcptTo(address, session, cb),
      onData: (stream, session, cb) => this.onData(stream, session, cb),
      onClose: (session) => this.onClose(session),
    });
    this.server.on('error', (error) => deps.log.warn({ err: error }, 'SMTP connection error'));
  }

  /** The port actually listened on (useful with port 0). */
  get port(): number {
    return (this.server.server.address() as AddressInfo | null)?.port ?? this.options.port;
  }

  async start(): Promise<void> {
    if (this.options.workers !== false && !this.pool) {
      this.pool = new AnalysisPool(this.deps.log, this.options.workers ?? defaultWorkers());
      // Listening once the workers have loaded keeps their start-up (a second or more of CPU) from
      // competing with the first mails, which meanwhile would be parsed on the event loop.
      await this.pool.loadedWithin(WORKER_LOAD_WAIT_MS);
    }
    await new Promise<void>((resolve, reject) => {
      this.server.server.once('error', reject);
      this.server.listen(this.options.port, this.options.host, () => {
        this.server.server.off('error', reject);
        resolve();
      });
    });
  }

  /** Stops accepting, lets connections finish (5 s at most), and waits for messages being filed. */
  async stop(): Promise<void> {
    this.stopping = true;
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    await Promise.allSettled([...this.inFlight]);
    await this.pool?.close();
    this.pool = null;
  }

  private onConnect(session: SMTPServerSession, cb: Callback): void {
    if (this.stopping) return cb(smtpError(421, 'Shutting down; try again later'));
    if (!this.limiter.connect(session.remoteAddress)) return cb(smtpError(421, 'Too many connections from your address; try again later'));
    this.admitted.add(session.id);
    cb();
  }

  private onClose(session: SMTPServerSession): void {
    if (this.admitted.delete(session.id)) this.limiter.disconnect(session.remoteAddress);
  }

  private onMailFrom(session: SMTPServerSession, cb: Callback): void {
    if (this.stopping) return cb(smtpError(421, 'Shutting down; try again later'));
    if (this.options.rateLimit !== false && !this.limiter.take(session.remoteAddress)) return cb(smtpError(450, 'Too many messages from your address; slow down and try again later'));
    cb();
  }

  private async onRcptTo(address: SMTPServerAddress, session: SMTPServerSession, cb: Callback): Promise<void> {
    try {
      const mailbox = await findMailbox(this.deps.store.db, address.address);
      if (mailbox) {
        if (!this.rcptMailboxes.has(session.envelope)) this.rcptMailboxes.set(session.envelope, mailbox);
        return cb();
      }
      cb(smtpError(550, `No mailbox here by the name ${address.address.slice(0, 100)}`));
    } catch (error) {
      this.deps.log.error({ err: error }, 'mailbox lookup failed');
      cb(smtpError(451, 'Cannot check that mailbox right now; try again later'));
    }
  }

  private onData(stream: SMTPServerDataStream, session: SMTPServerSession, cb: (error?: Error | null, message?: string) => void): void {
    const chunks: Buffer[] = [];
    let bytes = 0;
    stream.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes <= this.maxBytes) chunks.push(chunk);
    });
    stream.once('error', () => cb(smtpError(451, 'The message stream broke off')));
    stream.once('end', () => {
      if (stream.sizeExceeded || bytes > this.maxBytes) return cb(smtpError(552, `Message exceeds the ${this.maxBytes} byte limit`));
      const work = this.file(Buffer.concat(chunks, bytes), session).then(
        (reply) => (reply.code === 250 ? cb(null, reply.message) : cb(smtpError(reply.code, reply.message))),
        (error: unknown) => {
          this.deps.log.error({ err: error }, 'SMTP message handling failed');
          cb(smtpError(451, 'The message could not be processed; try again later'));
        },
      );
      this.inFlight.add(work);
      void work.finally(() => this.inFlight.delete(work));
    });
  }

  private async file(raw: Buffer, session: SMTPServerSession): Promise<{ code: number; message: string }> {
    const rcpt = session.envelope.rcptTo[0]?.address ?? '';
    const mailbox = this.rcptMailboxes.get(session.envelope) ?? (await findMailbox(this.deps.store.db, rcpt));
    if (!mailbox) return { code: 550, message: `No mailbox here by the name ${rcpt.slice(0, 100)}` };
    const mailFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
    const envelope = { mailFrom, rcpt, remoteIp: session.remoteAddress, helo: session.hostNameAppearsAs ?? '' };
    // The default check (real DNS) runs in the workers; an injected one (tests) stays on this thread.
    const checksSender = this.options.senderCheck === undefined;
    const analyzer = this.pool ? { analyze: this.pool.analyze, checksSender } : undefined;
    const outcome = await receiveEmail(this.deps, raw, { mailbox, envelope, filters: this.filters, senderCheck: this.senderCheck, ...(analyzer ? { analyzer } : {}) });
    const reply = replyFor(outcome);
    this.deps.log.info({ rcpt, code: reply.code, outcome: outcome.kind, reference: outcome.kind === 'stored' ? outcome.reference : undefined }, 'SMTP message');
    return reply;
  }
}
