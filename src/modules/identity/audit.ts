import { sql } from 'kysely';
import type { Actor } from '../../kernel/events.ts';
import type { Db } from '../../store/database.ts';

export type AuditEntry = {
  actor: Actor | null;
  action: string;
  targetType?: string;
  targetId?: string | number;
  ip?: string | null;
  userAgent?: string | null;
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
  userAgent: string | null;
  data: unknown;
  createdAt: string;
};

/** Records a security-relevant action (logins, tokens, agents, reads of customer data); never holds a secret. */
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
      user_agent: entry.userAgent?.slice(0, 400) ?? null,
      data: JSON.stringify(entry.data ?? {}),
      created_at: at,
    })
    .execute();
}

/**
 * Replaces a person's identifiers (email addresses, handles) inside audit entries' data with
 * "[erased]": the entries stay as the record of who did what, without naming the person.
 */
export async function eraseFromAudit(db: Db, values: readonly string[]): Promise<number> {
  let changed = 0;
  for (const value of values) {
    if (value.length < 5) continue;
    const like = `%${value.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    const rows = await db
      .updateTable('audit_log')
      .set({ data: sql<string>`replace(${sql.ref('data')}, ${value}, '[erased]')` })
      .where(sql<boolean>`${sql.ref('data')} like ${like} escape '\\'`)
      .returning('id')
      .execute();
    changed += rows.length;
  }
  return changed;
}
