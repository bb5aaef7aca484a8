import type { Deps } from '../../../deps.ts';
import { OUTBOUND_JOB, taskKey, type OutboundTask } from './outbound-task.ts';

/** How often each node sweeps: a lost event delays its mail by about this much. */
export const SWEEP_MS = 60_000;

/** A reply this young may still have its event on the way; the listener gets it first. */
const GRACE_MS = 30_000;
/** Older replies are left alone: a mail days late is worse than none, and the scan stays small. */
const LOOKBACK_MS = 24 * 3_600_000;
const MAX_PER_SWEEP = 500;

/**
 * Enqueues the `email.outbound` job for public agent and system replies of the last day that
 * have none: the `message.created` event that should have queued it was lost (the bus is
 * at-most-once, e.g. a crash between COMMIT and publish). The job's unique key makes the
 * sweep idempotent and safe on every node at once; the job itself skips what needs no mail.
 * Returns how many jobs it enqueued.
 */
export async function sweepLostReplies(deps: Pick<Deps, 'store' | 'jobs' | 'clock'>): Promise<number> {
  const now = deps.clock.now().getTime();
  const replies = await deps.store.db
    .selectFrom('messages')
    .select('id')
    .where('kind', '=', 'reply')
    .where('author_type', 'in', ['agent', 'system'])
    .where('created_at', '>=', new Date(now - LOOKBACK_MS).toISOString())
    .where('created_at', '<=', new Date(now - GRACE_MS).toISOString())
    .orderBy('id')
    .execute();
  if (replies.length === 0) return 0;
  const tasks = replies.map((r): OutboundTask => ({ what: 'reply', messageId: r.id }));
  const queued = new Set<string>();
  for (let i = 0; i < tasks.length; i += 500) {
    const keys = tasks.slice(i, i + 500).map(taskKey);
    const rows = await deps.store.db.selectFrom('jobs').select('unique_key').where('unique_key', 'in', keys).execute();
    for (const r of rows) if (r.unique_key) queued.add(r.unique_key);
  }
  const missing = tasks.filter((t) => !queued.has(taskKey(t))).slice(0, MAX_PER_SWEEP);
  if (missing.length === 0) return 0;
  const added = await deps.store.transaction(async (trx) => {
    let n = 0;
    for (const task of missing) if ((await deps.jobs.enqueue(trx, { type: OUTBOUND_JOB, payload: task, uniqueKey: taskKey(task) })) !== null) n++;
    return n;
  });
  return added;
}
