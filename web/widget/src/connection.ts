import type { ServerFrame } from './protocol.ts';

export type ConnState = 'connecting' | 'open' | 'closed' | 'refused';

const PING_EVERY = 20_000;
const PONG_WITHIN = 10_000;
const MAX_BACKOFF = 30_000;

/**
 * One WebSocket to /chat/ws that keeps itself open: it says hello on every (re)connect, pings to
 * notice dead networks, and reconnects with jittered exponential backoff. Close codes 4401/4403
 * (a refused hello) stop it: reconnecting would only be refused again.
 */
export class Connection {
  private ws: WebSocket | null = null;
  private attempts = 0;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private pinger: ReturnType<typeof setInterval> | undefined;
  private pongDue: ReturnType<typeof setTimeout> | undefined;
  private stopped = true;

  constructor(
    private readonly url: string,
    private readonly hello: () => object,
    private readonly onFrame: (frame: ServerFrame) => void,
    private readonly onState: (state: ConnState, code?: number) => void,
  ) {
    addEventListener('online', () => this.wake());
    document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && this.wake());
  }

  /** Opens the socket unless it is open or opening. */
  start(): void {
    this.stopped = false;
    if (this.ws) return;
    clearTimeout(this.retry);
    this.onState('connecting');
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.onopen = () => {
      this.attempts = 0;
      ws.send(JSON.stringify(this.hello()));
      this.pinger = setInterval(() => this.ping(), PING_EVERY);
    };
    ws.onmessage = (event) => {
      clearTimeout(this.pongDue);
      let frame: ServerFrame;
      try {
        frame = JSON.parse(String(event.data)) as ServerFrame;
      } catch {
        return;
      }
      if (frame.type === 'welcome') this.onState('open');
      this.onFrame(frame);
    };
    ws.onclose = (event) => this.closed(ws, event.code);
  }

  /** Sends a frame if the socket is open; false means it will have to be resent after the next hello. */
  send(frame: object): boolean {
    if (this.ws?.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  /** Closes and opens again at once, so the next hello carries new credentials. */
  restart(): void {
    const ws = this.ws;
    if (ws) this.closed(ws, 1000);
    ws?.close(1000);
    this.start();
  }

  /** Closes for good (until start()). */
  stop(): void {
    this.stopped = true;
    const ws = this.ws;
    if (ws) this.closed(ws, 1000);
    ws?.close(1000);
  }

  private closed(ws: WebSocket, code: number): void {
    if (this.ws !== ws) return;
    ws.onclose = ws.onmessage = ws.onopen = null;
    this.ws = null;
    clearInterval(this.pinger);
    clearTimeout(this.pongDue);
    if (code === 4401 || code === 4403) {
      this.stopped = true;
      this.onState('refused', code);
      return;
    }
    this.onState('closed', code);
    if (this.stopped) return;
    const delay = Math.min(MAX_BACKOFF, 500 * 2 ** this.attempts++) * (0.5 + Math.random() / 2);
    this.retry = setTimeout(() => this.start(), delay);
  }

  private ping(): void {
    if (!this.send({ type: 'ping' })) return;
    clearTimeout(this.pongDue);
    const ws = this.ws;
    this.pongDue = setTimeout(() => {
      if (ws && this.ws === ws) {
        this.closed(ws, 1006);
        ws.close();
      }
    }, PONG_WITHIN);
  }

  private wake(): void {
    if (this.stopped || this.ws) return;
    this.attempts = 0;
    this.start();
  }
}
