import { randomBytes } from 'node:crypto';
import { AppError } from '../../kernel/errors.ts';
import { hashSecret, newSecret } from '../../kernel/ids.ts';
import type { Db } from '../../store/database.ts';
import { recordAudit } from './audit.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import type { Principal, Role } from './roles.ts';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;

export type LoginResult = { sessionId: string; csrfToken: string; expiresAt: string; principal: Principal };

/** An argon2 hash of nothing in particular: unknown emails cost the same time as known ones. */
let decoyHash: string | null = null;
async function decoy(): Promise<string> {
  if (!decoyHash) decoyHash = await hashPassword(randomBytes(16).toString('hex'));
  return decoyHash;
}

/**
 * Checks an agent's password and opens a session. Five wrong passwords lock the account for
 * 15 minutes; every outcome is audited. The error never says whether the email exists.
 */
export async function login(db: Db, email: string, password: string, ip: string | null, now: Date): Promise<LoginResult> {
  const at = now.toISOString();
  const agent = await db.selectFrom('agents').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
  const invalid = new AppError('unauthorized', 'Email or password is not correct');
  if (!agent || !agent.password_hash || agent.active !== 1) {
    await verifyPassword(await decoy(), password);
    await recordAudit(db, { actor: null, action: 'login.failed', ip, data: { email: email.slice(0, 200) } }, at);
    throw invalid;
  }
  if (agent.locked_until && agent.locked_until > at) {
    await recordAudit(db, { actor: { type: 'agent', id: agent.id }, action: 'login.locked', ip }, at);
    throw new AppError('locked', 'Too many failed logins; this account is locked for a while. Try again later or ask an admin.');
  }
  if (!(await verifyPassword(agent.password_hash, password))) {
    const failed = agent.failed_logins + 1;
    const lock = failed >= MAX_FAILED_LOGINS;
    await db
      .updateTable('agents')
      .set({ failed_logins: lock ? 0 : failed, locked_until: lock ? new Date(now.getTime() + LOCKOUT_MS).toISOString() : agent.locked_until })
      .where('id', '=', agent.id)
      .execute();
    await recordAudit(db, { actor: { type: 'agent', id: agent.id }, action: lock ? 'login.lockout' : 'login.failed', ip }, at);
    throw invalid;
  }
  await db.updateTable('agents').set({ failed_logins: 0, locked_until: null }).where('id', '=', agent.id).execute();
  const sessionId = newSecret('cls');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS).toISOString();
  await db.insertInto('sessions').values({ id_hash: hashSecret(sessionId), agent_id: agent.id, csrf_token: csrfToken, created_at: at, expires_at: expiresAt, ip }).execute();
  await recordAudit(db, { actor: { type: 'agent', id: agent.id }, action: 'login.succeeded', ip }, at);
  return {
    sessionId,
    csrfToken,
    expiresAt,
    principal: { actor: { type: 'agent', id: agent.id }, role: agent.role as Role, name: agent.name, agentId: agent.id, via: 'session' },
  };
}

/** The session's principal and CSRF token, or null when unknown, expired or the agent is inactive. */
export async function resolveSession(db: Db, sessionId: string, now: Date): Promise<{ principal: Principal; csrfToken: string } | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('agents', 'agents.id', 'sessions.agent_id')
    .select(['agents.id', 'agents.name', 'agents.role', 'agents.active', 'sessions.csrf_token', 'sessions.expires_at'])
    .where('sessions.id_hash', '=', hashSecret(sessionId))
    .executeTakeFirst();
  if (!row || row.active !== 1 || row.expires_at <= now.toISOString()) return null;
  return {
    principal: { actor: { type: 'agent', id: row.id }, role: row.role as Role, name: row.name, agentId: row.id, via: 'session' },
    csrfToken: row.csrf_token,
  };
}

export async function logout(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', hashSecret(sessionId)).execute();
}
