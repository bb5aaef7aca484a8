import { AppError } from '../../kernel/errors.ts';
import type { Actor } from '../../kernel/events.ts';
import type { Work } from '../../store/unit-of-work.ts';
import type { Outbox } from '../outbox/index.ts';
import { updateTicket } from '../tickets/index.ts';
import type { Conversation } from './model.ts';
import { getConversation } from './queries.ts';
import { queueTranscript } from './transcript.ts';

/**
 * Ends a chat: the conversation is closed and its ticket solved (an account ticket whose
 * customer is not verified stays open for an agent to finish), and the transcript is mailed
 * when an address is known. Closing a closed chat changes nothing.
 */
export async function closeChat(work: Work, outbox: Outbox, ticketId: number, actor: Actor): Promise<{ conversation: Conversation; closed: boolean }> {
  const before = await getConversation(work.trx, ticketId);
  if (!before) throw new AppError('not_found', `Chat ${ticketId} was not found`);
  const already = await work.trx.selectFrom('chat_conversations').select('closed_at').where('ticket_id', '=', ticketId).executeTakeFirstOrThrow();
  if (already.closed_at) return { conversation: before, closed: false };
  await work.trx.updateTable('chat_conversations').set({ closed_at: work.now }).where('ticket_id', '=', ticketId).execute();
  if (before.ticketStatus !== 'solved' && before.ticketStatus !== 'closed') {
    try {
      await updateTicket(work, before.reference, { status: 'solved' }, actor);
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'verification_required')) throw error;
    }
  }
  if (before.email) await queueTranscript(work, outbox, { id: before.id, reference: before.reference, customerId: before.customer.id }, before.email);
  return { conversation: (await getConversation(work.trx, ticketId))!, closed: true };
}
