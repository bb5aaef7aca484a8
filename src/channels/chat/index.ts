/** The chat channel at the edge: what a chat becomes when nobody can take it (an email ticket with a mailed acknowledgement). */
export { startOfflineChat, type OfflineChat, type OfflineTicket } from './offline-chat.ts';
