import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../src/config.ts';
import { closeDeps, createDeps, type Deps } from '../../src/deps.ts';
import type { Actor } from '../../src/kernel/events.ts';
import { createLogger } from '../../src/kernel/logger.ts';
import { createTicket, type NewTicket, type Ticket } from '../../src/modules/tickets/index.ts';
import type { Dialect } from '../../src/store/database.ts';
import { openTestStore } from './stores.ts';

export const SYSTEM: Actor = { type: 'system' };

/** A test config: its own data dir, no demo, quiet logs; env overrides on top. */
export function testConfig(env: Record<string, string> = {}): Config {
  const dataDir = mkdtempSync(join(tmpdir(), 'careline-data-'));
  return loadConfig({ CARELINE_DATA_DIR: dataDir, CARELINE_DEMO: '0', LOG_LEVEL: 'silent', CARELINE_RATE_LIMITS: 'on', ...env });
}

/** Deps over a fresh store of the dialect; close() tears all of it down. */
export async function testDeps(dialect: Dialect, env: Record<string, string> = {}): Promise<Deps & { close(): Promise<void> }> {
  const { store, cleanup } = await openTestStore(dialect);
  const config = testConfig(env);
  const deps = await createDeps(config, { store, log: createLogger('silent') });
  return { ...deps, close: async () => { await deps.jobs.stop(); await deps.bus.close(); await cleanup(); } };
}

let seq = 0;
/** A ticket from a new customer unless told otherwise. */
export async function buildTicket(deps: Deps, over: Partial<NewTicket> = {}): Promise<Ticket> {
  seq++;
  const { ticket } = await deps.uow((work) =>
    createTicket(
      work,
      {
        subject: `Cannot sync my vault ${seq}`,
        body: { text: 'The app says sync failed with error E-4012 since version 3.2.1.' },
        customer: { identity: { kind: 'email', value: `customer${seq}-${process.pid}@example.org` }, name: `Customer ${seq}` },
        channel: 'api',
        ...over,
      },
      SYSTEM,
    ),
  );
  return ticket;
}

export { closeDeps };
