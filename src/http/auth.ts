import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import type { Deps } from '../deps.ts';
import { AppError } from '../kernel/errors.ts';
import { authorize, resolveSession, type Permission, type Principal } from '../modules/identity/index.ts';

export const SESSION_COOKIE = 'careline_session';

/** What a route needs: a permission, or 'public' for routes anyone may call. */
export type Access = Permission | 'public' | 'authenticated';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | null;
    /** The CSRF token of the caller's cookie session (null for API tokens and anonymous calls). */
    csrfToken: string | null;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Who is calling: a bearer token, or a session cookie (whose writes need the CSRF header). */
async function identify(deps: Deps, request: FastifyRequest): Promise<{ principal: Principal; csrfToken: string | null } | null> {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new AppError('unauthorized', 'Authorization must be "Bearer <token>"');
    const principal = await deps.tokens.authenticate(match[1]!, deps.clock.now());
    if (!principal) throw new AppError('unauthorized', 'The API token is unknown or revoked');
    return { principal, csrfToken: null };
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return null;
  const unsigned = request.unsignCookie(cookie);
  if (!unsigned.valid || !unsigned.value) return null;
  const session = await resolveSession(deps.store.db, unsigned.value, deps.clock.now());
  if (!session) return null;
  if (UNSAFE.has(request.method)) {
    const sent = request.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !sameSecret(sent, session.csrfToken)) {
      throw new AppError('forbidden', 'Missing or wrong X-CSRF-Token header for a cookie-authenticated write');
    }
  }
  return { principal: session.principal, csrfToken: session.csrfToken };
}

/** onRequest hook: authenticates and authorizes before the body is even parsed. */
export function accessHook(deps: Deps) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const access = request.routeOptions.config.access;
    request.principal = null;
    request.csrfToken = null;
    if (access === undefined || access === 'public') return;
    const caller = await identify(deps, request);
    if (!caller) throw new AppError('unauthorized', 'Send an API token (Authorization: Bearer …) or log in');
    if (access !== 'authenticated') authorize(caller.principal, access);
    request.principal = caller.principal;
    request.csrfToken = caller.csrfToken;
  };
}

/** The caller on a route that required authentication. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('unauthorized', 'Authentication required');
  return request.principal;
}
