import { badRequest } from '../../../kernel/errors.ts';
import type { Db } from '../../../store/database.ts';
import { isSealed, type PasswordBox } from './password-box.ts';

/** What happens on the IMAP server once a message is committed: \Seen plus a keyword, or a move. */
export type AfterCommit = { kind: 'flag'; keyword: string } | { kind: 'move'; folder: string };

/** Where a mailbox hosted elsewhere is polled, and how far it has been read (UIDVALIDITY, last UID). */
export type ImapSettings = {
  mailboxId: number;
  host: string;
  port: number;
  secure: boolean;
  user: string;
  /** In the clear only in memory: stored sealed (AES-256-GCM, see password-box.ts), never returned by the API. */
  password: string;
  folder: string;
  afterCommit: AfterCommit;
  uidValidity: string | null;
  lastUid: number;
};

/** Settings as an admin gives them; without a password the stored one is kept (there must be one). */
export type NewImapSettings = Omit<ImapSettings, 'mailboxId' | 'uidValidity' | 'lastUid' | 'folder' | 'afterCommit' | 'password'> & { password?: string; folder?: string; afterCommit?: AfterCommit };

/** What the API shows of a mailbox's IMAP settings: everything but the password. */
export type ImapSource = Omit<ImapSettings, 'password'> & { polledAt: string | null };

/** The keyword set with \Seen when nothing else is asked for. */
export const DEFAULT_KEYWORD = 'Careline';

type Row = { mailbox_id: number; host: string; port: number; secure: number; username: string; folder: string; after_commit: string; keyword: string; move_to: string | null; uidvalidity: string | null; last_uid: string | number; polled_at: string | null };

function toSource(r: Row): ImapSource {
  return {
    mailboxId: r.mailbox_id,
    host: r.host,
    port: r.port,
    secure: r.secure === 1,
    user: r.username,
    folder: r.folder,
    afterCommit: r.after_commit === 'move' ? { kind: 'move', folder: r.move_to ?? '' } : { kind: 'flag', keyword: r.keyword },
    uidValidity: r.uidvalidity,
    lastUid: Number(r.last_uid),
    polledAt: r.polled_at,
  };
}

const COLUMNS = ['mailbox_id', 'host', 'port', 'secure', 'username', 'folder', 'after_commit', 'keyword', 'move_to', 'uidvalidity', 'last_uid', 'polled_at'] as const;

/** The additional data a mailbox's sealed password is bound to. */
const contextOf = (mailboxId: number): string => `mailbox_imap:${mailboxId}`;

/**
 * Sets (or replaces) a mailbox's IMAP settings, the password sealed by `box` (kept when not
 * given); the UID state starts over when host, user or folder change.
 * @example await setImapSettings(db, box, 3, { host: 'imap.example.com', port: 993, secure: true, user: 'support', password: 'x' }, now)
 */
