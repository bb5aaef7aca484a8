import type { Clock } from '../../src/kernel/clock.ts';
import type { Deps } from '../../src/deps.ts';
import { createAgent, createTeam, type Agent, type Team } from '../../src/modules/identity/index.ts';
import type { RoutingDeps } from '../../src/modules/routing/index.ts';
import type { Category } from '../../src/modules/tickets/index.ts';
import { createUnitOfWork } from '../../src/store/unit-of-work.ts';
import { buildTicket } from './builders.ts';

/** A clock tests move by hand: routing counts presence and offers in seconds. */
export class ManualClock implements Clock {
  constructor(private at: number = Date.parse('2026-11-26T10:00:00.000Z')) {}
  now(): Date {
    return new Date(this.at);
  }
  advance(seconds: number): void {
    this.at += seconds * 1000;
  }
}

/** Routing deps over a test store, on a manual clock (its own unit of work, so events carry that time). */
export function routingDeps(deps: Deps, clock: ManualClock): RoutingDeps {
  return { store: deps.store, clock, uow: createUnitOfWork(deps.store, deps.bus, clock, deps.log) };
}

let n = 0;
/** A team with a unique name (tests share one store). */
export async function buildTeam(deps: Pick<Deps, 'store'>, name = 'Team'): Promise<Team> {
  n++;
  return createTeam(deps.store.db, `${name} ${process.pid} ${n}`, new Date().toISOString());
}

/** An agent in the given teams. */
export async function buildAgent(deps: Pick<Deps, 'store'>, teamIds: number[], role: 'agent' | 'admin' | 'viewer' = 'agent'): Promise<Agent> {
  n++;
  return createAgent(deps.store.db, { email: `agent${n}-${process.pid}@careline.test`, name: `Agent ${n}`, role, teamIds }, new Date().toISOString());
}

/** A live chat waiting in a team's queue, created at the routing clock's time. */
export async function buildChat(deps: Deps, routing: RoutingDeps, teamId: number | null, category: Category = 'general'): Promise<number> {
  const ticket = await buildTicket({ ...deps, uow: routing.uow }, { channel: 'chat', teamId, category, subject: `Chat about ${category}` });
  return ticket.id;
}
