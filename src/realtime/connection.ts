import { randomBytes } from 'node:crypto';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import type { Logger } from '../kernel/logger.ts';
import { errorFrame, type OutFrame } from './frames.ts';

/** Per-connection limits (docs/chat-protocol.md): frames per second with a burst, frame size, and frames waiting to run. */
export const CONNECTION_LIMITS = Object.freeze({ framesPerSecond: 20, burst: 40, frameBytes: 64 * 1024, pendingFrames: 32 });

/** A token bucket: `burst` frames at once, refilled at `rate` per second. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.last = now();
  }

  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.rate);
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/**
 * One WebSocket as the gateway drives it: sends JSON frames, runs the frames it gets one after
 * another (so a client's messages are numbered in the order it sent them), answers failures
 * with error frames, and counts missed heartbeats.
 */
export class Connection {
  readonly id = randomBytes(8).toString('hex');
  readonly bucket = new TokenBucket(CONNECTION_LIMITS.framesPerSecond, CONNECTION_LIMITS.burst);
  missedPongs = 0;
  /** Frames taken but not yet answered: a client past CONNECTION_LIMITS.pendingFrames is refused until the server catches up. */
  pending = 0;
  private chain: Promise<void> = Promise.resolve();
  private corked = false;

  constructor(
    readonly socket: WebSocket,
    private readonly log: Logger,
  ) {}

  get open(): boolean {
    return this.socket.readyState === this.socket.OPEN;
  }

  send(frame: OutFrame): void {
    if (this.open) this.write(JSON.stringify(frame));
  }

  /** Sends a frame serialized once for many sockets. */
  sendRaw(raw: string): void {
    if (this.open) this.write(raw);
  }

  /**
   * Frames sent in one turn of the event loop leave in one write: the TCP socket under ws is
   * corked until the turn ends (a group commit acks and fans out hundreds of frames at once;
   * one syscall per frame was a tenth of the server's CPU). ws keeps its TCP socket as
   * `_socket`; without it, frames go out one by one as before.
   */
  private write(raw: string): void {
    const tcp = (this.socket as unknown as { _socket?: Duplex })._socket;
    if (tcp && !this.corked && typeof tcp.cork === 'function') {
      this.corked = true;
      tcp.cork();
      process.nextTick(() => {
        this.corked = false;
        tcp.uncork();
      });
    }
    this.socket.send(raw);
  }

  /** Answers a failed frame with an error frame; unexpected failures are logged, never shown. */
  fail(error: unknown, ref: string | null): void {
    const { frame, internal } = errorFrame(error, ref);
    if (internal) this.log.error({ err: error }, 'chat frame failed');
    this.send(frame);
  }

  /** Runs work after the frames before it; a failure becomes an error frame for ref. */
  run(ref: string | null, work: () => Promise<void>): void {
    this.pending++;
    this.chain = this.chain.then(work).catch((error: unknown) => this.fail(error, ref)).finally(() => void this.pending--);
  }

  /** Whether another frame may queue behind the ones still running (backpressure: an overloaded server refuses instead of piling up). */
  get saturated(): boolean {
    return this.pending >= CONNECTION_LIMITS.pendingFrames;
  }

  close(code: number, reason: string): void {
    if (this.open) this.socket.close(code, reason);
  }
}
