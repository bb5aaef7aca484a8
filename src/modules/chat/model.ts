import type { Attachment, AuthorType } from '../tickets/index.ts';

/** Where a chat stands for the customer: waiting for an agent, talking to one, or over. */
export type ConversationStatus = 'queued' | 'active' | 'closed';

/** A browser that chats: known by the SHA-256 of its token, linked to a customer once it starts a chat. */
export type Visitor = { id: number; customerId: number | null; verified: boolean };

/** A chat: its ticket (id and reference are the ticket's), who started it and how far its sequence runs. */
export type Conversation = {
  id: number;
  reference: string;
  subject: string;
  category: string;
  status: ConversationStatus;
  ticketStatus: string;
  teamId: number | null;
  assigneeId: number | null;
  agentName: string | null;
  visitorId: number;
  verified: boolean;
  customer: { id: number; name: string | null; email: string | null };
  /** The address a transcript goes to: given in the chat, else the customer's. */
  email: string | null;
  lastSeq: number;
  createdAt: string;
};

/** A message as chat clients see it; internal notes have no seq and reach agents only. */
export type ChatMessage = {
  conversationId: number;
  seq: number | null;
  id: number;
  clientId: string | null;
  internal: boolean;
  author: { type: AuthorType; id: number | null; name: string | null };
  text: string;
  attachments: Attachment[];
  at: string;
};

/** The external id a chat message is stored under: unique per visitor or agent and client id. */
export function chatExternalId(author: { type: 'visitor' | 'agent'; id: number }, clientId: string): string {
  return `chat:${author.type === 'visitor' ? 'v' : 'a'}${author.id}:${clientId}`;
}

/** The client id back out of a chat external id; null for messages from elsewhere. */
export function clientIdOf(externalId: string | null): string | null {
  const m = externalId ? /^chat:[va]\d+:(.+)$/s.exec(externalId) : null;
  return m ? m[1]! : null;
}

/** Limits every chat edge shares. */
export const CHAT_LIMITS = Object.freeze({ text: 10_000, clientId: 64, attachments: 10, name: 200 });
