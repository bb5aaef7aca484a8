import type { Actor } from '../../kernel/events.ts';
import type { Db } from '../../store/database.ts';

export type AuditEntry = {
  actor: Actor | null;
  action: string;
  targetType?: string;
  targetId?: string | number;
  ip?: string | null;
  data?: Record<string, unknown>;
};

export type AuditRecord = {
  id: number;
  actorType: string;
  actorId: number | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  data: unknown;
  createdAt: string;
};

/** Records a security-relevant action (logins, tokens, agents); never holds a secret. */
export async function recordAudit(db: Db, entry: AuditEntry, at: string): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_type: entry.actor?.type ?? 'anonymous',
      actor_id: entry.actor && entry.actor.type !== 'system' ? entry.actor.id : null,
      action: entry.action,
      target_type: entry.targetType ?? null,
      target_id: entry.targetId === undefined ? null : String(entry.targetId),
      ip: entry.ip ?? null,
      data: JSON.stringify(entry.data ?? {}),
      created_at: at,
    })
    .execute();
}

export async function listAudit(db: Db, limit: number, beforeId?: number): Promise<AuditRecord[]> {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .$if(beforeId !== undefined, (q) => q.where('id', '<', beforeId!))
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    actorType: r.actor_type,
    actorId: r.actor_id,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    ip: r.ip,
    data: JSON.parse(r.data) as unknown,
    createdAt: r.created_at,
  }));
}
