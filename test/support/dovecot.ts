import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { servicesRequired } from './services.ts';
import { freePort } from './spawn-server.ts';

const DOVECOT = '/usr/sbin/dovecot';

/** A Dovecot IMAP server of our own: plaintext on 127.0.0.1, one user, maildir under a temp dir. */
export type TestDovecot = { host: string; port: number; user: string; password: string; dir: string; stop(): Promise<void> };

/** The skip option for a suite needing Dovecot: a reason when it is missing, an error when CI requires it. */
export function dovecotSkip(): false | string {
  if (existsSync(DOVECOT)) return false;
  const reason = `dovecot is not installed at ${DOVECOT}`;
  if (servicesRequired) throw new Error(`${reason}, and CARELINE_REQUIRE_SERVICES=1 requires it`);
  return reason;
}

/** The unprivileged account Dovecot runs its processes and mail as (it refuses root for login). */
function mailAccount(): { name: string; uid: number; gid: number } {
  for (const name of ['careline-dovecot', 'nobody']) {
    const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
    if (uid.status === 0 && gid.status === 0) return { name, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  }
  throw new Error('no unprivileged user for Dovecot (tried careline-dovecot, nobody)');
}

/** Starts `dovecot -F` on a free port with a fresh config and waits until it accepts connections. */
export async function startDovecot(): Promise<TestDovecot> {
  const dir = mkdtempSync(join(tmpdir(), 'careline-dovecot-'));
  const port = await freePort();
  const user = 'support';
  const password = 'imap-test-secret';
  const root = process.getuid?.() === 0;
  const account = root ? mailAccount() : { name: spawnSync('id', ['-un'], { encoding: 'utf8' }).stdout.trim(), uid: process.getuid!(), gid: process.getgid!() };
  for (const sub of ['run', 'state', 'mail']) mkdirSync(join(dir, sub));
  writeFileSync(join(dir, 'passwd'), `${user}:{PLAIN}${password}:${account.uid}:${account.gid}::${join(dir, 'mail', user)}::\n`);
  writeFileSync(
    join(dir, 'dovecot.conf'),
    [
      `base_dir = ${join(dir, 'run')}`,
      `state_dir = ${join(dir, 'state')}`,
      `log_path = ${join(dir, 'dovecot.log')}`,
      'protocols = imap',
      'listen = 127.0.0.1',
      'ssl = no',
      'disable_plaintext_auth = no',
      'auth_mechanisms = plain login',
      `default_internal_user = ${account.name}`,
      `default_login_user = ${account.name}`,
      `first_valid_uid = ${Math.min(account.uid, 1)}`,
      'first_valid_gid = 0',
      `mail_location = maildir:~/Maildir`,
      `passdb {\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u ${join(dir, 'passwd')}\n}`,
      `userdb {\n  driver = passwd-file\n  args = username_format=%u ${join(dir, 'passwd')}\n}`,
      `service imap-login {\n  inet_listener imap {\n    address = 127.0.0.1\n    port = ${port}\n  }\n  inet_listener imaps {\n    port = 0\n  }\n}`,
      'service anvil {\n  chroot =\n}',
      'service imap-login {\n  chroot =\n}',
      'service stats {\n  chroot =\n}',
      'service auth {\n  user = $default_internal_user\n}',
      '',
    ].join('\n'),
  );
  chmodSync(dir, 0o755);
  chownSync(join(dir, 'mail'), account.uid, account.gid);
  chownSync(join(dir, 'passwd'), account.uid, account.gid);
  const child: ChildProcess = spawn(DOVECOT, ['-F', '-c', join(dir, 'dovecot.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const log = (): string => output + (existsSync(join(dir, 'dovecot.log')) ? readFileSync(join(dir, 'dovecot.log'), 'utf8') : '');
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 10_000;
  while (!(await accepts(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      const why = log();
      await stop();
      throw new Error(`dovecot did not start: ${why}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { host: '127.0.0.1', port, user, password, dir, stop };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}
