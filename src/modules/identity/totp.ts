import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import type { Actor } from '../../kernel/events.ts';
import { AppError, badRequest, notFound } from '../../kernel/errors.ts';
import { hashSecret, newSecret } from '../../kernel/ids.ts';
import type { Db } from '../../store/database.ts';
import { recordAudit } from './audit.ts';

/** RFC 6238 as every authenticator app reads it: SHA-1, 6 digits, 30 seconds. */
const PERIOD = 30;
const DIGITS = 6;
/** Codes of the previous and next time step still count: clocks drift. */
const WINDOW = 1;
export const SETUP_TOKEN_TTL_MS = 10 * 60 * 1000;
const ISSUER = 'Careline';

/**
 * Encrypts TOTP secrets at rest with AES-256-GCM under a key derived (HKDF-SHA256) from the
 * workspace secret: a copy of the database alone does not give away anyone's second factor.
 */
export class TotpCipher {
  private readonly key: Buffer;

  constructor(workspaceSecret: string) {
    this.key = Buffer.from(hkdfSync('sha256', workspaceSecret, 'careline', 'totp-secret v1', 32));
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `v1.${Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64url')}`;
  }

  open(sealed: string): string {
    if (!sealed.startsWith('v1.')) throw new Error('unknown TOTP secret format');
    const raw = Buffer.from(sealed.slice(3), 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }
}

const totpOf = (base32: string, label = 'agent'): TOTP =>
  new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: DIGITS, period: PERIOD, secret: Secret.fromBase32(base32) });

/** The time step a code is valid for, or null: a wrong code, or one of a step already used. */
export function acceptedStep(base32: string, code: string, now: Date, lastStep: number | null): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpOf(base32).validate({ token: code, timestamp: now.getTime(), window: WINDOW });
  if (delta === null) return null;
  const step = Math.floor(now.getTime() / 1000 / PERIOD) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}

/** The code an authenticator app shows for a secret at a time (tests, and nothing else, need it). */
export function totpCode(base32: string, at: Date): string {
  return totpOf(base32).generate({ timestamp: at.getTime() });
}

export type TotpSetup = { secret: string; otpauthUrl: string };

/** Starts (or restarts) enrolment: a fresh secret kept as pending until a code proves the app has it. */
export async function startTotpSetup(db: Db, cipher: TotpCipher, agentId: number): Promise<TotpSetup> {
  const agent = await db.selectFrom('agents').select(['email', 'totp_enabled_at']).where('id', '=', agentId).executeTakeFirst();
  if (!agent) throw notFound(`Agent ${agentId}`);
  if (agent.totp_enabled_at) throw new AppError('conflict', 'Two-factor authentication is already on; an admin can reset it');
  const secret = new Secret({ size: 20 }).base32;
  await db.updateTable('agents').set({ totp_pending_secret: cipher.seal(secret) }).where('id', '=', agentId).execute();
  return { secret, otpauthUrl: totpOf(secret, agent.email).toString() };
}

/** Turns two-factor on once a code from the pending secret checks out; audited either way. */
export async function enableTotp(db: Db, cipher: TotpCipher, agentId: number, code: string, ip: string | null, now: Date): Promise<void> {
  const at = now.toISOString();
  const agent = await db.selectFrom('agents').select(['totp_pending_secret', 'totp_enabled_at']).where('id', '=', agentId).executeTakeFirst();
  if (!agent) throw notFound(`Agent ${agentId}`);
  if (agent.totp_enabled_at) throw new AppError('conflict', 'Two-factor authentication is already on');
  if (!agent.totp_pending_secret) throw new AppError('conflict', 'Start the setup first (POST /api/v1/auth/totp/setup)');
  const secret = cipher.open(agent.totp_pending_secret);
  const step = acceptedStep(secret, code, now, null);
  if (step === null) {
    await recordAudit(db, { actor: { type: 'agent', id: agentId }, action: 'totp.enable_failed', ip }, at);
    throw badRequest('The code is not correct; check the time on your phone and try the current code', { code: 'invalid' });
  }
  await db
    .updateTable('agents')
    .set({ totp_secret: agent.totp_pending_secret, totp_pending_secret: null, totp_enabled_at: at, totp_last_step: step, updated_at: at })
    .where('id', '=', agentId)
    .execute();
  await recordAudit(db, { actor: { type: 'agent', id: agentId }, action: 'totp.enabled', targetType: 'agent', targetId: String(agentId), ip }, at);
}

