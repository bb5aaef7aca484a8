import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { openStore } from '../../src/store/database.ts';
import { api, runCli, spawnServer, type ServerProcess } from '../support/spawn-server.ts';

describe('careline backup', () => {
  const dir = mkdtempSync(join(tmpdir(), 'careline-backup-'));
  const env = { DATABASE_URL: `sqlite:${join(dir, 'live.db')}`, CARELINE_DATA_DIR: dir, CARELINE_DEMO: '0', CARELINE_RATE_LIMITS: 'off', LOG_LEVEL: 'warn' };
  let server: ServerProcess | undefined;
  after(async () => {
    await server?.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  test('copies the live SQLite database while the server writes to it, and the copy opens with every committed ticket', async () => {
    server = await spawnServer(env);
    const token = (await runCli(['token', 'create', '--name', 'backup', '--role', 'admin'], env)).stdout.trim();
    const references: string[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await api(server.url, 'POST', '/api/v1/tickets', token, { subject: `Backup ${i}`, body: 'Keep me.', customer: { email: `backup${i}@example.org` } });
      assert.equal(res.status, 201);
      references.push((res.body as { reference: string }).reference);
    }
    const writing = Promise.all(
      Array.from({ length: 20 }, (_, i) => api(server!.url, 'POST', '/api/v1/tickets', token, { subject: `During ${i}`, body: 'Written while copying.', customer: { email: `during${i}@example.org` } })),
    );
    const target = join(dir, 'copy.db');
    const { stdout } = await runCli(['backup', target], env);
    assert.match(stdout, /backed up to/);
    await writing;
    const copy = openStore(`sqlite:${target}`, { groupCommit: false });
    try {
      const rows = await copy.db.selectFrom('tickets').select('reference').execute();
      const stored = new Set(rows.map((r) => r.reference));
      for (const reference of references) assert.ok(stored.has(reference), `${reference} missing from the backup`);
      const check = await copy.db.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      assert.ok(Number(check.n) >= references.length);
    } finally {
      await copy.close();
    }
  });

  test('refuses without a file and on PostgreSQL, with a reason', async () => {
    await assert.rejects(runCli(['backup'], env), /usage: careline backup FILE/);
    await assert.rejects(runCli(['backup', join(dir, 'x.db')], { ...env, DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' }), /pg_dump/);
  });
});
