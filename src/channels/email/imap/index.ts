/** IMAP polling for mailboxes hosted elsewhere: settings and UID state, one poll, the periodic poller. */
export { pollMailbox, type PollResult } from './imap-poller.ts';
export { ImapPollerLoop } from './poller-loop.ts';
export { deleteImapSettings, getImapSettings, getImapSource, listImapSettings, sealPlainPasswords, setImapSettings, DEFAULT_KEYWORD, type AfterCommit, type ImapSettings, type ImapSource, type NewImapSettings } from './imap-settings.ts';
export { imapPasswordBox, passwordBox, isSealed, type PasswordBox } from './password-box.ts';
