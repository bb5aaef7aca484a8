import type { Agent } from './types.ts';

/** A failed API call: the HTTP status and the problem+json the server sent. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly body: Record<string, unknown>) {
    super(message);
  }
}

const CSRF_KEY = 'careline.console.csrf';
type Listener = () => void;
const onLogout = new Set<Listener>();

/** The CSRF token of this browser's session; kept so a reload can still write. */
export const csrf = {
  get: (): string | null => localStorage.getItem(CSRF_KEY),
  set: (token: string | null): void => (token ? localStorage.setItem(CSRF_KEY, token) : localStorage.removeItem(CSRF_KEY)),
};

/** Runs listener whenever the server says the session is gone (401): the app shows the login. */
export function whenLoggedOut(listener: Listener): () => void {
  onLogout.add(listener);
  return () => onLogout.delete(listener);
}

/** JSON over /api/v1 with the session cookie; writes carry X-CSRF-Token. Throws ApiError on a non-2xx. */
export async function api<T>(method: string, path: string, body?: unknown, opts: { quiet401?: boolean } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrf.get() ?? '';
  const res = await fetch(`/api/v1${path}`, { method, headers, credentials: 'same-origin', ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    json = { detail: text };
  }
  if (!res.ok) {
    const code = typeof json.code === 'string' ? json.code : String(res.status);
    const detail = typeof json.detail === 'string' ? json.detail : res.statusText;
    if (res.status === 401 && !opts.quiet401) for (const l of [...onLogout]) l();
    throw new ApiError(res.status, code, detail, json);
  }
  return json as T;
}

/** Whether an endpoint is missing on this server (an older backend): the UI hides that part. */
export const isMissing = (e: unknown): boolean => e instanceof ApiError && e.status === 404 && /No route/.test(e.message);

/** A message for people from any thrown value. */
export const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export type Session = { agent: Agent; csrf_token: string; expires_at: string };
