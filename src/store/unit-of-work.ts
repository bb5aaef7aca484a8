import type { Clock } from '../kernel/clock.ts';
import type { EventBus } from '../kernel/event-bus.ts';
import type { DomainEvent } from '../kernel/events.ts';
import type { Logger } from '../kernel/logger.ts';
import type { Store, Tx } from './database.ts';
import { appendEvents } from './event-log.ts';

/** What a command gets inside its transaction: the transaction, the time, and emit(). */
export type Work = { trx: Tx; now: string; emit(event: DomainEvent): void };

/** Runs a command in one transaction, stores the events it emits with it, publishes them after commit. */
export type UnitOfWork = <T>(fn: (work: Work) => Promise<T>) => Promise<T>;

export function createUnitOfWork(store: Store, bus: EventBus, clock: Clock, log: Logger): UnitOfWork {
  return async (fn) => {
    const { result, events } = await store.transaction(async (trx) => {
      const now = clock.now().toISOString();
      const pending: DomainEvent[] = [];
      const result = await fn({ trx, now, emit: (e) => pending.push(e) });
      return { result, events: await appendEvents(trx, pending, now) };
    });
    if (events.length > 0) {
      bus.publish(events).catch((error: unknown) => log.error({ err: error }, 'publishing committed events failed'));
    }
    return result;
  };
}
