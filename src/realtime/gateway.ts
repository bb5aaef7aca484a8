import type { FastifyRequest } from 'fastify';
import type { RawData, WebSocket } from 'ws';
import { SESSION_COOKIE } from '../http/auth.ts';
import { getAgent, resolveSession, type Principal } from '../modules/identity/index.ts';
import { AgentSession } from './agent-session.ts';
import { Connection, CONNECTION_LIMITS } from './connection.ts';
import { CustomerSession } from './customer-session.ts';
import { FrameError, parseFrame, refOf } from './frames.ts';
import { TIMERS, type Realtime } from './realtime.ts';

/** How long a new socket has to say hello. */
const HELLO_MS = 10_000;

/** How many slices a heartbeat period is cut into: with 25 s, a slice is pinged every 250 ms. */
const HEARTBEAT_SLICES = 100;

/**
 * The WebSocket gateway: every socket says hello as a customer or an agent, then sends frames
 * that are size-checked (64 KiB), rate-limited (20/s, burst 40; a customer's at most 32 waiting) and run one after another;
 * a bad frame gets an error frame and the socket stays. Pings every 25 s; two missed, closed.
 * The pings go out in slices (HEARTBEAT_SLICES a period), so ten thousand sockets never get
 * theirs, nor send their pongs, in one burst that stalls every chat.
 */
export class Gateway {
  /** The open connections by heartbeat slice: each slice is pinged once a period, one slice a tick. */
  private readonly slices: Array<Set<Connection>>;
  private nextSlice = 0;
  private joined = 0;
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(
    private readonly rt: Realtime,
    private readonly heartbeatMs: number = TIMERS.heartbeatMs,
  ) {
    // At most one tick per 10 ms: a short test period gets fewer slices.
    this.slices = Array.from({ length: Math.max(1, Math.min(HEARTBEAT_SLICES, Math.floor(heartbeatMs / 10))) }, () => new Set<Connection>());
  }

  start(): void {
    this.heartbeat = setInterval(() => this.beat(), this.heartbeatMs / this.slices.length);
    this.heartbeat.unref();
  }

