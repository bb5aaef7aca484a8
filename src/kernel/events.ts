/** Who did something: an agent, an API token, the customer, or Careline itself. */
export type Actor =
  | { type: 'agent'; id: number }
  | { type: 'token'; id: number }
  | { type: 'customer'; id: number }
  | { type: 'system' };

/** A field change as [before, after]. */
export type Change = readonly [unknown, unknown];

type EventOf<T extends string, D> = {
  type: T;
  ticketId: number | null;
  customerId: number | null;
  actor: Actor;
  data: D;
};

/** Every domain event, recorded with the write that caused it and published after commit. */
export type DomainEvent =
  | EventOf<'ticket.created', { reference: string; subject: string; channel: string; status: string; category: string; priority: string }>
  | EventOf<'ticket.updated', { reference: string; changes: Record<string, Change> }>
  | EventOf<'message.created', { reference: string; messageId: number; kind: 'reply' | 'note'; authorType: string; channel: string }>
  | EventOf<'customer.created', { name: string | null }>
  | EventOf<'customer.merged', { sourceId: number; targetId: number }>
  | EventOf<'customer.erased', { tickets: number; messages: number; attachments: number; emails: number }>
  | EventOf<'ticket.verification_requested', { reference: string; method: 'email'; to: string; expiresAt: string }>
  | EventOf<'ticket.verification_failed', { reference: string; attemptsLeft: number; burned: boolean }>
  | EventOf<'ticket.verified', { reference: string; method: VerificationMethod }>
  | EventOf<'ticket.merged', { reference: string; source: string; target: string; messages: number }>;

/** How a ticket's customer proved who they are. */
export type VerificationMethod = 'email_code' | 'email_link' | 'signed_identity';

export type DomainEventType = DomainEvent['type'];

/** An event as stored: with its id and time. */
export type StoredEvent = DomainEvent & { id: number; createdAt: string };
