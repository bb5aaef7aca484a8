import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { readdirSync, readlinkSync, statSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { openTestStore, type TestStore } from '../../test/support/stores.ts';
import type { Tx } from './database.ts';
import { SqliteBatcher } from './sqlite-batcher.ts';

const now = (): string => new Date().toISOString();

/** Inserts a team and reads it back: a write and a read inside the caller's transaction. */
async function addTeam(trx: Tx, slug: string): Promise<{ id: number; slug: string }> {
  const row = await trx.insertInto('teams').values({ name: `Team ${slug}`, slug, created_at: now() }).returning('id').executeTakeFirstOrThrow();
  const back = await trx.selectFrom('teams').select(['id', 'slug']).where('id', '=', row.id).executeTakeFirstOrThrow();
  return back;
}

/** Reads the file through a second connection: it sees only what was committed. */
function committedSlugs(t: TestStore, prefix: string): string[] {
  const raw = new BetterSqlite3(t.url.slice('sqlite:'.length), { readonly: true });
  try {
    const rows = raw.prepare('select slug from teams where slug like ? order by slug').all(`${prefix}%`) as Array<{ slug: string }>;
    return rows.map((r) => r.slug);
  } finally {
    raw.close();
  }
}

describe('SQLite group commit', () => {
  let t: TestStore;
  before(async () => {
    t = await openTestStore('sqlite');
  });
  after(() => t.cleanup());

  test('200 concurrent transactions all commit and each caller gets its own result', async () => {
    const slugs = Array.from({ length: 200 }, (_, i) => `many-${String(i).padStart(3, '0')}`);
    const results = await Promise.all(slugs.map((slug) => t.store.transaction((trx) => addTeam(trx, slug))));
    assert.deepEqual(results.map((r) => r.slug), slugs);
    assert.equal(new Set(results.map((r) => r.id)).size, 200);
    const stored = await t.store.db.selectFrom('teams').select(['id', 'slug']).where('slug', 'like', 'many-%').execute();
    const byId = new Map(stored.map((r) => [r.id, r.slug]));
    for (const r of results) assert.equal(byId.get(r.id), r.slug, `team ${r.id} belongs to the caller that made it`);
    assert.deepEqual(committedSlugs(t, 'many-'), slugs, 'durable and visible to another connection');
  });

  test('one transaction failing inside a batch rolls back only its own writes and only it rejects', async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) =>
        t.store.transaction(async (trx) => {
          const team = await addTeam(trx, `mixed-${String(i).padStart(3, '0')}`);
          if (i === 57) throw new Error('caller 57 changed its mind');
          if (i === 58) await addTeam(trx, 'mixed-000');
          if (i === 59) await sql`select * from no_such_table`.execute(trx);
          await new Promise((r) => setImmediate(r));
          return team.slug;
        }),
      ),
    );
    const rejected = outcomes.flatMap((o, i) => (o.status === 'rejected' ? [i] : []));
    assert.deepEqual(rejected, [57, 58, 59]);
    assert.match(String((outcomes[57] as PromiseRejectedResult).reason), /caller 57 changed its mind/);
    assert.match(String((outcomes[58] as PromiseRejectedResult).reason), /UNIQUE constraint failed/);
    assert.match(String((outcomes[59] as PromiseRejectedResult).reason), /no such table/);
    outcomes.forEach((o, i) => {
      if (o.status === 'fulfilled') assert.equal(o.value, `mixed-${String(i).padStart(3, '0')}`);
    });
    const expected = Array.from({ length: 200 }, (_, i) => i)
      .filter((i) => !rejected.includes(i))
      .map((i) => `mixed-${String(i).padStart(3, '0')}`);
    assert.deepEqual(committedSlugs(t, 'mixed-'), expected);
  });

  test('transactions arriving while a batch commits join the next one and still resolve in order of their own work', async () => {
    const waves: Array<Promise<string>> = [];
    for (let wave = 0; wave < 5; wave++) {
      for (let i = 0; i < 30; i++) waves.push(t.store.transaction(async (trx) => (await addTeam(trx, `wave-${wave}-${String(i).padStart(2, '0')}`)).slug));
      await new Promise((r) => setImmediate(r));
    }
    const slugs = await Promise.all(waves);
    assert.equal(new Set(slugs).size, 150);
    assert.equal(committedSlugs(t, 'wave-').length, 150);
  });

  test('a lone transaction that throws rolls back and rejects; the next one commits', async () => {
    await assert.rejects(
      t.store.transaction(async (trx) => {
        await addTeam(trx, 'lone-a');
        throw new Error('nope');
      }),
      /nope/,
    );
    assert.equal((await t.store.transaction((trx) => addTeam(trx, 'lone-b'))).slug, 'lone-b');
    assert.deepEqual(committedSlugs(t, 'lone-'), ['lone-b']);
  });

  test('savepoint journals stay in memory: a batch of large transactions opens no temp file', async () => {
    // Each caller of a batch runs in a SAVEPOINT, and SQLite keeps the old image of every page it
    // changes in a statement journal. By default that journal moves to a temp file past 64 KiB,
    // which cost the chat path two extra pwrite calls per page; temp_store=MEMORY keeps it in memory.
    await sql`create table scratch (id integer primary key, body text not null)`.execute(t.store.db);
    await t.store.transaction(async (trx) => {
      for (let i = 0; i < 1000; i++) await sql`insert into scratch (body) values (${'x'.repeat(400)})`.execute(trx);
    });
    const tempFiles = (): string[] => {
      const open: string[] = [];
      for (const fd of readdirSync('/proc/self/fd')) {
        try {
          open.push(readlinkSync(`/proc/self/fd/${fd}`));
        } catch {
          // closed while listing
        }
      }
      return open.filter((target) => target.includes('etilqs_'));
    };
    const seen: string[] = [];
    await Promise.all(Array.from({ length: 4 }, (_, caller) =>
      t.store.transaction(async (trx) => {
        // ~100 existing pages changed per caller: ~400 KiB of journal for its savepoint.
        await sql`update scratch set body = ${String(caller).repeat(400)}`.execute(trx);
        seen.push(...tempFiles());
      })));
    assert.deepEqual(seen, [], 'no SQLite temp file was open during the batch');
    const { rows } = await sql<{ n: number }>`select count(*) as n from scratch where body = ${'3'.repeat(400)}`.execute(t.store.db);
    assert.equal(rows[0]?.n, 1000, 'the last caller of the batch wrote every row');
    await sql`drop table scratch`.execute(t.store.db);
  });

  test('the file uses WAL and every commit is synced (synchronous=FULL)', async () => {
    const { rows: sync } = await sql<{ synchronous: number }>`pragma synchronous`.execute(t.store.db);
    assert.equal(sync[0]?.synchronous, 2);
    const { rows: mode } = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(t.store.db);
    assert.equal(mode[0]?.journal_mode, 'wal');
    const raw = new BetterSqlite3(t.url.slice('sqlite:'.length), { readonly: true });
    try {
      assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal', 'WAL is recorded in the file itself');
    } finally {
      raw.close();
    }
  });
});

