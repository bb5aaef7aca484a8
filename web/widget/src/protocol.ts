// The customer side of docs/chat-protocol.md, as the widget reads and writes it.

/** What the host app passes to prove who the visitor is: a JWT, or the HMAC form. */
export type Identity = { jwt: string } | { user_id: string; email: string; name?: string; expires: number; signature: string };

export type Availability = { online: boolean; reason: 'no_agents' | 'outside_hours' | null; teams?: Array<{ slug: string; online: boolean }> };
export type Queue = { position: number; estimated_wait_seconds: number | null };
export type ChatStatus = 'queued' | 'active' | 'closed';

export type Conversation = {
  id: number;
  reference: string;
  status: ChatStatus;
  agent?: { name: string } | null;
  queue?: Queue | null;
  last_seq?: number;
};

export type Attachment = { id: number; filename?: string; name?: string; url?: string; size?: number; content_type?: string };

export type ChatMessage = {
  conversation_id: number;
  seq: number;
  id: number;
  client_id: string | null;
  author: { type: 'customer' | 'agent' | 'system'; name?: string | null };
  text: string;
  attachments?: Attachment[];
  at: string;
};

/** Frames the widget sends that write something; they carry a client_id and are resent until acked. */
export type WriteFrame =
  | { type: 'start'; client_id: string; text: string; name?: string; email?: string; team?: string; category?: string }
  | { type: 'message'; client_id: string; text: string; attachments?: number[] }
  | { type: 'transcript'; client_id: string; email?: string; conversation_id?: number }
  | { type: 'close'; client_id: string };

export type ServerFrame =
  | { type: 'welcome'; visitor_token: string; verified: boolean; customer: { name?: string | null; email?: string | null } | null; availability: Availability; conversation: Conversation | null }
  | { type: 'ack'; client_id: string; seq?: number; message_id?: number; at?: string; offline?: boolean; conversation?: { id: number; reference: string; status: ChatStatus } }
  | ({ type: 'message' } & ChatMessage)
  | ({ type: 'queue'; conversation_id: number } & Queue)
  | { type: 'status'; conversation_id: number; status: ChatStatus; agent?: { name: string } | null }
  | { type: 'typing'; conversation_id: number; author: { type: string; name?: string | null }; active: boolean }
  | { type: 'read'; conversation_id: number; by: string; seq: number }
  | { type: 'error'; code: string; message: string; ref?: string | null }
  | { type: 'pong' };
