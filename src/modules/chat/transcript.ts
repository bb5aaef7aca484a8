import type { Work } from '../../store/unit-of-work.ts';
import type { Outbox } from '../outbox/index.ts';
import { messagesAfter } from './queries.ts';

/** The plain-text transcript of a chat's public messages, oldest first. */
export async function transcriptText(work: Work, ticketId: number, reference: string): Promise<string> {
  const messages = await messagesAfter(work.trx, ticketId, 0, 5000);
  const lines = messages.map((m) => {
    const who = m.author.type === 'customer' ? 'You' : m.author.type === 'agent' ? (m.author.name ?? 'Support') : 'Careline';
    const files = m.attachments.length ? `\n  (attached: ${m.attachments.map((a) => a.filename).join(', ')})` : '';
    return `[${m.at.slice(0, 16).replace('T', ' ')} UTC] ${who}:\n${m.text}${files}`;
  });
  return [`Transcript of your chat ${reference}`, '', ...lines, '', `Reference: ${reference}. Reply to this email to add to your request.`].join('\n');
}

/** Queues a chat's transcript to an address through the outbox, in the caller's transaction. */
export async function queueTranscript(work: Work, outbox: Outbox, chat: { id: number; reference: string; customerId: number }, to: string): Promise<void> {
  await outbox.queueEmail(work, {
    kind: 'notice',
    to,
    subject: `Your chat transcript [${chat.reference}]`,
    text: await transcriptText(work, chat.id, chat.reference),
    ticketId: chat.id,
    customerId: chat.customerId,
    headers: { 'Auto-Submitted': 'auto-generated' },
  });
}
