import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'careline-config-'));
  dirs.push(dir);
  return dir;
}

describe('loadConfig', () => {
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  test('defaults: port 3000 on 127.0.0.1, SQLite in the data dir, SMTP 2525, demo and rate limits on', () => {
    const dir = dataDir();
    const config = loadConfig({ CARELINE_DATA_DIR: dir });
    assert.equal(config.port, 3000);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.publicUrl, 'http://127.0.0.1:3000');
    assert.equal(config.databaseUrl, `sqlite:${join(dir, 'careline.db')}`);
    assert.equal(config.redisUrl, null);
    assert.equal(config.smtpPort, 2525);
    assert.equal(config.smtpOutboundUrl, null);
    assert.equal(config.dataDir, dir);
    assert.equal(config.demo, true);
    assert.equal(config.rateLimits, true);
    assert.equal(config.logLevel, 'info');
    assert.match(config.nodeId, /^node-[0-9a-f]{8}$/);
  });

  test('good values are read', () => {
    const config = loadConfig({
      CARELINE_DATA_DIR: dataDir(),
      PORT: '8080',
      DATABASE_URL: 'postgres://u@db:5432/careline?schema=x',
      REDIS_URL: 'redis://cache:6379',
      SMTP_OUTBOUND_URL: 'smtps://relay:465',
      CARELINE_DEMO: 'off',
      CARELINE_RATE_LIMITS: '0',
      LOG_LEVEL: 'warn',
      CARELINE_NODE_ID: 'node-a',
    });
    assert.equal(config.port, 8080);
    assert.equal(config.databaseUrl, 'postgres://u@db:5432/careline?schema=x');
    assert.equal(config.redisUrl, 'redis://cache:6379');
    assert.equal(config.smtpOutboundUrl, 'smtps://relay:465');
    assert.equal(config.demo, false);
    assert.equal(config.rateLimits, false);
    assert.equal(config.logLevel, 'warn');
    assert.equal(config.nodeId, 'node-a');
  });

  const bad: Array<[string, string]> = [
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['PORT', '0x50'],
    ['PORT', '1e3'],
    ['SMTP_PORT', '1.5'],
    ['DATABASE_URL', 'mysql://x'],
    ['DATABASE_URL', 'sqlite:'],
    ['REDIS_URL', 'http://x'],
    ['REDIS_URL', 'not a url'],
    ['SMTP_OUTBOUND_URL', 'ftp://x'],
    ['PUBLIC_URL', 'ws://x'],
    ['CARELINE_DEMO', 'maybe'],
    ['CARELINE_RATE_LIMITS', 'sometimes'],
    ['LOG_LEVEL', 'loud'],
    ['CARELINE_SESSION_SECRET', 'short'],
  ];
  for (const [name, value] of bad) {
    test(`${name}=${value} throws a ConfigError naming ${name}`, () => {
      assert.throws(
        () => loadConfig({ CARELINE_DATA_DIR: dataDir(), [name]: value }),
        (error: unknown) => error instanceof ConfigError && error.variable === name && error.message.startsWith(`${name}: `),
      );
    });
  }

  test('SMTP_TLS_CERT and SMTP_TLS_KEY: both or neither, each a readable file', () => {
    const dir = dataDir();
    writeFileSync(join(dir, 'cert.pem'), 'cert');
    writeFileSync(join(dir, 'key.pem'), 'key');
    assert.equal(loadConfig({ CARELINE_DATA_DIR: dir }).smtpTls, null);
    assert.deepEqual(loadConfig({ CARELINE_DATA_DIR: dir, SMTP_TLS_CERT: join(dir, 'cert.pem'), SMTP_TLS_KEY: join(dir, 'key.pem') }).smtpTls, { certPath: join(dir, 'cert.pem'), keyPath: join(dir, 'key.pem') });
    const fails = (env: Record<string, string>, variable: string, reason: RegExp) =>
      assert.throws(() => loadConfig({ CARELINE_DATA_DIR: dir, ...env }), (e: unknown) => e instanceof ConfigError && e.variable === variable && reason.test(e.message));
    fails({ SMTP_TLS_CERT: join(dir, 'cert.pem') }, 'SMTP_TLS_KEY', /both/);
    fails({ SMTP_TLS_KEY: join(dir, 'key.pem') }, 'SMTP_TLS_CERT', /both/);
    fails({ SMTP_TLS_CERT: join(dir, 'cert.pem'), SMTP_TLS_KEY: join(dir, 'missing.pem') }, 'SMTP_TLS_KEY', /cannot read/);
  });

  test('SMTP_DKIM_DOMAIN, SMTP_DKIM_SELECTOR and SMTP_DKIM_KEY_FILE: all or none, the key a PEM private key', () => {
    const dir = dataDir();
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    writeFileSync(join(dir, 'dkim.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(join(dir, 'junk.pem'), 'not a key');
    const dkim = { SMTP_DKIM_DOMAIN: 'Example.com', SMTP_DKIM_SELECTOR: 'cl2026', SMTP_DKIM_KEY_FILE: join(dir, 'dkim.pem') };
    assert.equal(loadConfig({ CARELINE_DATA_DIR: dir }).smtpDkim, null);
    assert.deepEqual(loadConfig({ CARELINE_DATA_DIR: dir, ...dkim }).smtpDkim, { domain: 'example.com', selector: 'cl2026', keyPath: join(dir, 'dkim.pem') });
    const fails = (env: Record<string, string>, variable: string, reason: RegExp) =>
      assert.throws(() => loadConfig({ CARELINE_DATA_DIR: dir, ...env }), (e: unknown) => e instanceof ConfigError && e.variable === variable && reason.test(e.message));
    fails({ SMTP_DKIM_DOMAIN: 'example.com' }, 'SMTP_DKIM_SELECTOR', /together/);
    fails({ ...dkim, SMTP_DKIM_KEY_FILE: join(dir, 'junk.pem') }, 'SMTP_DKIM_KEY_FILE', /PEM private key/);
    fails({ ...dkim, SMTP_DKIM_KEY_FILE: join(dir, 'missing.pem') }, 'SMTP_DKIM_KEY_FILE', /PEM private key/);
    fails({ ...dkim, SMTP_DKIM_DOMAIN: 'not a domain' }, 'SMTP_DKIM_DOMAIN', /domain/);
    fails({ ...dkim, SMTP_DKIM_SELECTOR: 'a;b' }, 'SMTP_DKIM_SELECTOR', /selector/);
  });

  test('the config object and its secrets are frozen', () => {
    const config = loadConfig({ CARELINE_DATA_DIR: dataDir() });
    assert.ok(Object.isFrozen(config));
    assert.ok(Object.isFrozen(config.secrets));
    assert.throws(() => {
      (config as { port: number }).port = 1;
    }, TypeError);
    assert.throws(() => {
      (config.secrets as { sessionKey: string }).sessionKey = 'x';
    }, TypeError);
  });

  test('a generated session secret is kept in the data dir and reused on the next load', () => {
    const dir = dataDir();
    const first = loadConfig({ CARELINE_DATA_DIR: dir });
    assert.ok(first.secrets.sessionKey.length >= 32);
    const file = join(dir, 'session.secret');
    assert.ok(existsSync(file));
    assert.equal(readFileSync(file, 'utf8').trim(), first.secrets.sessionKey);
    const second = loadConfig({ CARELINE_DATA_DIR: dir });
    assert.equal(second.secrets.sessionKey, first.secrets.sessionKey);
    const other = loadConfig({ CARELINE_DATA_DIR: dataDir() });
    assert.notEqual(other.secrets.sessionKey, first.secrets.sessionKey);
  });

  test('an empty session secret file (a crash while writing it) is replaced, never used as the key', () => {
    const dir = dataDir();
    writeFileSync(join(dir, 'session.secret'), '\n');
    const config = loadConfig({ CARELINE_DATA_DIR: dir });
    assert.ok(config.secrets.sessionKey.length >= 32);
    assert.equal(loadConfig({ CARELINE_DATA_DIR: dir }).secrets.sessionKey, config.secrets.sessionKey);
  });

  test('a session secret file holding a short secret is refused, naming the variable', () => {
    const dir = dataDir();
    writeFileSync(join(dir, 'session.secret'), 'short\n');
    assert.throws(() => loadConfig({ CARELINE_DATA_DIR: dir }), (e: unknown) => e instanceof ConfigError && e.variable === 'CARELINE_SESSION_SECRET');
  });

  test('a session secret from the environment wins and writes no file', () => {
    const dir = dataDir();
    const given = 'x'.repeat(40);
    const config = loadConfig({ CARELINE_DATA_DIR: dir, CARELINE_SESSION_SECRET: given });
    assert.equal(config.secrets.sessionKey, given);
    assert.equal(existsSync(join(dir, 'session.secret')), false);
  });

  test('the data dir is created when missing', () => {
    const dir = join(dataDir(), 'nested', 'data');
    loadConfig({ CARELINE_DATA_DIR: dir });
    assert.ok(existsSync(join(dir, 'session.secret')));
  });
});
