import { randomBytes } from 'node:crypto';
import type { WebSocket } from 'ws';
import type { Logger } from '../kernel/logger.ts';
import { errorFrame, type OutFrame } from './frames.ts';

/** Per-connection limits (docs/chat-protocol.md): frames per second with a burst, and frame size. */
export const CONNECTION_LIMITS = Object.freeze({ framesPerSecond: 20, burst: 40, frameBytes: 64 * 1024 });

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
  private chain: Promise<void> = Promise.resolve();

  constructor(
    readonly socket: WebSocket,
    private readonly log: Logger,
  ) {}

  get open(): boolean {
    return this.socket.readyState === this.socket.OPEN;
  }

  send(frame: OutFrame): void {
    if (this.open) this.socket.send(JSON.stringify(frame));
  }

  /** Sends a frame serialized once for many sockets. */
  sendRaw(raw: string): void {
    if (this.open) this.socket.send(raw);
  }

  /** Answers a failed frame with an error frame; unexpected failures are logged, never shown. */
  fail(error: unknown, ref: string | null): void {
    const { frame, internal } = errorFrame(error, ref);
    if (internal) this.log.error({ err: error }, 'chat frame failed');
    this.send(frame);
  }

  /** Runs work after the frames before it; a failure becomes an error frame for ref. */
  run(ref: string | null, work: () => Promise<void>): void {
    this.chain = this.chain.then(work).catch((error: unknown) => this.fail(error, ref));
  }

  close(code: number, reason: string): void {
    if (this.open) this.socket.close(code, reason);
  }
}
