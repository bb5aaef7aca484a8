import type { Agent } from './types.ts';

/** A failed API call: the HTTP status and the problem+json the server sent. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly body: Record<string, unknown>) {
    super(message);
  }
}

/** Not a secret: that this browser signed in last time, so the inbox can be fetched while the session is checked. */
const SIGNED_IN_KEY = 'careline.console.signed-in';
type Listener = () => void;
const onLogout = new Set<Listener>();

// Earlier consoles kept the CSRF token itself in localStorage.
localStorage.removeItem('careline.console.csrf');

let csrfToken: string | null = null;

/**
 * The CSRF token of this tab's session, in memory only: login and two-factor set it, and after
 * a reload GET /auth/me hands it back (same origin only), so no script-readable storage holds it.
 */
export const csrf = {
  get: (): string | null => csrfToken,
  set: (token: string | null): void => {
    csrfToken = token;
    if (token) localStorage.setItem(SIGNED_IN_KEY, '1');
    else localStorage.removeItem(SIGNED_IN_KEY);
  },
  /** Whether this browser was signed in when last used (a hint, not proof). */
  likely: (): boolean => localStorage.getItem(SIGNED_IN_KEY) === '1',
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
