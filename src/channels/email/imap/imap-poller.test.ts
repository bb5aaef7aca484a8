import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ImapFlow } from 'imapflow';
import { loadConfig, ConfigError } from '../../../config.ts';
import { createMailbox, type Mailbox } from '../../../modules/mailboxes/index.ts';
import { testDeps } from '../../../../test/support/builders.ts';
import { dovecotSkip, startDovecot, type TestDovecot } from '../../../../test/support/dovecot.ts';
import { DIALECTS, dialectSkip } from '../../../../test/support/stores.ts';
import { buildEmail } from '../test-kit.ts';
import { withPollLock } from './poll-lock.ts';
import { getImapSettings, imapPasswordBox, pollMailbox, setImapSettings, type AfterCommit } from './index.ts';
import { saveUidState } from './imap-settings.ts';

const skipDovecot = dovecotSkip();
const dialectSkips = Object.fromEntries(await Promise.all(DIALECTS.map(async (d) => [d, await dialectSkip(d)] as const)));
let dovecot: TestDovecot | null = null;
let folderSeq = 0;

async function imap<T>(fn: (client: ImapFlow) => Promise<T>): Promise<T> {
  const client = new ImapFlow({ host: dovecot!.host, port: dovecot!.port, secure: false, auth: { user: dovecot!.user, pass: dovecot!.password }, logger: false });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.logout();
  }
}

/** A fresh folder on the test server holding these raw messages, in order. */
async function folderWith(messages: Buffer[]): Promise<string> {
  const folder = `T${process.pid}x${++folderSeq}`;
  await imap(async (c) => {
    await c.mailboxCreate(folder);
    for (const raw of messages) await c.append(folder, raw);
  });
  return folder;
}

async function flagsIn(folder: string): Promise<Map<number, string[]>> {
  return imap(async (c) => {
    const lock = await c.getMailboxLock(folder);
    try {
      const out = new Map<number, string[]>();
      if ((c.mailbox && c.mailbox.exists) === 0) return out;
      for await (const m of c.fetch('1:*', { uid: true, flags: true }, { uid: true })) out.set(m.uid, [...(m.flags ?? [])].filter((f) => f !== '\\Recent').sort());
      return out;
    } finally {
      lock.release();
    }
  });
}

test('IMAP_POLL_SECONDS defaults to 60 and must be a positive whole number', () => {
  const dir = `/tmp/careline-imap-config-${process.pid}`;
  assert.equal(loadConfig({ CARELINE_DATA_DIR: dir }).imapPollSeconds, 60);
  assert.equal(loadConfig({ CARELINE_DATA_DIR: dir, IMAP_POLL_SECONDS: '15' }).imapPollSeconds, 15);
  assert.throws(() => loadConfig({ CARELINE_DATA_DIR: dir, IMAP_POLL_SECONDS: '0' }), (e: ConfigError) => e.variable === 'IMAP_POLL_SECONDS');
  assert.throws(() => loadConfig({ CARELINE_DATA_DIR: dir, IMAP_POLL_SECONDS: 'soon' }), (e: ConfigError) => e.variable === 'IMAP_POLL_SECONDS');
});

