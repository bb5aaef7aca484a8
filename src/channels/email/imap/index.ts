/** IMAP polling for mailboxes hosted elsewhere: settings and UID state, one poll, the periodic poller. */
export { pollMailbox, type PollResult } from './imap-poller.ts';
export { ImapPollerLoop } from './poller-loop.ts';
export { getImapSettings, listImapSettings, setImapSettings, DEFAULT_KEYWORD, type AfterCommit, type ImapSettings, type NewImapSettings } from './imap-settings.ts';