/**
 * Checks a login's code against the agent's secret and burns its time step: the update only
 * succeeds while the stored step is older, so the same code cannot open two sessions.
 */
export async function verifyTotp(db: Db, cipher: TotpCipher, agentId: number, sealed: string, lastStep: number | null, code: string, now: Date): Promise<boolean> {
  const step = acceptedStep(cipher.open(sealed), code, now, lastStep);
  if (step === null) return false;
  const result = await db
    .updateTable('agents')
    .set({ totp_last_step: step })
    .where('id', '=', agentId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** An admin turns an agent's two-factor off (lost phone); the agent enrols again at next login if required. */
export async function resetTotp(db: Db, agentId: number, actor: Actor, ip: string | null, now: Date): Promise<void> {
  const at = now.toISOString();
  const result = await db
    .updateTable('agents')
    .set({ totp_secret: null, totp_pending_secret: null, totp_enabled_at: null, totp_last_step: null, updated_at: at })
    .where('id', '=', agentId)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw notFound(`Agent ${agentId}`);
  await db.deleteFrom('totp_setup_tokens').where('agent_id', '=', agentId).execute();
  await recordAudit(db, { actor, action: 'totp.reset', targetType: 'agent', targetId: String(agentId), ip }, at);
}

/** A token that lets an agent who passed the password, but has no second factor yet, only enrol. */
export async function issueSetupToken(db: Db, agentId: number, now: Date): Promise<string> {
  const token = newSecret('clt');
  await db.deleteFrom('totp_setup_tokens').where('expires_at', '<=', now.toISOString()).execute();
  await db
    .insertInto('totp_setup_tokens')
    .values({ token_hash: hashSecret(token), agent_id: agentId, expires_at: new Date(now.getTime() + SETUP_TOKEN_TTL_MS).toISOString(), created_at: now.toISOString() })
    .execute();
  return token;
}

/** The agent a setup token belongs to; unknown or expired tokens are a 401. */
export async function agentOfSetupToken(db: Db, token: string, now: Date): Promise<number> {
  const row = await db.selectFrom('totp_setup_tokens').select(['agent_id', 'expires_at']).where('token_hash', '=', hashSecret(token)).executeTakeFirst();
  if (!row || row.expires_at <= now.toISOString()) throw new AppError('unauthorized', 'The setup token is unknown or expired; log in again');
  return row.agent_id;
}

export async function dropSetupTokens(db: Db, agentId: number): Promise<void> {
  await db.deleteFrom('totp_setup_tokens').where('agent_id', '=', agentId).execute();
}

export type SecuritySettings = { requireTotp: boolean; updatedAt: string | null };

/** The workspace's security rules; nothing stored means the defaults. */
export async function getSecuritySettings(db: Db): Promise<SecuritySettings> {
  const row = await db.selectFrom('security_settings').selectAll().where('id', '=', 1).executeTakeFirst();
  return { requireTotp: row?.require_totp === 1, updatedAt: row?.updated_at ?? null };
}

/** An admin requires (or stops requiring) two-factor for every agent; audited. */
export async function setSecuritySettings(db: Db, settings: { requireTotp: boolean }, actor: Actor, ip: string | null, now: Date): Promise<SecuritySettings> {
  const at = now.toISOString();
  const value = settings.requireTotp ? 1 : 0;
  await db
    .insertInto('security_settings')
    .values({ id: 1, require_totp: value, updated_at: at })
    .onConflict((oc) => oc.column('id').doUpdateSet({ require_totp: value, updated_at: at }))
    .execute();
  await recordAudit(db, { actor, action: 'security.updated', ip, data: { require_totp: settings.requireTotp } }, at);
  return { requireTotp: settings.requireTotp, updatedAt: at };
}

/** Whether an agent has two-factor on, and whether the workspace requires it. */
export async function totpStatus(db: Db, agentId: number): Promise<{ enabled: boolean; required: boolean }> {
  const agent = await db.selectFrom('agents').select('totp_enabled_at').where('id', '=', agentId).executeTakeFirst();
  return { enabled: Boolean(agent?.totp_enabled_at), required: (await getSecuritySettings(db)).requireTotp };
}
