import type { DomainEventType, StoredEvent } from './events.ts';

/** A listener names the events it handles; the bus calls it only for those. */
export type Listener = {
  name: string;
  events: readonly DomainEventType[] | '*';
  handle(event: StoredEvent): void | Promise<void>;
};

/** Delivers committed events to listeners on this node and, with Redis, on every node. */
export interface EventBus {
  publish(events: readonly StoredEvent[]): Promise<void>;
  subscribe(listener: Listener): () => void;
  close(): Promise<void>;
}

type ErrorSink = (listener: string, event: StoredEvent, error: unknown) => void;

/** Calls each matching listener; a failing listener is reported and never stops the others. */
export class LocalDispatcher {
  private readonly listeners = new Set<Listener>();

  constructor(private readonly onError: ErrorSink) {}

  add(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async dispatch(event: StoredEvent): Promise<void> {
    for (const l of this.listeners) {
      if (l.events !== '*' && !l.events.includes(event.type)) continue;
      try {
        await l.handle(event);
      } catch (error) {
        this.onError(l.name, event, error);
      }
    }
  }
}

/** The in-process bus: the default when one node serves everything. */
export class MemoryEventBus implements EventBus {
  private readonly dispatcher: LocalDispatcher;

  constructor(onError: ErrorSink) {
    this.dispatcher = new LocalDispatcher(onError);
  }

  async publish(events: readonly StoredEvent[]): Promise<void> {
    for (const e of events) await this.dispatcher.dispatch(e);
  }

  subscribe(listener: Listener): () => void {
    return this.dispatcher.add(listener);
  }

  async close(): Promise<void> {}
}