export async function setImapSettings(db: Db, box: PasswordBox, mailboxId: number, input: NewImapSettings, now: string): Promise<ImapSource> {
  const folder = input.folder?.trim() || 'INBOX';
  const after = input.afterCommit ?? { kind: 'flag', keyword: DEFAULT_KEYWORD };
  if (!input.host.trim()) throw badRequest('IMAP host is required', { host: 'required' });
  if (!Number.isInteger(input.port) || input.port < 1 || input.port > 65535) throw badRequest('IMAP port must be 1-65535', { port: 'invalid' });
  if (!input.user) throw badRequest('IMAP user is required', { user: 'required' });
  if (after.kind === 'flag' && !/^[A-Za-z0-9$_.-]{1,64}$/.test(after.keyword)) throw badRequest('keyword must be an IMAP atom', { keyword: 'invalid' });
  if (after.kind === 'move' && (!after.folder.trim() || after.folder === folder)) throw badRequest('move needs another folder', { moveTo: 'invalid' });
  if (input.password !== undefined && (input.password.length === 0 || input.password.length > 1000)) throw badRequest('IMAP password must be 1-1000 characters', { password: 'invalid' });
  const previous = await getImapSource(db, mailboxId);
  const storedPassword = previous && input.password === undefined ? await sealedPassword(db, mailboxId) : null;
  if (input.password === undefined && storedPassword === null) throw badRequest('IMAP password is required', { password: 'required' });
  const sameSource = previous && previous.host === input.host.trim() && previous.user === input.user && previous.folder === folder;
  const values = {
    host: input.host.trim(),
    port: input.port,
    secure: input.secure ? 1 : 0,
    username: input.user,
    password: input.password === undefined ? storedPassword! : box.seal(input.password, contextOf(mailboxId)),
    folder,
    after_commit: after.kind,
    keyword: after.kind === 'flag' ? after.keyword : DEFAULT_KEYWORD,
    move_to: after.kind === 'move' ? after.folder : null,
    uidvalidity: sameSource ? previous.uidValidity : null,
    last_uid: sameSource ? previous.lastUid : 0,
    updated_at: now,
  };
  await db
    .insertInto('mailbox_imap')
    .values({ mailbox_id: mailboxId, ...values, created_at: now })
    .onConflict((oc) => oc.column('mailbox_id').doUpdateSet(values))
    .execute();
  return (await getImapSource(db, mailboxId))!;
}

async function sealedPassword(db: Db, mailboxId: number): Promise<string | null> {
  return (await db.selectFrom('mailbox_imap').select('password').where('mailbox_id', '=', mailboxId).executeTakeFirst())?.password ?? null;
}

/** A mailbox's IMAP settings without the password (what the API shows), or null when it only receives over SMTP. */
export async function getImapSource(db: Db, mailboxId: number): Promise<ImapSource | null> {
  const row = await db.selectFrom('mailbox_imap').select(COLUMNS).where('mailbox_id', '=', mailboxId).executeTakeFirst();
  return row ? toSource(row) : null;
}

/** A mailbox's IMAP settings with the password opened, for the poller; null when it only receives over SMTP. */
export async function getImapSettings(db: Db, box: PasswordBox, mailboxId: number): Promise<ImapSettings | null> {
  const source = await getImapSource(db, mailboxId);
  const sealed = source && (await sealedPassword(db, mailboxId));
  if (!source || sealed === null) return null;
  const { polledAt: _polledAt, ...rest } = source;
  return { ...rest, password: box.open(sealed, contextOf(mailboxId)) };
}

/** Every mailbox that is polled over IMAP, without passwords. */
export async function listImapSettings(db: Db): Promise<ImapSource[]> {
  return (await db.selectFrom('mailbox_imap').select(COLUMNS).orderBy('mailbox_id').execute()).map(toSource);
}

/** Stops polling a mailbox; false when it was not polled. */
export async function deleteImapSettings(db: Db, mailboxId: number): Promise<boolean> {
  const result = await db.deleteFrom('mailbox_imap').where('mailbox_id', '=', mailboxId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Seals passwords stored in the clear before encryption at rest existed; returns how many. */
export async function sealPlainPasswords(db: Db, box: PasswordBox): Promise<number> {
  const rows = await db.selectFrom('mailbox_imap').select(['mailbox_id', 'password']).execute();
  let sealed = 0;
  for (const row of rows.filter((r) => !isSealed(r.password))) {
    await db.updateTable('mailbox_imap').set({ password: box.seal(row.password, contextOf(row.mailbox_id)) }).where('mailbox_id', '=', row.mailbox_id).where('password', '=', row.password).execute();
    sealed++;
  }
  return sealed;
}

/** Records how far a folder has been read; called only after the message's commit and its flag or move. */
export async function saveUidState(db: Db, mailboxId: number, uidValidity: string, lastUid: number, now: string): Promise<void> {
  await db.updateTable('mailbox_imap').set({ uidvalidity: uidValidity, last_uid: lastUid, polled_at: now }).where('mailbox_id', '=', mailboxId).execute();
}
