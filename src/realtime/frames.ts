import { AppError } from '../kernel/errors.ts';
import type { StoredEvent } from '../kernel/events.ts';
import { CATEGORIES, type Category } from '../modules/tickets/index.ts';
import { CHAT_LIMITS, IdentityError, type ChatMessage, type Conversation, type SignedChatIdentity } from '../modules/chat/index.ts';

/** A frame as the server sends it: one JSON object with a type. */
export type OutFrame = { type: string } & Record<string, unknown>;

/** Error codes of the protocol (docs/chat-protocol.md). */
export type FrameErrorCode =
  | 'bad_frame' | 'too_large' | 'rate_limited' | 'unauthorized' | 'forbidden' | 'not_found'
  | 'identity_invalid' | 'identity_required' | 'conflict' | 'guard_blocked' | 'internal';

/** A refusal the gateway answers with an error frame; the connection stays unless the caller closes it. */
export class FrameError extends Error {
  constructor(readonly code: FrameErrorCode, message: string) {
    super(message);
  }
}

/** Any thrown value as an error frame; never a stack trace. */
export function errorFrame(error: unknown, ref: string | null): { frame: OutFrame; internal: boolean } {
  let code: FrameErrorCode = 'internal';
  let message = 'Something went wrong on our side; it has been logged.';
  if (error instanceof FrameError) ({ code, message } = error);
  else if (error instanceof IdentityError) ({ code, message } = { code: 'identity_invalid', message: error.message });
  else if (error instanceof AppError) {
    message = error.message;
    const map: Partial<Record<AppError['code'], FrameErrorCode>> = {
      bad_request: 'bad_frame', validation_failed: 'bad_frame', payload_too_large: 'too_large', rate_limited: 'rate_limited',
      unauthorized: 'unauthorized', forbidden: 'forbidden', not_found: 'not_found', conflict: 'conflict', invalid_transition: 'conflict',
      verification_required: 'conflict', guard_blocked: 'guard_blocked', locked: 'forbidden',
    };
    code = map[error.code] ?? 'internal';
    if (code === 'internal') message = 'Something went wrong on our side; it has been logged.';
  }
  return { frame: { type: 'error', code, message, ref }, internal: code === 'internal' };
}

type Raw = Record<string, unknown>;

const bad = (message: string): FrameError => new FrameError('bad_frame', message);

function str(f: Raw, key: string, max: number, required: true): string;
function str(f: Raw, key: string, max: number, required?: false): string | undefined;
function str(f: Raw, key: string, max: number, required = false): string | undefined {
  const v = f[key];
  if (v === undefined || v === null) {
    if (required) throw bad(`"${key}" is required`);
    return undefined;
  }
  if (typeof v !== 'string') throw bad(`"${key}" must be a string`);
  if (v.length > max) throw new FrameError(key === 'text' ? 'too_large' : 'bad_frame', `"${key}" may hold at most ${max} characters`);
  if (required && !v.trim()) throw bad(`"${key}" may not be empty`);
  return v;
}

function int(f: Raw, key: string, required: true): number;
function int(f: Raw, key: string, required?: false): number | undefined;
function int(f: Raw, key: string, required = false): number | undefined {
  const v = f[key];
  if (v === undefined || v === null) {
    if (required) throw bad(`"${key}" is required`);
    return undefined;
  }
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw bad(`"${key}" must be a whole number`);
  return v;
}

function bool(f: Raw, key: string): boolean | undefined {
  const v = f[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw bad(`"${key}" must be true or false`);
  return v;
}

/** The client id of a writing frame: 1–64 printable characters. */
export function clientIdOf(f: Raw): string {
  const id = str(f, 'client_id', CHAT_LIMITS.clientId, true);
  if (!/^[\x21-\x7e]{1,64}$/.test(id)) throw bad('"client_id" must be 1-64 printable ASCII characters');
  return id;
}

/** What an error frame echoes as `ref`: the frame's client_id or id, when it has one. */
export function refOf(f: Raw | null): string | null {
  const ref = f?.client_id ?? f?.id;
  return typeof ref === 'string' ? ref.slice(0, 64) : null;
}

export const text = (f: Raw): string => str(f, 'text', CHAT_LIMITS.text, true);
export const optionalString = (f: Raw, key: string, max = 254): string | undefined => str(f, key, max);
export const requiredInt = (f: Raw, key: string): number => int(f, key, true);
export const optionalInt = (f: Raw, key: string): number | undefined => int(f, key);
export const flag = (f: Raw, key: string): boolean => bool(f, key) ?? false;

/** Upload ids a message names. */
export function attachmentIds(f: Raw): number[] {
  const v = f.attachments;
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.length > CHAT_LIMITS.attachments || !v.every((x) => Number.isSafeInteger(x) && (x as number) > 0)) {
    throw bad(`"attachments" must be a list of at most ${CHAT_LIMITS.attachments} upload ids`);
  }
  return v as number[];
}