describe('IMAP polling against Dovecot', { skip: skipDovecot }, () => {
  before(async () => {
    dovecot = await startDovecot();
  });
  after(async () => {
    await dovecot?.stop();
  });

  for (const dialect of DIALECTS) {
    describe(`on ${dialect}`, { skip: dialectSkips[dialect] }, () => {
      let deps: Awaited<ReturnType<typeof testDeps>>;
      let seq = 0;
      before(async () => {
        deps = await testDeps(dialect);
      });
      after(() => deps.close());

      async function imapMailbox(folder: string, afterCommit?: AfterCommit): Promise<Mailbox> {
        const mailbox = await createMailbox(deps.store.db, { address: `imap${++seq}@example.com`, category: 'general' }, new Date().toISOString());
        await setImapSettings(deps.store.db, imapPasswordBox(deps.config), mailbox.id, { host: dovecot!.host, port: dovecot!.port, secure: false, user: dovecot!.user, password: dovecot!.password, folder, afterCommit }, new Date().toISOString());
        return mailbox;
      }
      async function storedFor(mailbox: Mailbox): Promise<{ message_id: string; ticket_id: number | null }[]> {
        return deps.store.db.selectFrom('inbound_emails').select(['message_id', 'ticket_id']).where('mailbox_id', '=', mailbox.id).orderBy('id').execute();
      }
      const mail = (tag: string, over: Parameters<typeof buildEmail>[0] = {}): Buffer =>
        buildEmail({ from: `Customer ${tag} <${tag}-${dialect}@customer.example>`, subject: `Vault ${tag}`, messageId: `${tag}-${dialect}-${process.pid}@customer.example`, ...over });

      test('new messages become tickets, then are \\Seen and flagged; a second poll fetches nothing', async () => {
        const folder = await folderWith([mail('a1'), mail('a2')]);
        const mailbox = await imapMailbox(folder);
        const first = await pollMailbox(deps, mailbox.id);
        assert.deepEqual(first, { kind: 'polled', fetched: 2, stored: 2, duplicates: 0, skipped: 0, uidValidityReset: false, stoppedAt: null });
        const stored = await storedFor(mailbox);
        assert.deepEqual(stored.map((s) => s.message_id), [`a1-${dialect}-${process.pid}@customer.example`, `a2-${dialect}-${process.pid}@customer.example`]);
        assert.ok(stored.every((s) => s.ticket_id !== null), 'each message filed on a ticket');
        const ticket = await deps.store.db.selectFrom('tickets').select(['subject']).where('id', '=', stored[0]!.ticket_id!).executeTakeFirstOrThrow();
        assert.equal(ticket.subject, 'Vault a1');
        assert.deepEqual([...(await flagsIn(folder)).values()], [['Careline', '\\Seen'], ['Careline', '\\Seen']]);
        assert.equal((await getImapSettings(deps.store.db, imapPasswordBox(deps.config), mailbox.id))?.lastUid, 2);
        const second = await pollMailbox(deps, mailbox.id);
        assert.equal(second.kind === 'polled' && second.fetched, 0);
        assert.equal((await storedFor(mailbox)).length, 2);
      });

      test('a restart that lost last_uid (crash between commit and advance) refetches but stores nothing twice', async () => {
        const folder = await folderWith([mail('b1'), mail('b2')]);
        const mailbox = await imapMailbox(folder);
        await pollMailbox(deps, mailbox.id);
        const tickets = await deps.store.db.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        const settings = (await getImapSettings(deps.store.db, imapPasswordBox(deps.config), mailbox.id))!;
        await saveUidState(deps.store.db, mailbox.id, settings.uidValidity!, 0, new Date().toISOString());
        const again = await pollMailbox(deps, mailbox.id);
        assert.deepEqual(again.kind === 'polled' && [again.fetched, again.stored, again.duplicates], [2, 0, 2]);
        assert.equal((await storedFor(mailbox)).length, 2);
        const after = await deps.store.db.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        assert.equal(Number(after.n), Number(tickets.n));
      });

      test('the same message delivered twice to the folder (two UIDs, one Message-ID) is stored once', async () => {
        const raw = mail('c1');
        const folder = await folderWith([raw, raw]);
        const mailbox = await imapMailbox(folder);
        const result = await pollMailbox(deps, mailbox.id);
        assert.deepEqual(result.kind === 'polled' && [result.fetched, result.stored, result.duplicates], [2, 1, 1]);
        assert.equal((await storedFor(mailbox)).length, 1);
        assert.deepEqual([...(await flagsIn(folder)).values()], [['Careline', '\\Seen'], ['Careline', '\\Seen']]);
      });

      test('after commit a message can be moved to another folder instead', async () => {
        const folder = await folderWith([mail('d1')]);
        const done = `${folder}done`;
        const mailbox = await imapMailbox(folder, { kind: 'move', folder: done });
        const result = await pollMailbox(deps, mailbox.id);
        assert.equal(result.kind === 'polled' && result.stored, 1);
        assert.equal((await flagsIn(folder)).size, 0);
        assert.equal((await flagsIn(done)).size, 1);
        assert.equal((await storedFor(mailbox)).length, 1);
      });

      test('a UIDVALIDITY change starts over from UID 0 and files what is new', async () => {
        const folder = await folderWith([mail('e1'), mail('e2'), mail('e3')]);
        const mailbox = await imapMailbox(folder);
        await pollMailbox(deps, mailbox.id);
        const before = (await getImapSettings(deps.store.db, imapPasswordBox(deps.config), mailbox.id))!;
        assert.equal(before.lastUid, 3);
        await imap(async (c) => {
          await c.mailboxDelete(folder);
          await c.mailboxCreate(folder);
          await c.append(folder, mail('e1'));
          await c.append(folder, mail('e4'));
        });
        const result = await pollMailbox(deps, mailbox.id);
        assert.deepEqual(result.kind === 'polled' && [result.uidValidityReset, result.fetched, result.stored, result.duplicates], [true, 2, 1, 1]);
        const after = (await getImapSettings(deps.store.db, imapPasswordBox(deps.config), mailbox.id))!;
        assert.notEqual(after.uidValidity, before.uidValidity);
        assert.equal(after.lastUid, 2);
        assert.equal((await storedFor(mailbox)).length, 4);
      });

      test('a message refused for good (no From) or too big is skipped, left unread, and does not block the next', async () => {
        const folder = await folderWith([mail('g1', { from: 'nobody at all' }), mail('g2', { body: 'x'.repeat(5000) }), mail('g3')]);
        const mailbox = await imapMailbox(folder);
        const result = await pollMailbox(deps, mailbox.id, { maxBytes: 2000 });
        assert.deepEqual(result.kind === 'polled' && [result.fetched, result.stored, result.skipped, result.stoppedAt], [3, 1, 2, null]);
        assert.deepEqual((await storedFor(mailbox)).map((s) => s.message_id), [`g3-${dialect}-${process.pid}@customer.example`]);
        assert.deepEqual([...(await flagsIn(folder)).values()], [[], [], ['Careline', '\\Seen']]);
        assert.equal((await getImapSettings(deps.store.db, imapPasswordBox(deps.config), mailbox.id))?.lastUid, 3);
      });

      if (dialect === 'postgres') {
        test('only one node polls a mailbox: the advisory lock turns a second poller away', async () => {
          const folder = await folderWith([mail('f1'), mail('f2'), mail('f3')]);
          const mailbox = await imapMailbox(folder);
          const held = await withPollLock(deps.store, mailbox.id, () => pollMailbox(deps, mailbox.id));
          assert.deepEqual(held, { kind: 'locked' }, 'a poll while another holds the lock fetches nothing');
          assert.equal((await storedFor(mailbox)).length, 0);
          const both = await Promise.all([pollMailbox(deps, mailbox.id), pollMailbox(deps, mailbox.id)]);
          const fetched = both.map((r) => (r.kind === 'polled' ? r.fetched : 0));
          assert.equal(fetched[0]! + fetched[1]!, 3, 'each message fetched by one poller only');
          assert.ok(both.some((r) => r.kind === 'locked') || fetched.includes(0));
          assert.equal((await storedFor(mailbox)).length, 3);
          assert.equal((await pollMailbox(deps, mailbox.id)).kind, 'polled', 'the lock is released after the poll');
        });
      }
    });
  }
});