  stop(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const slice of this.slices) for (const c of slice) c.close(1001, 'server shutting down');
  }

  /** Pings one slice of the connections; a connection that missed the two pings before is closed. */
  private beat(): void {
    const slice = this.slices[this.nextSlice]!;
    this.nextSlice = (this.nextSlice + 1) % this.slices.length;
    for (const c of slice) {
      if (c.missedPongs >= 2) {
        c.socket.terminate();
        continue;
      }
      c.missedPongs++;
      c.socket.ping();
    }
  }

  /** Takes over a new socket; `cookieAgent` resolves a same-origin session cookie, if any. */
  attach(socket: WebSocket, request: FastifyRequest): void {
    const { deps } = this.rt;
    const conn = new Connection(socket, deps.log);
    const slice = this.slices[this.joined++ % this.slices.length]!;
    slice.add(conn);
    let session: CustomerSession | AgentSession | null = null;
    let greeting = false;
    const timer = setTimeout(() => {
      if (!session) conn.close(4401, 'no hello');
    }, HELLO_MS);
    timer.unref();
    socket.on('pong', () => (conn.missedPongs = 0));
    socket.on('close', () => {
      clearTimeout(timer);
      slice.delete(conn);
      if (session instanceof CustomerSession) session.leave();
      else if (session instanceof AgentSession) session.leave().catch((error: unknown) => deps.log.warn({ err: error }, 'agent left; presence not updated'));
    });
    socket.on('error', (error) => deps.log.debug({ err: error }, 'chat socket error'));
    socket.on('message', (data: RawData, isBinary: boolean) => {
      conn.missedPongs = 0;
      const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : (data as Buffer | ArrayBuffer).byteLength;
      if (isBinary) return conn.fail(new FrameError('bad_frame', 'Frames are JSON text'), null);
      if (size > CONNECTION_LIMITS.frameBytes) return conn.fail(new FrameError('too_large', `A frame may be at most ${CONNECTION_LIMITS.frameBytes} bytes`), null);
      let frame: Record<string, unknown>;
      try {
        frame = parseFrame(Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8'));
      } catch (error) {
        return conn.fail(error, null);
      }
      if (!conn.bucket.take()) return conn.fail(new FrameError('rate_limited', 'Too many messages; slow down.'), refOf(frame));
      if (frame.type === 'ping') return conn.send({ type: 'pong' });
      const ref = refOf(frame);
      if (!session && !greeting) {
        if (frame.type !== 'hello') return conn.fail(new FrameError('unauthorized', 'Say hello first'), ref);
        greeting = true;
        conn.run(ref, async () => {
          try {
            session = await this.hello(conn, frame, request);
          } finally {
            greeting = false;
          }
        });
        return;
      }
      if (session instanceof CustomerSession && conn.saturated) return conn.fail(new FrameError('rate_limited', `${CONNECTION_LIMITS.pendingFrames} frames are still waiting for the server; wait for their acks and send again.`), ref);
      conn.run(ref, async () => {
        if (!session) throw new FrameError('unauthorized', 'Say hello first');
        await session.handle(frame);
      });
    });
  }

  private async hello(conn: Connection, f: Record<string, unknown>, request: FastifyRequest): Promise<CustomerSession | AgentSession | null> {
    if (f.role === 'customer') return CustomerSession.hello(this.rt, conn, f);
    if (f.role !== 'agent') {
      conn.fail(new FrameError('bad_frame', '"role" must be "customer" or "agent"'), null);
      conn.close(4401, 'bad hello');
      return null;
    }
    const principal = await this.agentPrincipal(f, request);
    if (!principal) {
      conn.fail(new FrameError('unauthorized', 'Send an API token or a session in hello, or connect with your session cookie from the console'), null);
      conn.close(4401, 'unauthorized');
      return null;
    }
    if (principal.agentId === null) {
      conn.fail(new FrameError('forbidden', 'This token is not an agent; an admin token may act for one by naming "agent_id"'), null);
      conn.close(4403, 'forbidden');
      return null;
    }
    return AgentSession.hello(this.rt, conn, principal as Principal & { agentId: number });
  }

  /**
   * Who an agent socket is: an API token in hello (an admin token may name the agent it acts
   * for), a session id in hello, or the session cookie of a same-origin upgrade request.
   */
  private async agentPrincipal(f: Record<string, unknown>, request: FastifyRequest): Promise<Principal | null> {
    const { deps } = this.rt;
    const now = deps.clock.now();
    const token = typeof f.token === 'string' ? f.token.slice(0, 200) : null;
    if (token?.startsWith('cls_')) return (await resolveSession(deps.store.db, token, now))?.principal ?? null;
    if (token) {
      const principal = await deps.tokens.authenticate(token, now);
      if (!principal) return null;
      const actFor = f.agent_id;
      if (principal.agentId === null && principal.role === 'admin' && Number.isSafeInteger(actFor)) {
        const agent = await getAgent(deps.store.db, actFor as number).catch(() => null);
        if (!agent || !agent.active) return null;
        return { actor: { type: 'agent', id: agent.id }, role: agent.role, name: agent.name, agentId: agent.id, via: 'token' };
      }
      return principal;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (!cookie || !this.sameOrigin(request)) return null;
    const unsigned = request.unsignCookie(cookie);
    if (!unsigned.valid || !unsigned.value) return null;
    return (await resolveSession(deps.store.db, unsigned.value, now))?.principal ?? null;
  }

  /** A cookie counts only from our own pages: the Origin must be PUBLIC_URL's or the Host's. */
  private sameOrigin(request: FastifyRequest): boolean {
    const origin = request.headers.origin;
    if (!origin) return false;
    const own = new URL(this.rt.deps.config.publicUrl).origin;
    return origin === own || origin === `http://${request.headers.host}` || origin === `https://${request.headers.host}`;
  }
}