export function category(f: Raw): Category | undefined {
  const v = str(f, 'category', 40);
  if (v === undefined) return undefined;
  if (!(CATEGORIES as readonly string[]).includes(v)) throw bad(`"category" must be one of ${CATEGORIES.join(', ')}`);
  return v as Category;
}

/** A hello's signed identity, shape-checked; the signature is checked later. */
export function identity(f: Raw): SignedChatIdentity | undefined {
  const v = f.identity;
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw new FrameError('identity_invalid', '"identity" must be an object');
  const i = v as Raw;
  if (typeof i.jwt === 'string') {
    if (i.jwt.length > 4096) throw new FrameError('identity_invalid', 'The identity token is too long');
    return { jwt: i.jwt };
  }
  if (typeof i.user_id === 'string' && typeof i.email === 'string' && typeof i.signature === 'string' && typeof i.expires === 'number' && i.user_id.length <= 200 && i.email.length <= 254) {
    return { user_id: i.user_id, email: i.email, expires: i.expires, signature: i.signature.slice(0, 128), ...(typeof i.name === 'string' ? { name: i.name.slice(0, 200) } : {}) };
  }
  throw new FrameError('identity_invalid', '"identity" must be {"jwt"} or {"user_id","email","expires","signature"}');
}

/** Parses a text frame into an object with a string type; throws bad_frame otherwise. */
export function parseFrame(raw: string): Raw {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw bad('A frame must be one JSON object');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value) || typeof (value as Raw).type !== 'string') throw bad('A frame must be a JSON object with a "type"');
  return value as Raw;
}

/** A chat message as a frame; customers never see notes (callers filter) nor author ids. */
export function messageFrame(m: ChatMessage, forAgent: boolean): OutFrame {
  return {
    type: 'message',
    conversation_id: m.conversationId,
    seq: m.seq,
    id: m.id,
    client_id: m.clientId,
    author: forAgent ? { type: m.author.type, id: m.author.id, name: m.author.name } : { type: m.author.type, name: m.author.name },
    text: m.text,
    attachments: m.attachments.map((a) => ({ id: a.id, filename: a.filename, content_type: a.contentType, size: a.size })),
    at: m.at,
    ...(forAgent ? { internal: m.internal } : {}),
  };
}

/** A conversation as the customer sees it in welcome and acks. */
export function conversationJson(c: Conversation, queue: { position: number; estimatedWaitSeconds: number } | null): Record<string, unknown> {
  return {
    id: c.id,
    reference: c.reference,
    status: c.status,
    agent: c.agentName ? { name: c.agentName } : null,
    queue: queue ? { position: queue.position, estimated_wait_seconds: queue.estimatedWaitSeconds } : null,
    last_seq: c.lastSeq,
  };
}

/** A chat as the console lists it. */
export function agentChatJson(c: Conversation): Record<string, unknown> {
  return {
    id: c.id,
    reference: c.reference,
    subject: c.subject,
    status: c.status,
    customer: { id: c.customer.id, name: c.customer.name, email: c.customer.email, verified: c.verified },
    last_seq: c.lastSeq,
  };
}

/** A committed domain event as agents receive it. */
export function eventFrame(e: StoredEvent): OutFrame {
  return { type: 'event', event: { id: e.id, type: e.type, ticket_id: e.ticketId, customer_id: e.customerId, actor: e.actor, data: e.data, created_at: e.createdAt } };
}
