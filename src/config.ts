import { createPrivateKey, randomBytes } from 'node:crypto';
import { accessSync, constants, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Everything Careline reads from its environment, validated once and frozen. */
export type Config = Readonly<{
  port: number;
  host: string;
  publicUrl: string;
  databaseUrl: string;
  redisUrl: string | null;
  smtpPort: number;
  /** Seconds between IMAP polls of mailboxes hosted elsewhere (IMAP_POLL_SECONDS, default 60). */
  imapPollSeconds: number;
  smtpOutboundUrl: string | null;
  /** PEM certificate and key paths: inbound SMTP offers STARTTLS only when both are set. */
  smtpTls: Readonly<{ certPath: string; keyPath: string }> | null;
  /** Outbound DKIM signing (SMTP_DKIM_DOMAIN, SMTP_DKIM_SELECTOR, SMTP_DKIM_KEY_FILE): all three or none. */
  smtpDkim: Readonly<{ domain: string; selector: string; keyPath: string }> | null;
  dataDir: string;
  demo: boolean;
  rateLimits: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  nodeId: string;
  secrets: Readonly<{ sessionKey: string }>;
}>;

/** Thrown for a bad environment value; the message names the variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`${variable}: ${reason}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function port(env: Env, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!/^\d{1,5}$/.test(raw) || n > 65535) {
    throw new ConfigError(name, `expected a port number 0-65535, got "${raw}"`);
  }
  return n;
}

function seconds(env: Env, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!/^\d{1,6}$/.test(raw) || n < 1) throw new ConfigError(name, `expected a whole number of seconds (1 or more), got "${raw}"`);
  return n;
}

function flag(env: Env, name: string, fallback: boolean, words: [string, string] = ['1', '0']): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (['1', 'true', 'yes', 'on', words[0]].includes(raw)) return true;
  if (['0', 'false', 'no', 'off', words[1]].includes(raw)) return false;
  throw new ConfigError(name, `expected ${words[0]} or ${words[1]}, got "${raw}"`);
}

function url(env: Env, name: string, protocols: string[]): string | null {
  const raw = env[name]?.trim();
  if (!raw) return null;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `not a valid URL: "${raw}"`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `expected a ${protocols.join(' or ')} URL, got "${parsed.protocol}"`);
  }
  return raw;
}

function databaseUrl(env: Env, dataDir: string): string {
  const raw = env.DATABASE_URL?.trim();
  if (!raw) return `sqlite:${join(dataDir, 'careline.db')}`;
  if (raw.startsWith('sqlite:')) {
    if (raw.length === 'sqlite:'.length) throw new ConfigError('DATABASE_URL', 'sqlite: needs a file path, e.g. sqlite:./data/careline.db');
    return raw;
  }
  if (raw.startsWith('postgres://') || raw.startsWith('postgresql://')) {
    try {
      new URL(raw);
    } catch {
      throw new ConfigError('DATABASE_URL', `not a valid postgres URL: "${raw}"`);
    }
    return raw;
  }
  throw new ConfigError('DATABASE_URL', `expected sqlite:PATH or postgres://…, got "${raw}"`);
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * A secret from the environment, or one generated once and kept in the data dir. The file is
 * written beside and linked into place, so a crash never leaves a half-written secret and two
 * nodes starting together agree on one.
 */
function secret(env: Env, name: string, dataDir: string, file: string): string {
  const given = env[name]?.trim();
  if (given) {
    if (given.length < 32) throw new ConfigError(name, 'must be at least 32 characters');
    return given;
  }
  const path = join(dataDir, file);
  for (let attempt = 0; attempt < 3; attempt++) {
    const stored = readIfExists(path)?.trim();
    if (stored) {
      if (stored.length < 32) throw new ConfigError(name, `${path} holds a secret shorter than 32 characters; delete the file or set ${name}`);
      return stored;
    }
    if (stored === '') rmSync(path, { force: true });
    const made = randomBytes(32).toString('base64url');
    const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(temp, made + '\n', { mode: 0o600 });
    try {
      linkSync(temp, path);
      return made;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      rmSync(temp, { force: true });
    }
  }
  throw new ConfigError(name, `could not keep a generated secret in ${path}`);
}

/** SMTP_TLS_CERT and SMTP_TLS_KEY: both or neither, each a readable file. */
function smtpTls(env: Env): { certPath: string; keyPath: string } | null {
  const cert = env.SMTP_TLS_CERT?.trim();
  const key = env.SMTP_TLS_KEY?.trim();
  if (!cert && !key) return null;
  if (!cert || !key) throw new ConfigError(cert ? 'SMTP_TLS_KEY' : 'SMTP_TLS_CERT', 'set both SMTP_TLS_CERT and SMTP_TLS_KEY, or neither');
  for (const [name, path] of [['SMTP_TLS_CERT', cert], ['SMTP_TLS_KEY', key]] as const) {
    try {
      accessSync(path, constants.R_OK);
    } catch {
      throw new ConfigError(name, `cannot read "${path}"`);
    }
  }
  return { certPath: resolve(cert), keyPath: resolve(key) };
}

/** SMTP_DKIM_DOMAIN, SMTP_DKIM_SELECTOR and SMTP_DKIM_KEY_FILE: all or none; the key a readable PEM private key. */
function smtpDkim(env: Env): { domain: string; selector: string; keyPath: string } | null {
  const names = ['SMTP_DKIM_DOMAIN', 'SMTP_DKIM_SELECTOR', 'SMTP_DKIM_KEY_FILE'] as const;
  const [domain, selector, keyFile] = names.map((n) => env[n]?.trim() ?? '');
  if (!domain && !selector && !keyFile) return null;
  const missing = names.find((n, i) => ![domain, selector, keyFile][i]);
  if (missing) throw new ConfigError(missing, 'set SMTP_DKIM_DOMAIN, SMTP_DKIM_SELECTOR and SMTP_DKIM_KEY_FILE together, or none');
  if (!/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i.test(domain!)) throw new ConfigError('SMTP_DKIM_DOMAIN', `"${domain}" is not a domain name`);
  if (!/^[a-z0-9](?:[a-z0-9._-]{0,62})$/i.test(selector!)) throw new ConfigError('SMTP_DKIM_SELECTOR', `"${selector}" is not a DKIM selector`);
  try {
    createPrivateKey(readFileSync(keyFile!, 'utf8'));
  } catch {
    throw new ConfigError('SMTP_DKIM_KEY_FILE', `"${keyFile}" is not a readable PEM private key`);
  }
  return { domain: domain!.toLowerCase(), selector: selector!, keyPath: resolve(keyFile!) };
}

function readIfExists(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Reads and validates the environment; throws ConfigError naming the first bad variable. */
export function loadConfig(env: Env = process.env): Config {
  const dataDir = resolve(env.CARELINE_DATA_DIR?.trim() || './data');
  const httpPort = port(env, 'PORT', 3000);
  const host = env.HOST?.trim() || '127.0.0.1';
  const publicUrl = url(env, 'PUBLIC_URL', ['http:', 'https:']) ?? `http://${host.includes(':') ? `[${host}]` : host}:${httpPort}`;
  const logLevel = (env.LOG_LEVEL?.trim() || 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError('LOG_LEVEL', `expected one of ${LOG_LEVELS.join(', ')}`);
  const config = {
    port: httpPort,
    host,
    publicUrl: publicUrl.replace(/\/+$/, ''),
    databaseUrl: databaseUrl(env, dataDir),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    smtpPort: port(env, 'SMTP_PORT', 2525),
    imapPollSeconds: seconds(env, 'IMAP_POLL_SECONDS', 60),
    smtpOutboundUrl: url(env, 'SMTP_OUTBOUND_URL', ['smtp:', 'smtps:']),
    smtpTls: smtpTls(env),
    smtpDkim: smtpDkim(env),
    dataDir,
    demo: flag(env, 'CARELINE_DEMO', true),
    rateLimits: flag(env, 'CARELINE_RATE_LIMITS', true),
    logLevel,
    nodeId: env.CARELINE_NODE_ID?.trim() || `node-${randomBytes(4).toString('hex')}`,
    secrets: { sessionKey: '' },
  };
  mkdirSync(dataDir, { recursive: true });
  config.secrets = Object.freeze({ sessionKey: secret(env, 'CARELINE_SESSION_SECRET', dataDir, 'session.secret') });
  return Object.freeze(config);
}
