import type { AuditRecord } from '../modules/identity/index.ts';

const COLUMNS = ['id', 'created_at', 'actor_type', 'actor_id', 'action', 'target_type', 'target_id', 'ip', 'user_agent', 'data'] as const;

function row(a: AuditRecord): Array<string | number | null> {
  return [a.id, a.createdAt, a.actorType, a.actorId, a.action, a.targetType, a.targetId, a.ip, a.userAgent, JSON.stringify(a.data)];
}

/**
 * One CSV field: quoted when it must be, and defused when a spreadsheet would read it as a
 * formula (a user agent is whatever the caller sent).
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Audit entries as CSV lines, header first (RFC 4180, CRLF line ends). */
export async function* auditCsv(entries: AsyncIterable<AuditRecord>): AsyncGenerator<string> {
  yield COLUMNS.join(',') + '\r\n';
  for await (const a of entries) yield row(a).map(csvField).join(',') + '\r\n';
}

/** Audit entries as JSON Lines, one object per line, with the API's field names. */
export async function* auditJsonl(entries: AsyncIterable<AuditRecord>): AsyncGenerator<string> {
  for await (const a of entries) {
    const values = row(a);
    yield JSON.stringify(Object.fromEntries(COLUMNS.map((c, i) => [c, c === 'data' ? a.data : values[i]]))) + '\n';
  }
}
