// The console's live layer: the agent WebSocket /chat/ws (docs/chat-protocol.md) with the
// session cookie, or, where this server has no chat gateway, the SSE stream of ticket events.

/** A committed domain event as the server presents it. */
export type LiveEvent = { id: number; type: string; ticket_id?: number | null; data: Record<string, unknown>; created_at: string };
/** A frame from the server: `event`, `viewers`, `typing`, `message`, `offer`, `welcome`, `status`, … */
export type Frame = { type: string; [key: string]: unknown };
type Listener = (frame: Frame) => void;

/** How the console is connected right now, shown in the top bar. */
export type LiveState = 'connecting' | 'live' | 'events-only' | 'offline';

const SSE_TYPES = ['ticket.created', 'ticket.updated', 'message.created', 'ticket.merged', 'customer.merged', 'ticket.verified'];

class Live {
  private listeners = new Set<Listener>();
  private stateListeners = new Set<(s: LiveState) => void>();
  private socket: WebSocket | null = null;
  private source: EventSource | null = null;
  private retry = 0;
  private stopped = false;
  private viewing = new Set<number>();
  state: LiveState = 'connecting';

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.socket?.close();
    this.source?.close();
    this.socket = null;
    this.source = null;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onState(listener: (s: LiveState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Sends a frame over the WebSocket; false when there is none (SSE only or offline). */
  send(frame: Frame): boolean {
    if (this.socket?.readyState !== WebSocket.OPEN || this.state !== 'live') return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  /** Sends a frame with an id and resolves on its `ok` (or rejects on its `error`). */
  ask(frame: Frame): Promise<Frame> {
    const id = `a-${crypto.randomUUID()}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { off(); reject(new Error('No answer from the chat server')); }, 10_000);
      const off = this.subscribe((f) => {
        if (f.ref !== id || (f.type !== 'ok' && f.type !== 'error')) return;
        clearTimeout(timer);
        off();
        if (f.type === 'ok') resolve(f);
        else reject(new Error(typeof f.message === 'string' ? f.message : 'Refused'));
      });
      if (!this.send({ ...frame, id })) {
        clearTimeout(timer);
        off();
        reject(new Error('Not connected to the chat server'));
      }
    });
  }

  /** Tells other agents this one is looking at (or left) a ticket; re-sent after a reconnect. */
  setViewing(ticketId: number, active: boolean): void {
    if (active) this.viewing.add(ticketId);
    else this.viewing.delete(ticketId);
    this.send({ type: 'viewing', ticket_id: ticketId, active });
  }

  private setState(s: LiveState): void {
    this.state = s;
    for (const l of [...this.stateListeners]) l(s);
  }

  private emit(frame: Frame): void {
    for (const l of [...this.listeners]) l(frame);
  }

  private connect(): void {
    if (this.stopped) return;
    this.setState('connecting');
    let welcomed = false;
    const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/chat/ws`);
    this.socket = ws;
    ws.onopen = () => ws.send(JSON.stringify({ type: 'hello', role: 'agent' }));
    ws.onmessage = (m: MessageEvent<string>) => {
      let frame: Frame;
      try {
        frame = JSON.parse(m.data) as Frame;
      } catch {
        return;
      }
      if (frame.type === 'welcome') {
        welcomed = true;
        this.retry = 0;
        this.setState('live');
        for (const id of this.viewing) this.send({ type: 'viewing', ticket_id: id, active: true });
      }
      this.emit(frame);
    };
    ws.onclose = (e: CloseEvent) => {
      if (this.socket !== ws) return;
      this.socket = null;
      if (this.stopped) return;
      if (!welcomed && (this.retry >= 1 || e.code === 1006)) {
        // No gateway here (or it refused us): fall back to the event stream.
        this.connectSse();
        return;
      }
      this.retry += 1;
      this.setState('offline');
      setTimeout(() => this.connect(), Math.min(30_000, 500 * 2 ** this.retry));
    };
  }

  private connectSse(): void {
    if (this.source || this.stopped) return;
    const source = new EventSource('/api/v1/stream');
    this.source = source;
    source.onopen = () => this.setState('events-only');
    source.onerror = () => this.setState(source.readyState === EventSource.CLOSED ? 'offline' : 'connecting');
    for (const type of SSE_TYPES) {
      source.addEventListener(type, (m: MessageEvent<string>) => {
        try {
          this.emit({ type: 'event', event: JSON.parse(m.data) as LiveEvent });
        } catch {
          // a broken line: skip it
        }
      });
    }
  }
}

/** The one live connection of this tab. */
export const live = new Live();
