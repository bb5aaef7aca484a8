import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../kernel/logger.ts';
import type { OutFrame } from './frames.ts';

/**
 * Who a frame is for: a chat's customers, its agents or both; one agent; or every agent, but for
 * those who follow or view the chat `besides` names (they get that chat's own frames instead).
 */
export type Target =
  | { kind: 'conversation'; id: number; audience: 'customers' | 'agents' | 'all' }
  | { kind: 'agent'; id: number }
  | { kind: 'agents'; besides?: number };

/**
 * What travels between nodes: frames for sockets wherever they are, who is viewing a ticket, and
 * an agent's presence changed (`left`: the origin stopped vouching for it; a node holding its sockets refreshes it).
 */
export type Envelope =
  | { origin: string; kind: 'frame'; target: Target; frame: OutFrame; except: string | null }
  | { origin: string; kind: 'viewer'; ticketId: number; agent: { id: number; name: string }; active: boolean; typing: boolean }
  | { origin: string; kind: 'presence'; agentId: number; left: boolean };

/** Carries envelopes to the other nodes; a node delivers to its own sockets itself. */
export interface Relay {
  publish(envelope: Envelope): void;
  close(): Promise<void>;
}

/** One node: nothing to carry. */
export const localRelay: Relay = { publish: () => {}, close: async () => {} };

/**
 * Redis pub/sub between nodes for ephemeral frames (typing, read, offers, messages to sockets on
 * another node). At most once, like the event bus: what must not be lost is in the database and
 * comes back on resume. The channel is named after the database, so nodes of one deployment
 * share it and other deployments on the same Redis never hear it.
 */
export class RedisRelay implements Relay {
  private constructor(
    private readonly pub: Redis,
    private readonly sub: Redis,
    private readonly channel: string,
    private readonly log: Logger,
  ) {}

  static async connect(url: string, databaseUrl: string, nodeId: string, onEnvelope: (e: Envelope) => void, log: Logger): Promise<RedisRelay> {
    const channel = `careline:realtime:${createHash('sha256').update(databaseUrl).digest('hex').slice(0, 16)}`;
    const pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
    const sub = new Redis(url, { lazyConnect: true });
    for (const client of [pub, sub]) client.on('error', (error: Error) => log.warn({ err: error }, 'realtime relay: Redis connection failed; retrying'));
    sub.on('message', (ch: string, raw: string) => {
      if (ch !== channel) return;
      let envelope: Envelope;
      try {
        envelope = JSON.parse(raw) as Envelope;
      } catch {
        log.warn('realtime relay: a message that is not JSON');
        return;
      }
      if (envelope.origin === nodeId) return;
      try {
        onEnvelope(envelope);
      } catch (error) {
        log.error({ err: error }, 'realtime relay: delivering an envelope failed');
      }
    });
    try {
      await Promise.all([pub.connect(), sub.connect()]);
      await sub.subscribe(channel);
    } catch (error) {
      pub.disconnect();
      sub.disconnect();
      throw error;
    }
    return new RedisRelay(pub, sub, channel, log);
  }

  publish(envelope: Envelope): void {
    this.pub.publish(this.channel, JSON.stringify(envelope)).catch((error: unknown) => this.log.warn({ err: error }, 'realtime relay: publish failed'));
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.sub.quit(), this.pub.quit()]);
  }
}