describe('SQLite group commit under separate arrivals', () => {
  test('transactions started from separate event-loop callbacks share commits', async () => {
    const t = await openTestStore('sqlite');
    const sizes: number[] = [];
    const store = (await import('./database.ts')).openStore(t.url, { onBatch: (n) => sizes.push(n) });
    try {
      const done = await Promise.all(
        Array.from({ length: 50 }, (_, i) => new Promise<{ id: number; slug: string }>((resolve, reject) => {
          setImmediate(() => {
            store.transaction((trx) => addTeam(trx, `apart-${i}`)).then(resolve, reject);
          });
        })),
      );
      assert.equal(done.length, 50);
      assert.equal(sizes.reduce((a, b) => a + b, 0), 50);
      assert.ok(Math.max(...sizes) > 1, `expected shared commits, got batch sizes ${sizes.join(',')}`);
    } finally {
      await store.close();
      await t.cleanup();
    }
  });
});

describe('SQLite group commit with the fsync off the main thread', () => {
  test('callers resolve only after the WAL sync; what arrives during the sync shares the next commit; FULL is back afterwards', async () => {
    const t = await openTestStore('sqlite');
    const sizes: number[] = [];
    let release: () => void = () => {};
    let syncs = 0;
    const syncWal = (): Promise<void> => {
      syncs++;
      return syncs === 1 ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
    };
    const batcher = new SqliteBatcher(t.store.db, (n) => sizes.push(n), syncWal);
    try {
      let firstDone = false;
      const first = batcher.run((trx) => addTeam(trx, 'sync-first')).then((r) => ((firstDone = true), r));
      while (syncs === 0) await new Promise((r) => setImmediate(r));
      assert.deepEqual(committedSlugs(t, 'sync-'), ['sync-first'], 'committed (in the WAL) before the sync');
      const later = Array.from({ length: 30 }, (_, i) =>
        new Promise<{ slug: string }>((resolve, reject) => setTimeout(() => void batcher.run((trx) => addTeam(trx, `sync-later-${String(i).padStart(2, '0')}`)).then(resolve, reject), i % 5)),
      );
      await new Promise((r) => setTimeout(r, 30));
      assert.equal(firstDone, false, 'no caller resolves before its commit is synced');
      assert.deepEqual(sizes, [1], 'nothing else commits while the sync is in flight');
      release();
      await first;
      const slugs = (await Promise.all(later)).map((r) => r.slug);
      assert.equal(slugs.length, 30);
      assert.deepEqual(sizes, [1, 30], 'the 30 that arrived during the sync share one commit');
      assert.equal(syncs, 2);
      const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(t.store.db);
      assert.equal(rows[0]?.synchronous, 2, 'writes outside the batcher still sync in COMMIT');
    } finally {
      release();
      await t.cleanup();
    }
  });

  test('a failed WAL sync rejects the batch instead of acknowledging it', async () => {
    const t = await openTestStore('sqlite');
    const batcher = new SqliteBatcher(t.store.db, () => {}, () => Promise.reject(new Error('EIO: sync failed')));
    try {
      await assert.rejects(batcher.run((trx) => addTeam(trx, 'eio-a')), /EIO/);
    } finally {
      await t.cleanup();
    }
  });
});

