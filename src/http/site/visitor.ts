import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The anonymous visitor's id; its HMAC is the CSRF token of public forms (signed double submit). */
export const VISITOR_COOKIE = 'careline_visitor';
/** The contact session in which the visitor opened a suggested article, read when they submit. */
export const OPENED_COOKIE = 'careline_contact_opened';

const ID = /^[A-Za-z0-9_-]{16,64}$/;

/** A fresh random id for a visitor or a contact session. */
export function newSessionId(): string {
  return randomBytes(16).toString('base64url');
}

/** Whether a value looks like an id this site made (and so may go into analytics and cookies). */
export function isSessionId(value: unknown): value is string {
  return typeof value === 'string' && ID.test(value);
}

function cookieOptions(secure: boolean, maxAge: number) {
  return { path: '/', httpOnly: true, sameSite: 'strict' as const, secure, maxAge };
}

/**
 * Public-form protection without server state: a per-visitor random id in a SameSite=Strict
 * cookie, and in each form a hidden token that is the id's HMAC. A cross-site page can neither
 * read the cookie nor compute the token, so it cannot forge a matching pair.
 */
export class VisitorGuard {
  constructor(
    private readonly secret: string,
    private readonly secure: boolean,
  ) {}

  /** The visitor's id from the cookie, or a new one set on the reply. */
  visitor(request: FastifyRequest, reply: FastifyReply): string {
    const current = request.cookies[VISITOR_COOKIE];
    if (isSessionId(current)) return current;
    const id = newSessionId();
    reply.setCookie(VISITOR_COOKIE, id, cookieOptions(this.secure, 365 * 86_400));
    return id;
  }

  /** The token a form of this visitor carries in its hidden field. */
  token(visitorId: string): string {
    return createHmac('sha256', this.secret).update(`contact-form:${visitorId}`).digest('base64url');
  }

  /** Whether a posted token belongs to the visitor cookie that came with it. */
  verify(request: FastifyRequest, posted: string | undefined): boolean {
    const visitor = request.cookies[VISITOR_COOKIE];
    if (!isSessionId(visitor) || typeof posted !== 'string') return false;
    const expected = Buffer.from(this.token(visitor));
    const given = Buffer.from(posted);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  /** Remembers that an article was opened from the contact suggestions of this session. */
  markOpened(reply: FastifyReply, contactSession: string): void {
    reply.setCookie(OPENED_COOKIE, contactSession, cookieOptions(this.secure, 86_400));
  }

  /** Whether the visitor opened a suggested article in this contact session before submitting. */
  openedIn(request: FastifyRequest, contactSession: string): boolean {
    return request.cookies[OPENED_COOKIE] === contactSession;
  }
}
