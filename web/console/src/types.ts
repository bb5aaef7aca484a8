/// <reference lib="dom.iterable" />
// The JSON shapes the console reads from /api/v1 (snake_case, as the server presents them).

export const STATUSES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const CATEGORIES = ['account', 'installation', 'billing', 'sync', 'security', 'general'] as const;
export const CHANNELS = ['email', 'chat', 'web', 'social', 'api'] as const;

export type Agent = { id: number; email: string; name: string; role: 'admin' | 'agent' | 'viewer'; active: boolean; team_ids: number[]; created_at: string };
export type Team = { id: number; name: string; slug: string; created_at: string };
export type Ticket = {
  id: number;
  reference: string;
  subject: string;
  status: string;
  priority: string;
  category: string;
  channel: string;
  customer: { id: number; name: string | null; email: string | null };
  assignee_id: number | null;
  team_id: number | null;
  tags: string[];
  created_at: string;
  updated_at: string;
  unverified_sender: boolean;
  verification?: { status: string };
};
export type Attachment = { id: number; filename: string; content_type: string; size: number };
export type Message = {
  id: number;
  kind: 'reply' | 'note';
  author: { type: 'customer' | 'agent' | 'system'; id: number | null; name: string | null };
  channel: string;
  text: string;
  html: string;
  attachments: Attachment[];
  sender_auth: { unverified: boolean; spf: string; dkim: string; dmarc: string } | null;
  created_at: string;
};
export type TicketFull = Ticket & { messages: Message[] };
export type TicketEvent = { id: number; type: string; actor: { type: string; id?: number }; data: unknown; created_at: string };
export type Customer = { id: number; name: string | null; email: string | null; identities: Array<{ kind: string; value: string; verified: boolean; bouncing?: boolean }> };
export type Page<T> = { items: T[]; next_cursor: string | null };
export type Counts = {
  views: { mine: number | null; unassigned: number; open: number; all: number };
  by_status: Record<string, number>;
  by_channel: Record<string, number>;
  by_category: Record<string, number>;
  by_team: Array<{ team_id: number | null; count: number }>;
};
export type Macro = { id: number; title: string; body: string; actions?: Record<string, unknown> };
