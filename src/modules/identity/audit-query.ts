import { sql } from 'kysely';
import { badRequest } from '../../kernel/errors.ts';
import { normalizeReference } from '../../kernel/ids.ts';
import type { Db } from '../../store/database.ts';
import type { AuditRecord } from './audit.ts';

/**
 * Filters of the audit log, as an admin types them: actor `agent:5`, `token:3`, `system` or
 * `anonymous`; action `ticket.viewed` or a prefix `ticket.*`; target `ticket:CL-7KQ20M11`,
 * `customer:12`. All optional, combined with AND.
 */
export type AuditFilter = { actor?: string; action?: string; target?: string; targets?: Array<{ type: string; id: string }> };

type Row = { id: number; actor_type: string; actor_id: number | null; action: string; target_type: string | null; target_id: string | null; ip: string | null; user_agent: string | null; data: string; created_at: string };

function toRecord(r: Row): AuditRecord {
  return { id: r.id, actorType: r.actor_type, actorId: r.actor_id, action: r.action, targetType: r.target_type, targetId: r.target_id, ip: r.ip, userAgent: r.user_agent, data: JSON.parse(r.data) as unknown, createdAt: r.created_at };
}

function parseActor(actor: string): { type: string; id: number | null } {
  const m = /^(agent|token|customer):(\d{1,12})$|^(system|anonymous)$/.exec(actor.trim());
  if (!m) throw badRequest('actor is agent:ID, token:ID, customer:ID, system or anonymous', { actor: 'invalid' });
  return m[3] ? { type: m[3], id: null } : { type: m[1]!, id: Number(m[2]) };
}

/** A target as stored: tickets by canonical reference, everything else by id. */
export function parseTarget(target: string): { type: string; id: string } {
  const m = /^([a-z_]{1,40}):(.{1,100})$/.exec(target.trim());
  if (!m) throw badRequest('target is TYPE:ID, e.g. ticket:CL-7KQ20M11 or customer:12', { target: 'invalid' });
  const type = m[1]!;
  const id = type === 'ticket' ? (normalizeReference(m[2]!) ?? m[2]!) : m[2]!;
  return { type, id };
}

function filtered(db: Db, f: AuditFilter) {
  let q = db.selectFrom('audit_log').selectAll();
  if (f.actor !== undefined) {
    const a = parseActor(f.actor);
    q = q.where('actor_type', '=', a.type);
    if (a.id !== null) q = q.where('actor_id', '=', a.id);
  }
  if (f.action !== undefined) {
    const action = f.action.trim();
    if (action.endsWith('*')) {
      const like = `${action.slice(0, -1).replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
      q = q.where(sql<boolean>`${sql.ref('action')} like ${like} escape '\\'`);
    } else q = q.where('action', '=', action);
  }
  if (f.target !== undefined) {
    const t = parseTarget(f.target);
    q = q.where('target_type', '=', t.type).where('target_id', '=', t.id);
  }
  if (f.targets !== undefined) {
    const targets = f.targets;
    q = q.where((eb) => (targets.length ? eb.or(targets.map((t) => eb.and([eb('target_type', '=', t.type), eb('target_id', '=', t.id)]))) : eb.val(false)));
  }
  return q;
}

/** The audit log newest first, filtered, one page before an id. */
export async function listAudit(db: Db, f: AuditFilter & { limit: number; before?: number }): Promise<AuditRecord[]> {
  const rows = await filtered(db, f)
    .$if(f.before !== undefined, (q) => q.where('id', '<', f.before!))
    .orderBy('id', 'desc')
    .limit(f.limit)
    .execute();
  return rows.map(toRecord);
}

/**
 * Every matching entry oldest first, read in pages so an export of millions of rows streams
 * in constant memory.
 */
export async function* auditEntries(db: Db, f: AuditFilter, pageSize = 500): AsyncGenerator<AuditRecord> {
  let after = 0;
  for (;;) {
    const rows = await filtered(db, f).where('id', '>', after).orderBy('id').limit(pageSize).execute();
    for (const r of rows) yield toRecord(r);
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]!.id;
  }
}
