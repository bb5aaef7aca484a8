import { createHmac, timingSafeEqual } from 'node:crypto';

/** The cookie a used tracking link sets: one ticket, signed, for an hour. */
export const TRACKING_COOKIE = 'careline_track';
/** How long a tracking session lasts. */
export const TRACKING_SESSION_MS = 60 * 60_000;

const sign = (secret: string, payload: string): string => createHmac('sha256', `tracking:${secret}`).update(payload).digest('base64url');

/** A session value for one ticket: `ticketId.expiresAtMs.signature`, nothing stored server-side. */
export function issueTrackingSession(secret: string, ticketId: number, nowMs: number): string {
  const payload = `${ticketId}.${nowMs + TRACKING_SESSION_MS}`;
  return `${payload}.${sign(secret, payload)}`;
}

/** The ticket a session value grants, or null when it is forged, malformed or expired. */
export function readTrackingSession(secret: string, value: string | undefined, nowMs: number): number | null {
  const m = /^(\d{1,12})\.(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(value ?? '');
  if (!m) return null;
  const expected = Buffer.from(sign(secret, `${m[1]}.${m[2]}`));
  const given = Buffer.from(m[3]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return Number(m[2]) > nowMs ? Number(m[1]) : null;
}
