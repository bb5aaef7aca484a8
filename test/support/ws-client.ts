import { WebSocket } from 'ws';

/** A frame as the server sent it; tests read fields freely, so it is loosely typed. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Frame = { type: string } & Record<string, any>;

/** A real WebSocket client of /chat/ws (docs/chat-protocol.md): every frame it got, and ways to wait for one. */
export type ChatClient = {
  ws: WebSocket;
  /** Every frame received so far, in order. */
  frames: Frame[];
  send(frame: Record<string, unknown>): void;
  /** The first frame (already received or still to come) at index `from` or later that matches. */
  waitFor(match: (f: Frame) => boolean, ms?: number, from?: number): Promise<Frame>;
  /** Sends a frame and waits for its answer: the ack/ok/error echoing its client_id or id, or the welcome of a hello. */
  request(frame: Record<string, unknown>, ms?: number): Promise<Frame>;
  /** Resolves with the close code and reason once the socket is closed. */
  closed: Promise<{ code: number; reason: string }>;
  close(): Promise<void>;
};

/**
 * Opens a socket to `<base>/chat/ws` (base is http://host:port); rejects if it cannot connect.
 * @example const c = await connectChat(server.url); const welcome = await c.request({ type: 'hello', role: 'customer' });
 */
export async function connectChat(base: string, options: { headers?: Record<string, string>; path?: string } = {}): Promise<ChatClient> {
  const ws = new WebSocket(`${base.replace(/^http/, 'ws')}${options.path ?? '/chat/ws'}`, { headers: options.headers ?? {} });
  const frames: Frame[] = [];
  const waiters = new Set<() => void>();
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => {
      resolve({ code, reason: reason.toString() });
      for (const w of waiters) w();
    });
  });
  ws.on('message', (data) => {
    frames.push(JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8')) as Frame);
    for (const w of [...waiters]) w();
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });
  ws.on('error', () => {});
  const waitFor = (match: (f: Frame) => boolean, ms = 5000, from = 0): Promise<Frame> =>
    new Promise((resolve, reject) => {
      const state: { timer?: NodeJS.Timeout } = {};
      const check = (): boolean => {
        const found = frames.slice(from).find(match);
        if (found) {
          waiters.delete(check);
          clearTimeout(state.timer);
          resolve(found);
          return true;
        }
        if (ws.readyState === WebSocket.CLOSED) {
          waiters.delete(check);
          clearTimeout(state.timer);
          reject(new Error(`socket closed before a matching frame; got ${JSON.stringify(frames).slice(-1500)}`));
          return true;
        }
        return false;
      };
      state.timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no matching frame within ${ms} ms; got ${JSON.stringify(frames).slice(-1500)}`));
      }, ms);
      if (!check()) waiters.add(check);
    });
  const send = (frame: Record<string, unknown>): void => ws.send(JSON.stringify(frame));
  return {
    ws,
    frames,
    send,
    waitFor,
    request(frame, ms = 5000) {
      const from = frames.length;
      send(frame);
      const ref = (frame.client_id ?? frame.id) as string | undefined;
      if (frame.type === 'hello') return waitFor((f) => f.type === 'welcome' || f.type === 'error', ms, from);
      return waitFor((f) => (f.type === 'ack' && f.client_id === ref) || ((f.type === 'ok' || f.type === 'error') && f.ref === (ref ?? null)), ms, from);
    },
    closed,
    async close() {
      if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) ws.close();
      await closed;
    },
  };
}

/** A customer that said hello; `welcome` is the server's answer. */
export async function customer(base: string, hello: Record<string, unknown> = {}): Promise<{ client: ChatClient; welcome: Frame }> {
  const client = await connectChat(base);
  const welcome = await client.request({ type: 'hello', role: 'customer', ...hello });
  if (welcome.type !== 'welcome') throw new Error(`customer hello refused: ${JSON.stringify(welcome)}`);
  return { client, welcome };
}

/** An agent that said hello with a token (or over its session cookie in `headers`). */
export async function agent(base: string, hello: Record<string, unknown>, headers: Record<string, string> = {}): Promise<{ client: ChatClient; welcome: Frame }> {
  const client = await connectChat(base, { headers });
  const welcome = await client.request({ type: 'hello', role: 'agent', ...hello });
  if (welcome.type !== 'welcome') throw new Error(`agent hello refused: ${JSON.stringify(welcome)}`);
  return { client, welcome };
}
