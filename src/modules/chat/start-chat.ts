import { AppError, badRequest } from '../../kernel/errors.ts';
import type { Actor } from '../../kernel/events.ts';
import type { Work } from '../../store/unit-of-work.ts';
import { findOrCreateCustomer, isEmail } from '../customers/index.ts';
import { findTeam } from '../identity/index.ts';
import { createTicket, signIdentity, verifyBySignedIdentity, type Category } from '../tickets/index.ts';
import { attachUploads } from './uploads.ts';
import { chatExternalId, CHAT_LIMITS, type ChatMessage, type Conversation, type Visitor } from './model.ts';
import { getConversation, messageByExternalId, messagesByIds, openConversationOf } from './queries.ts';
import { sequencePending } from './sequence.ts';
import { linkVisitor } from './visitors.ts';

/** What a visitor's first message carries. */
export type StartChat = {
  clientId: string;
  text: string;
  name?: string | undefined;
  email?: string | undefined;
  team?: string | undefined;
  category?: Category | undefined;
  attachments?: number[] | undefined;
  /** The identity the host app signed at hello: the chat's ticket is recorded as verified by it. */
  verified?: { email: string; secret: string } | undefined;
};

/** What startChat did: the conversation and its first message; created false for a retry. */
export type StartedChat = { conversation: Conversation; message: ChatMessage; created: boolean };

const SYSTEM: Actor = { type: 'system' };

/** A ticket subject from a chat's first message: its first line, cut short. */
export function chatSubject(text: string): string {
  const line = text.trim().split('\n')[0]!.replace(/\s+/g, ' ').trim();
  return line.length > 120 ? `${line.slice(0, 119)}…` : line || 'Chat';
}

/**
 * Opens a chat: the visitor's customer (the verified one, the one it already has, one by the
 * email it gave, or a new one known by the visitor), a `chat` ticket with the first message,
 * and the conversation numbered from 1. The same client id again returns what the first call
 * made. A visitor with a chat still open is told to use it.
 */
export async function startChat(work: Work, visitor: Visitor, input: StartChat): Promise<StartedChat> {
  const { trx } = work;
  const externalId = chatExternalId({ type: 'visitor', id: visitor.id }, input.clientId);
  const seen = await messageByExternalId(trx, externalId);
  if (seen) {
    const conversation = await getConversation(trx, seen.conversationId);
    if (!conversation || conversation.visitorId !== visitor.id) throw new AppError('conflict', 'That client_id was already used');
    return { conversation, message: seen, created: false };
  }
  const open = await openConversationOf(trx, visitor.id);
  if (open) throw new AppError('conflict', `Chat ${open.reference} is still open; send messages to it`, { conversation_id: open.id });
  const email = input.email?.trim();
  if (email && !isEmail(email)) throw badRequest(`"${email.slice(0, 254)}" is not an email address`, { email: 'invalid' });
  const name = input.name?.trim().slice(0, CHAT_LIMITS.name) || null;
  const team = input.team ? await findTeam(trx, input.team) : null;
  if (input.team && !team) throw badRequest(`There is no team "${input.team.slice(0, 60)}"`, { team: 'unknown' });
  let customerId = visitor.customerId;
  if (customerId === null) {
    const identity = email ? { kind: 'email' as const, value: email } : { kind: 'chat_visitor' as const, value: `visitor-${visitor.id}` };
    customerId = (await findOrCreateCustomer(work, identity, name, SYSTEM)).customer.id;
    await linkVisitor(work, visitor, customerId, false);
  }
  const actor: Actor = { type: 'customer', id: customerId };
  const made = await createTicket(work, {
    subject: chatSubject(input.text),
    body: { text: input.text },
    customer: { id: customerId },
    channel: 'chat',
    teamId: team?.id ?? null,
    externalId,
    hints: { formCategory: input.category ?? null },
    ...(input.category ? { category: input.category } : {}),
  }, actor);
  if (!made.created) throw new AppError('conflict', 'That client_id was already used');
  await trx.insertInto('chat_conversations').values({ ticket_id: made.ticket.id, visitor_id: visitor.id, email: email ?? null, created_at: work.now }).execute();
  await attachUploads(work, visitor.id, made.opening.id, input.attachments ?? []);
  if (input.verified) {
    const { email: value, secret } = input.verified;
    await verifyBySignedIdentity(work, made.ticket.reference, { kind: 'email', value, signature: signIdentity(secret, value) }, secret, actor);
  }
  const numbered = await sequencePending(work, made.ticket.id);
  const messages = await messagesByIds(trx, numbered.map((n) => n.id));
  const conversation = (await getConversation(trx, made.ticket.id))!;
  return { conversation, message: messages.find((m) => m.id === made.opening.id)!, created: true };
}
