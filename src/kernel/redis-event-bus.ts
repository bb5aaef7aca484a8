import { Redis } from 'ioredis';
import { LocalDispatcher, type EventBus, type Listener } from './event-bus.ts';
import type { StoredEvent } from './events.ts';

const CHANNEL = 'careline:events';

type Envelope = { origin: string; event: StoredEvent };

/**
 * Joins app nodes through Redis pub/sub: events committed on one node reach listeners on
 * every node. Local listeners run once per event: the publishing node hears its own message.
 */
export class RedisEventBus implements EventBus {
  private readonly dispatcher: LocalDispatcher;
  private readonly pub: Redis;
  private readonly sub: Redis;

  private constructor(
    url: string,
    private readonly nodeId: string,
    onError: (listener: string, event: StoredEvent, error: unknown) => void,
    private readonly onBadMessage: (error: unknown) => void,
  ) {
    this.dispatcher = new LocalDispatcher(onError);
    this.pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
    this.sub = new Redis(url, { lazyConnect: true });
  }

  /** Connects both Redis clients and subscribes before returning, so no event is missed. */
  static async connect(
    url: string,
    nodeId: string,
    onError: (listener: string, event: StoredEvent, error: unknown) => void,
    onBadMessage: (error: unknown) => void,
  ): Promise<RedisEventBus> {
    const bus = new RedisEventBus(url, nodeId, onError, onBadMessage);
    await Promise.all([bus.pub.connect(), bus.sub.connect()]);
    bus.sub.on('message', (_channel: string, raw: string) => void bus.receive(raw));
    await bus.sub.subscribe(CHANNEL);
    return bus;
  }

  private async receive(raw: string): Promise<void> {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(raw) as Envelope;
    } catch (error) {
      this.onBadMessage(error);
      return;
    }
    await this.dispatcher.dispatch(envelope.event);
  }

  async publish(events: readonly StoredEvent[]): Promise<void> {
    for (const event of events) {
      await this.pub.publish(CHANNEL, JSON.stringify({ origin: this.nodeId, event } satisfies Envelope));
    }
  }

  subscribe(listener: Listener): () => void {
    return this.dispatcher.add(listener);
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.sub.quit(), this.pub.quit()]);
  }
}
