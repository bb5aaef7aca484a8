import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Deps } from '../../deps.ts';
import { getAgent, login, logout, SESSION_TTL_MS } from '../../modules/identity/index.ts';
import { principalOf, SESSION_COOKIE } from '../auth.ts';
import { agentJson } from '../presenters.ts';
import { AgentSchema, Email, errorResponses, ProblemSchema, Type } from '../schemas.ts';

const Session = Type.Object({ agent: AgentSchema, csrf_token: Type.String(), expires_at: Type.String() });

/** /api/v1/auth: password login to an HttpOnly session cookie, logout, and who am I. */
export function authRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<TypeBoxTypeProvider>();
    const secure = deps.config.publicUrl.startsWith('https:');

    r.post('/auth/login', {
      // Keyed by IP alone: the app-wide key prefers the Authorization header, which a guesser could vary.
      config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute', keyGenerator: (request) => request.ip } },
      schema: {
        tags: ['auth'],
        summary: 'Log in with email and password; sets the session cookie and returns the CSRF token for writes',
        security: [],
        body: Type.Object({ email: Email, password: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
        response: { 200: Session, 423: ProblemSchema, ...errorResponses },
      },
    }, async (request, reply) => {
      const result = await login(deps.store.db, request.body.email, request.body.password, request.ip, deps.clock.now());
      reply.setCookie(SESSION_COOKIE, result.sessionId, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure,
        signed: true,
        maxAge: Math.floor(SESSION_TTL_MS / 1000),
      });
      const agent = await getAgent(deps.store.db, result.principal.agentId!);
      return { agent: agentJson(agent), csrf_token: result.csrfToken, expires_at: result.expiresAt };
    });

    r.post('/auth/logout', {
      config: { access: 'authenticated' },
      schema: { tags: ['auth'], summary: 'End the session', response: { 204: Type.Null(), ...errorResponses } },
    }, async (request, reply) => {
      const raw = request.cookies[SESSION_COOKIE];
      const unsigned = raw ? request.unsignCookie(raw) : null;
      if (unsigned?.valid && unsigned.value) await logout(deps.store.db, unsigned.value);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    });

    r.get('/auth/me', {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'Who is calling: the agent of the session, or the API token',
        response: { 200: Type.Object({ name: Type.String(), role: Type.String(), via: Type.String(), agent: Type.Union([AgentSchema, Type.Null()]) }), ...errorResponses },
      },
    }, async (request) => {
      const p = principalOf(request);
      return { name: p.name, role: p.role, via: p.via, agent: p.agentId ? agentJson(await getAgent(deps.store.db, p.agentId)) : null };
    });
  };
}
