import { randomBytes } from 'node:crypto';
import { AppError } from '../../kernel/errors.ts';
import { hashSecret, newSecret } from '../../kernel/ids.ts';
import type { Db } from '../../store/database.ts';
import { recordAudit } from './audit.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import type { Principal, Role } from './roles.ts';
import { getSecuritySettings, issueSetupToken, verifyTotp, type TotpCipher } from './totp.ts';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** A session nobody used for this long ends, whatever its absolute expiry says. */
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
/** Last use is written at most this often: reads do not each cost a write. */
const TOUCH_EVERY_MS = 60 * 1000;
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;

export type LoginResult = { sessionId: string; csrfToken: string; expiresAt: string; principal: Principal };

/** The second factor of a login: the code the agent typed, and the cipher their secret is sealed with. */
export type SecondFactor = { code?: string | undefined; cipher: TotpCipher };

/** An argon2 hash of nothing in particular: unknown emails cost the same time as known ones. */
let decoyHash: string | null = null;
async function decoy(): Promise<string> {
  if (!decoyHash) decoyHash = await hashPassword(randomBytes(16).toString('hex'));
  return decoyHash;
}

/**
 * Checks an agent's password (and TOTP code when the agent has two-factor on) and opens a
 * session. Five wrong passwords or codes lock the account for 15 minutes; every outcome is
 * audited. The error never says whether the email exists. When the workspace requires
 * two-factor and the agent has none, the answer is totp_setup_required with a token that
 * allows enrolment only.
 */
export async function login(db: Db, email: string, password: string, ip: string | null, now: Date, second?: SecondFactor): Promise<LoginResult> {
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
  const fail = async (action: string): Promise<void> => {
    const failed = agent.failed_logins + 1;
    const lock = failed >= MAX_FAILED_LOGINS;
    await db
      .updateTable('agents')
      .set({ failed_logins: lock ? 0 : failed, locked_until: lock ? new Date(now.getTime() + LOCKOUT_MS).toISOString() : agent.locked_until })
      .where('id', '=', agent.id)
      .execute();
    await recordAudit(db, { actor: { type: 'agent', id: agent.id }, action: lock ? 'login.lockout' : action, ip }, at);
  };
  if (!(await verifyPassword(agent.password_hash, password))) {
    await fail('login.failed');
    throw invalid;
  }
  if (agent.totp_enabled_at && agent.totp_secret) {
    if (!second) throw new Error('login of an agent with two-factor needs the TOTP cipher');
    if (!second.code) throw new AppError('totp_required', 'Enter the 6-digit code from your authenticator app');
    if (!(await verifyTotp(db, second.cipher, agent.id, agent.totp_secret, agent.totp_last_step, second.code, now))) {
      await fail('login.totp_failed');
      throw new AppError('totp_required', 'The two-factor code is not correct or was already used; enter the current code');
    }
  } else if ((await getSecuritySettings(db)).requireTotp) {
    const setupToken = await issueSetupToken(db, agent.id, now);
    await recordAudit(db, { actor: { type: 'agent', id: agent.id }, action: 'login.totp_setup_required', ip }, at);
    throw new AppError('totp_setup_required', 'This workspace requires two-factor authentication; set it up to continue', { setup_token: setupToken });
  }
  return openSession(db, agent, ip, now);
}

/** A new session for an agent who proved who they are; the login is audited. */
export async function openSession(db: Db, agent: { id: number; name: string; role: string }, ip: string | null, now: Date): Promise<LoginResult> {
  const at = now.toISOString();
  await db.updateTable('agents').set({ failed_logins: 0, locked_until: null }).where('id', '=', agent.id).execute();
  const sessionId = newSecret('cls');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS).toISOString();
  await db.insertInto('sessions').values({ id_hash: hashSecret(sessionId), agent_id: agent.id, csrf_token: csrfToken, created_at: at, expires_at: expiresAt, ip, last_seen_at: at }).execute();
  await recordAudit(db, { actor: { type: 'agent', id: agent.id }, action: 'login.succeeded', ip }, at);
  return {
    sessionId,
    csrfToken,
    expiresAt,
    principal: { actor: { type: 'agent', id: agent.id }, role: agent.role as Role, name: agent.name, agentId: agent.id, via: 'session' },
  };
}

/**
 * The session's principal and CSRF token, or null when unknown, past its absolute expiry,
 * idle for longer than SESSION_IDLE_MS, or the agent is inactive. Use keeps it alive.
 */
export async function resolveSession(db: Db, sessionId: string, now: Date): Promise<{ principal: Principal; csrfToken: string } | null> {
  const idHash = hashSecret(sessionId);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('agents', 'agents.id', 'sessions.agent_id')
    .select(['agents.id', 'agents.name', 'agents.role', 'agents.active', 'sessions.csrf_token', 'sessions.expires_at', 'sessions.created_at', 'sessions.last_seen_at'])
    .where('sessions.id_hash', '=', idHash)
    .executeTakeFirst();
  if (!row || row.active !== 1 || row.expires_at <= now.toISOString()) return null;
  const lastSeen = Date.parse(row.last_seen_at ?? row.created_at);
  if (now.getTime() - lastSeen >= SESSION_IDLE_MS) {
    await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    return null;
  }
  if (now.getTime() - lastSeen >= TOUCH_EVERY_MS) {
    await db.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('id_hash', '=', idHash).execute();
  }
  return {
    principal: { actor: { type: 'agent', id: row.id }, role: row.role as Role, name: row.name, agentId: row.id, via: 'session' },
    csrfToken: row.csrf_token,
  };
}

export async function logout(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', hashSecret(sessionId)).execute();
}
