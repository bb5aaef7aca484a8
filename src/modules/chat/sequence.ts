import { compiledOnce } from '../../store/compiled-once.ts';
import type { Work } from '../../store/unit-of-work.ts';

/**
 * Gives every public message of a chat that has no sequence number yet the next ones, in id
 * order, in the caller's transaction; returns the messages it numbered with their numbers. The conversation row is
 * locked first (a no-op UPDATE), so concurrent writers on PostgreSQL number one after the
 * other and the numbers run 1, 2, 3… without gaps in commit order. Messages written outside
 * the chat (a reply through the API) are numbered by the next call without `fromMessageId`;
 * a chat write passes the id it just inserted, so only its own messages (and any newer) are
 * looked at, not the whole conversation.
 */
export async function sequencePending(work: Work, ticketId: number, fromMessageId = 0): Promise<Array<{ id: number; seq: number }>> {
  const { trx } = work;
  const lock = await trx
    .updateTable('chat_conversations')
    .set((eb) => ({ last_seq: eb.ref('last_seq') }))
    .where('ticket_id', '=', ticketId)
    .returning('last_seq')
    .executeTakeFirst();
  if (!lock) return [];
  const pending = await trx
    .selectFrom('messages as m')
    .select('m.id')
    .where('m.ticket_id', '=', ticketId)
    .where('m.kind', '=', 'reply')
    .$if(fromMessageId > 0, (q) => q.where('m.id', '>=', fromMessageId))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('chat_messages as cm').select('cm.seq').whereRef('cm.message_id', '=', 'm.id'))))
    .orderBy('m.id')
    .execute();
  if (pending.length === 0) return [];
  await trx
    .insertInto('chat_messages')
    .values(pending.map((p, i) => ({ ticket_id: ticketId, seq: lock.last_seq + i + 1, message_id: p.id })))
    .execute();
  await trx.updateTable('chat_conversations').set({ last_seq: lock.last_seq + pending.length }).where('ticket_id', '=', ticketId).execute();
  return pending.map((p, i) => ({ id: p.id, seq: lock.last_seq + i + 1 }));
}

const nextSeq = compiledOnce((db, ticketId: number) =>
  db.updateTable('chat_conversations').set((eb) => ({ last_seq: eb(eb.ref('last_seq'), '+', 1) })).where('ticket_id', '=', ticketId).returning('last_seq'),
);

const insertSeq = compiledOnce((db, ticketId: number, seq: number, messageId: number) =>
  db.insertInto('chat_messages').values({ ticket_id: ticketId, seq, message_id: messageId }),
);

/**
 * Numbers one message the caller just inserted, in two statements (the increment takes the
 * conversation's row lock): the hot path of a chat message. Use sequencePending when the
 * write may have added more than one public message.
 */
export async function sequenceOne(work: Work, ticketId: number, messageId: number): Promise<number> {
  const row = (await nextSeq(work.trx, ticketId)).rows[0];
  if (!row) throw new Error(`chat ${ticketId} has no conversation row`);
  await insertSeq(work.trx, ticketId, row.last_seq, messageId);
  return row.last_seq;
}
