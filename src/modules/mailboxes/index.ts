/** Mailboxes: the addresses Careline receives mail at, and where their new tickets go. */
export { createMailbox, findMailbox, getMailbox, listMailboxes, normalizeAddress, type Mailbox, type NewMailbox } from './mailboxes.ts';
