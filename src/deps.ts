import type { Config } from './config.ts';
import { systemClock, type Clock } from './kernel/clock.ts';
import { MemoryEventBus, type EventBus } from './kernel/event-bus.ts';
import { JobQueue } from './kernel/job-queue.ts';
import { createLogger, type Logger } from './kernel/logger.ts';
import { RedisEventBus } from './kernel/redis-event-bus.ts';
import { TokenAuthenticator } from './modules/identity/index.ts';
import { createOutbox, registerOutbox, type Outbox } from './modules/outbox/index.ts';
import { openStore, type Store } from './store/database.ts';
import { createUnitOfWork, type UnitOfWork } from './store/unit-of-work.ts';

/** Everything the app is built from; passed explicitly, never looked up globally. */
export type Deps = {
  config: Config;
  store: Store;
  bus: EventBus;
  jobs: JobQueue;
  clock: Clock;
  log: Logger;
  uow: UnitOfWork;
  tokens: TokenAuthenticator;
  /** Mail to send, stored with the change and delivered by the email.deliver job. */
  outbox: Outbox;
};

/** Opens the store (migrating it), connects the bus, builds the job queue and registers mail delivery. */
export async function createDeps(config: Config, overrides: { clock?: Clock; log?: Logger; store?: Store } = {}): Promise<Deps> {
  const log = overrides.log ?? createLogger(config.logLevel, { node: config.nodeId });
  const clock = overrides.clock ?? systemClock;
  const store = overrides.store ?? openStore(config.databaseUrl);
  await store.migrate();
  const onListenerError = (listener: string, event: { type: string; id: number }, error: unknown): void =>
    log.error({ err: error, listener, eventType: event.type, eventId: event.id }, 'event listener failed');
  let bus: EventBus;
  try {
    bus = config.redisUrl
      ? await RedisEventBus.connect(config.redisUrl, config.nodeId, onListenerError, (error) => log.warn({ err: error }, 'bad message on the event bus'), {
          onConnectionError: (error) => log.warn({ err: error }, 'Redis connection failed; retrying'),
        })
      : new MemoryEventBus(onListenerError);
  } catch (error) {
    if (!overrides.store) await store.close();
    throw error;
  }
  const jobs = new JobQueue(store, clock, log, { nodeId: config.nodeId });
  const deps: Deps = { config, store, bus, jobs, clock, log, uow: createUnitOfWork(store, bus, clock, log), tokens: new TokenAuthenticator(store.db), outbox: createOutbox(jobs, config.publicUrl) };
  await registerOutbox(deps);
  return deps;
}

/** Closes what createDeps opened, in reverse order. */
export async function closeDeps(deps: Deps): Promise<void> {
  await deps.jobs.stop();
  await deps.bus.close();
  await deps.store.close();
}
