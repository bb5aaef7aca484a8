import { sql } from 'kysely';
import { compiledOnce } from '../store/compiled-once.ts';
import type { Db, Dialect, Store } from '../store/database.ts';
import type { Clock } from './clock.ts';
import { notFound } from './errors.ts';
import type { Logger } from './logger.ts';

export type JobStatus = 'queued' | 'running' | 'done' | 'dead';

/** A job as the API shows it. */
export type Job = {
  id: number;
  type: string;
  payload: unknown;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  runAt: string;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
};

export type NewJob = {
  type: string;
  payload: unknown;
  /** Same key twice enqueues once: retries of the caller stay idempotent. */
  uniqueKey?: string;
  maxAttempts?: number;
  runAt?: Date;
};

/** A job handler; throwing schedules a retry with backoff until the job goes dead. */
export type JobHandler = (payload: unknown, job: Job) => Promise<void>;

export type JobQueueOptions = {
  nodeId: string;
  pollMs?: number;
  batch?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  staleAfterMs?: number;
};

/** Delay before attempt n+1: exponential from the base, capped, with up to 20% jitter. */
export function backoffMs(attempts: number, baseMs: number, maxMs: number, random = Math.random): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exp * (1 + random() * 0.2));
}

/** Every enqueue is this insert (one per inbound email, for its acknowledgement): built and compiled once. */
const insertJob = compiledOnce((db, type: string, payload: string, maxAttempts: number, runAt: string, uniqueKey: string | null, now: string) =>
  db
    .insertInto('jobs')
    .values({ type, payload, status: 'queued', attempts: 0, max_attempts: maxAttempts, run_at: runAt, unique_key: uniqueKey, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('unique_key').doNothing())
    .returning('id'),
);

/**
 * The durable job table: enqueue inside the caller's transaction, claimed with
 * FOR UPDATE SKIP LOCKED on PostgreSQL so any number of nodes can work it.
 */
export class JobQueue {
  private readonly handlers = new Map<string, JobHandler>();
  private timer: NodeJS.Timeout | null = null;
  private running = new Set<Promise<void>>();
  /** The poll under way (claiming, then running what it claimed), so stop() can wait for it. */
  private polling: Promise<void> | null = null;
  private stopping = false;
  private readonly opts: Required<JobQueueOptions>;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly log: Logger,
    options: JobQueueOptions,
  ) {
    this.opts = { pollMs: 500, batch: 10, baseDelayMs: 5_000, maxDelayMs: 3_600_000, staleAfterMs: 300_000, ...options };
  }

  register(type: string, handler: JobHandler): void {
    this.handlers.set(type, handler);
  }

  /** Adds a job in the given transaction (or on its own); returns null when uniqueKey already exists. */
  async enqueue(db: Db, job: NewJob): Promise<number | null> {
    const now = this.clock.now();
    const nowIso = now.toISOString();
    const runAt = (job.runAt ?? now).toISOString();
    const { rows } = await insertJob(db, job.type, JSON.stringify(job.payload ?? null), job.maxAttempts ?? 8, runAt, job.uniqueKey ?? null, nowIso);
    return rows[0]?.id ?? null;
  }

  async list(status: JobStatus | undefined, limit = 50): Promise<Job[]> {
    const rows = await this.store.db
      .selectFrom('jobs')
      .selectAll()
      .$if(status !== undefined, (q) => q.where('status', '=', status!))
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toJob);
  }

  /** Puts a dead (or queued) job back to run now with a fresh attempt count. */
  async retry(id: number): Promise<Job> {
    const now = this.clock.now().toISOString();
    const row = await this.store.db
      .updateTable('jobs')
      .set({ status: 'queued', attempts: 0, run_at: now, updated_at: now, locked_at: null, locked_by: null })
      .where('id', '=', id)
      .where('status', 'in', ['dead', 'queued'])
      .returningAll()
      .executeTakeFirst();
    if (!row) throw notFound(`Dead or queued job ${id}`);
    return toJob(row);
  }

  start(): void {
    this.stopping = false;
    // A poll that claimed a full batch polls again at once: a backlog (acknowledgements of a mail burst) drains at the speed of its jobs, not a batch per poll interval.
    const tick = async (): Promise<void> => {
      if (this.stopping) return;
      let full = false;
      this.polling = this.runDue().then(
        (ran) => void (full = ran >= this.opts.batch),
        (error: unknown) => this.log.error({ err: error }, 'job poll failed'),
      );
      await this.polling;
      this.polling = null;
      if (!this.stopping) this.timer = setTimeout(() => void tick(), full ? 0 : this.opts.pollMs);
    };
    this.timer = setTimeout(() => void tick(), 0);
  }

  /** Stops claiming and waits for the poll and the jobs in flight: nothing runs after it resolves. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    await this.polling;
    await Promise.allSettled([...this.running]);
  }

  /** Claims and runs every due job once; returns how many ran. Tests call it directly. */
  async runDue(): Promise<number> {
    const jobs = await this.claim();
    await Promise.all(
      jobs.map((job) => {
        const p = this.execute(job).finally(() => this.running.delete(p));
        this.running.add(p);
        return p;
      }),
    );
    return jobs.length;
  }

  private async claim(): Promise<Job[]> {
    const now = this.clock.now();
    const nowIso = now.toISOString();
    const staleIso = new Date(now.getTime() - this.opts.staleAfterMs).toISOString();
    const types = [...this.handlers.keys()];
    if (types.length === 0) return [];
    const dialect: Dialect = this.store.dialect;
    // One store transaction: on SQLite the claim shares a group commit, whose fsync runs off the
    // event loop. Run on its own it committed with synchronous=FULL: an fsync on the event loop
    // every poll, about 0.5 ms per claim while mail arrives.
    const rows = await this.store.transaction(async (trx) => {
      // A job whose worker died (its lock went stale) queues again; the claim below takes it with the rest.
      await trx
        .updateTable('jobs')
        .set({ status: 'queued', locked_at: null, locked_by: null })
        .where('status', '=', 'running')
        .where('locked_at', '<', staleIso)
        .where('type', 'in', types)
        .execute();
      // Queued and due, oldest first: one ordered walk of jobs_due (status, run_at, then rowid), however long the backlog.
      const due = trx
        .selectFrom('jobs')
        .select('id')
        .where('status', '=', 'queued')
        .where('run_at', '<=', nowIso)
        .where('type', 'in', types)
        .orderBy('run_at')
        .orderBy('id')
        .limit(this.opts.batch)
        .$if(dialect === 'postgres', (q) => q.forUpdate().skipLocked());
      return trx
        .updateTable('jobs')
        .set({
          status: 'running',
          locked_at: nowIso,
          locked_by: this.opts.nodeId,
          attempts: sql<number>`attempts + 1`,
          updated_at: nowIso,
        })
        .where('id', 'in', due)
        .returningAll()
        .execute();
    });
    return rows.map(toJob);
  }

  private async execute(job: Job): Promise<void> {
    const handler = this.handlers.get(job.type);
    try {
      if (!handler) throw new Error(`no handler for job type ${job.type}`);
      await handler(job.payload, job);
      await this.finish(job.id, { status: 'done', last_error: null });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const dead = job.attempts >= job.maxAttempts;
      const delay = backoffMs(job.attempts, this.opts.baseDelayMs, this.opts.maxDelayMs);
      this.log.warn({ jobId: job.id, type: job.type, attempts: job.attempts, dead, err: error }, 'job failed');
      await this.finish(job.id, {
        status: dead ? 'dead' : 'queued',
        last_error: message.slice(0, 2000),
        run_at: new Date(this.clock.now().getTime() + delay).toISOString(),
      });
    }
  }

  /** In store.transaction so that, on SQLite, finishing jobs shares group commits instead of an fsync each. */
  private async finish(id: number, values: { status: JobStatus; last_error: string | null; run_at?: string }): Promise<void> {
    await this.store.transaction((trx) =>
      trx
        .updateTable('jobs')
        .set({ ...values, locked_at: null, locked_by: null, updated_at: this.clock.now().toISOString() })
        .where('id', '=', id)
        .where('locked_by', '=', this.opts.nodeId)
        .execute(),
    );
  }
}

function toJob(r: {
  id: number;
  type: string;
  payload: string;
  status: string;
  attempts: number;
  max_attempts: number;
  run_at: string;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}): Job {
  return {
    id: r.id,
    type: r.type,
    payload: JSON.parse(r.payload) as unknown,
    status: r.status as JobStatus,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    runAt: r.run_at,
    lastError: r.last_error,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