describe('SQLite WAL checkpoints off the event loop', () => {
  test('under steady writes the WAL starts again from its beginning, long before the backstop', async () => {
    // A restart due after 512 frames (2 MiB) rather than 4,096: far from the 40 MB the backstop allows, whatever the disk's speed.
    const t = await openTestStore('sqlite', { walRestartFrames: 512 });
    const file = t.url.slice('sqlite:'.length);
    try {
      // ~70 MB from four writers, each committing 50 KB every 5 ms or so: commits land while every checkpoint copies.
      const filler = 'y'.repeat(50_000);
      let next = 0;
      const writer = async (): Promise<void> => {
        while (next < 1_400) {
          const n = next++;
          await t.store.transaction((trx) => trx.insertInto('teams').values({ name: `${filler}${n}`, slug: `wal-${n}`, created_at: now() }).execute());
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      };
      await Promise.all([writer(), writer(), writer(), writer()]);
      const walBytes = statSync(`${file}-wal`).size;
      // The backstop (10,000 pages) lets it reach 40 MB.
      assert.ok(walBytes < 20 * 1024 * 1024, `the WAL file is ${(walBytes / 1024 / 1024).toFixed(1)} MiB after 70 MB of commits`);
      assert.equal((await t.store.db.selectFrom('teams').select((eb) => eb.fn.countAll<number>().as('n')).where('slug', 'like', 'wal-%').executeTakeFirstOrThrow()).n, 1_400);
    } finally {
      await t.cleanup();
    }
  });

  test('commits are copied into the database file by the checkpoint worker, long before SQLite would checkpoint itself', async () => {
    const t = await openTestStore('sqlite');
    const file = t.url.slice('sqlite:'.length);
    try {
      const { rows } = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(t.store.db);
      assert.equal(rows[0]?.wal_autocheckpoint, 10_000, "SQLite's own checkpoint is only a backstop");
      await new Promise((r) => setTimeout(r, 300));
      const before = statSync(file).size;
      // ~2 MB over 40 transactions: about 500 pages, far below the 10,000-page backstop.
      const filler = 'x'.repeat(50_000);
      await Promise.all(Array.from({ length: 40 }, (_, i) => t.store.transaction((trx) => trx.insertInto('teams').values({ name: `${filler}${i}`, slug: `ckpt-${i}`, created_at: now() }).execute())));
      let grown = 0;
      for (let waited = 0; waited < 5_000 && grown < 1_500_000; waited += 50) {
        await new Promise((r) => setTimeout(r, 50));
        grown = statSync(file).size - before;
      }
      assert.ok(grown >= 1_500_000, `the database file grew by ${grown} bytes: the WAL was checkpointed into it`);
      const raw = new BetterSqlite3(file, { readonly: true });
      try {
        assert.equal((raw.prepare(`select count(*) as n from teams where slug like 'ckpt-%'`).get() as { n: number }).n, 40);
      } finally {
        raw.close();
      }
    } finally {
      await t.cleanup();
    }
  });
});
