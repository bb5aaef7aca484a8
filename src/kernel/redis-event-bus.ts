import { Redis } from 'ioredis';
import { LocalDispatcher, type EventBus, type Listener } from './event-bus.ts';
import type { StoredEvent } from './events.ts';

const CHANNEL = 'careline:events';

type Envelope = { origin: string; event: StoredEvent };

export type RedisEventBusOptions = {
  /** Pub/sub channel; nodes of one deployment share it, tests give each run its own. */
  channel?: string;
  /** Told of each failed (re)connection to Redis; ioredis keeps retrying once connected. */
  onConnectionError?: (error: Error) => void;
};

/** The URL without its password, for messages. */
function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return 'the configured URL';
  }
}

/** Reads a message off the channel; anything that is not an envelope with an event throws. */
function parseEnvelope(raw: string): Envelope {
  const value = JSON.parse(raw) as unknown;
  const event = (value as { event?: unknown } | null)?.event as Partial<StoredEvent> | null | undefined;
  if (typeof value !== 'object' || value === null || typeof event !== 'object' || event === null || typeof event.type !== 'string' || typeof event.id !== 'number') {
    throw new Error(`not an event envelope: ${raw.slice(0, 200)}`);
  }
  return value as Envelope;
}

/**
 * Joins app nodes through Redis pub/sub: events committed on one node reach listeners on
 * every node. Local listeners run once per event: the publishing node hears its own message.
 */
export class RedisEventBus implements EventBus {
  private readonly dispatcher: LocalDispatcher;
  private readonly pub: Redis;
  private readonly sub: Redis;
  /** Messages are dispatched one after another, in arrival order, as the memory bus does. */
  private delivered: Promise<void> = Promise.resolve();

  private constructor(
    url: string,
    private readonly nodeId: string,
    onError: (listener: string, event: StoredEvent, error: unknown) => void,
    private readonly onBadMessage: (error: unknown) => void,
    private readonly channel: string,
  ) {
    this.dispatcher = new LocalDispatcher(onError);
    this.pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
    this.sub = new Redis(url, { lazyConnect: true });
  }

  /**
   * Connects both Redis clients and subscribes before returning, so no event is missed; when
   * Redis cannot be reached it rejects and stops retrying, so a failed start can exit.
   */
  static async connect(
    url: string,
    nodeId: string,
    onError: (listener: string, event: StoredEvent, error: unknown) => void,
    onBadMessage: (error: unknown) => void,
    options: RedisEventBusOptions = {},
  ): Promise<RedisEventBus> {
    const bus = new RedisEventBus(url, nodeId, onError, onBadMessage, options.channel ?? CHANNEL);
    let lastError: Error | null = null;
    for (const client of [bus.pub, bus.sub]) {
      client.on('error', (error: Error) => {
        lastError = error;
        options.onConnectionError?.(error);
      });
    }
    bus.sub.on('message', (channel: string, raw: string) => {
      if (channel !== bus.channel) return;
      bus.delivered = bus.delivered.then(() => bus.receive(raw));
    });
    try {
      await Promise.all([bus.pub.connect(), bus.sub.connect()]);
      await bus.sub.subscribe(bus.channel);
    } catch (error) {
      bus.pub.disconnect();
      bus.sub.disconnect();
      const cause = lastError ?? error;
      throw new Error(`cannot reach Redis at ${safeUrl(url)}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    }
    return bus;
  }

  /** Never rejects: a bad message is reported and the next one is still delivered. */
  private async receive(raw: string): Promise<void> {
    let envelope: Envelope;
    try {
      envelope = parseEnvelope(raw);
    } catch (error) {
      this.onBadMessage(error);
      return;
    }
    try {
      await this.dispatcher.dispatch(envelope.event);
    } catch (error) {
      this.onBadMessage(error);
    }
  }

  async publish(events: readonly StoredEvent[]): Promise<void> {
    for (const event of events) {
      await this.pub.publish(this.channel, JSON.stringify({ origin: this.nodeId, event } satisfies Envelope));
    }
  }

  subscribe(listener: Listener): () => void {
    return this.dispatcher.add(listener);
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.sub.quit(), this.pub.quit()]);
  }
}
