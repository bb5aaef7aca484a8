import { badRequest } from '../../../kernel/errors.ts';
import type { Db } from '../../../store/database.ts';

/** What happens on the IMAP server once a message is committed: \Seen plus a keyword, or a move. */
export type AfterCommit = { kind: 'flag'; keyword: string } | { kind: 'move'; folder: string };

/** Where a mailbox hosted elsewhere is polled, and how far it has been read (UIDVALIDITY, last UID). */
export type ImapSettings = {
  mailboxId: number;
  host: string;
  port: number;
  secure: boolean;
  user: string;
  /** Stored as given; encrypting it at rest is future work. */
  password: string;
  folder: string;
  afterCommit: AfterCommit;
  uidValidity: string | null;
  lastUid: number;
};

export type NewImapSettings = Omit<ImapSettings, 'mailboxId' | 'uidValidity' | 'lastUid' | 'folder' | 'afterCommit'> & { folder?: string; afterCommit?: AfterCommit };

/** The keyword set with \Seen when nothing else is asked for. */
export const DEFAULT_KEYWORD = 'Careline';

type Row = { mailbox_id: number; host: string; port: number; secure: number; username: string; password: string; folder: string; after_commit: string; keyword: string; move_to: string | null; uidvalidity: string | null; last_uid: string | number };

function toSettings(r: Row): ImapSettings {
  return {
    mailboxId: r.mailbox_id,
    host: r.host,
    port: r.port,
    secure: r.secure === 1,
    user: r.username,
    password: r.password,
    folder: r.folder,
    afterCommit: r.after_commit === 'move' ? { kind: 'move', folder: r.move_to ?? '' } : { kind: 'flag', keyword: r.keyword },
    uidValidity: r.uidvalidity,
    lastUid: Number(r.last_uid),
  };
}

const COLUMNS = ['mailbox_id', 'host', 'port', 'secure', 'username', 'password', 'folder', 'after_commit', 'keyword', 'move_to', 'uidvalidity', 'last_uid'] as const;

/**
 * Sets (or replaces) a mailbox's IMAP settings; the UID state starts over when host, user or folder change.
 * @example await setImapSettings(db, 3, { host: 'imap.example.com', port: 993, secure: true, user: 'support', password: 'x' }, now)
 */
export async function setImapSettings(db: Db, mailboxId: number, input: NewImapSettings, now: string): Promise<ImapSettings> {
  const folder = input.folder?.trim() || 'INBOX';
  const after = input.afterCommit ?? { kind: 'flag', keyword: DEFAULT_KEYWORD };
  if (!input.host.trim()) throw badRequest('IMAP host is required', { host: 'required' });
  if (!Number.isInteger(input.port) || input.port < 1 || input.port > 65535) throw badRequest('IMAP port must be 1-65535', { port: 'invalid' });
  if (!input.user) throw badRequest('IMAP user is required', { user: 'required' });
  if (after.kind === 'flag' && !/^[A-Za-z0-9$_.-]{1,64}$/.test(after.keyword)) throw badRequest('keyword must be an IMAP atom', { keyword: 'invalid' });
  if (after.kind === 'move' && (!after.folder.trim() || after.folder === folder)) throw badRequest('move needs another folder', { moveTo: 'invalid' });
  const previous = await getImapSettings(db, mailboxId);
  const sameSource = previous && previous.host === input.host && previous.user === input.user && previous.folder === folder;
  const values = {
    host: input.host.trim(),
    port: input.port,
    secure: input.secure ? 1 : 0,
    username: input.user,
    password: input.password,
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
  return (await getImapSettings(db, mailboxId))!;
}

/** A mailbox's IMAP settings, or null when it only receives over SMTP. */
export async function getImapSettings(db: Db, mailboxId: number): Promise<ImapSettings | null> {
  const row = await db.selectFrom('mailbox_imap').select(COLUMNS).where('mailbox_id', '=', mailboxId).executeTakeFirst();
  return row ? toSettings(row) : null;
}

/** Every mailbox that is polled over IMAP. */
export async function listImapSettings(db: Db): Promise<ImapSettings[]> {
  return (await db.selectFrom('mailbox_imap').select(COLUMNS).orderBy('mailbox_id').execute()).map(toSettings);
}

/** Records how far a folder has been read; called only after the message's commit and its flag or move. */
export async function saveUidState(db: Db, mailboxId: number, uidValidity: string, lastUid: number, now: string): Promise<void> {
  await db.updateTable('mailbox_imap').set({ uidvalidity: uidValidity, last_uid: lastUid, polled_at: now }).where('mailbox_id', '=', mailboxId).execute();
}
