import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Deps } from '../../deps.ts';
import { badRequest } from '../../kernel/errors.ts';
import {
  agentOfSetupToken, dropSetupTokens, enableTotp, getAgent, login, logout, openSession, SESSION_IDLE_MS, SESSION_TTL_MS, startTotpSetup, TotpCipher, totpStatus,
  type LoginResult,
} from '../../modules/identity/index.ts';
import { principalOf, SESSION_COOKIE } from '../auth.ts';
import { agentJson } from '../presenters.ts';
import { AgentSchema, Email, errorResponses, ProblemSchema, Type } from '../schemas.ts';

const Session = Type.Object({ agent: AgentSchema, csrf_token: Type.String(), expires_at: Type.String() });
const TotpSetupSchema = Type.Object({
  secret: Type.String({ description: 'base32, for typing into an authenticator app' }),
  otpauth_url: Type.String({ description: 'otpauth://totp/… for a QR code' }),
});
const Code = Type.String({ minLength: 1, maxLength: 10, description: 'the 6-digit code the authenticator app shows' });
const SetupToken = Type.String({ minLength: 10, maxLength: 200, description: 'from the totp_setup_required problem (errors.setup_token)' });
/** Keyed by IP alone: the app-wide key prefers the Authorization header, which a guesser could vary. */
const byIp = { max: 10, timeWindow: '1 minute', keyGenerator: (request: FastifyRequest) => request.ip };

/** /api/v1/auth: password (+ TOTP) login to an HttpOnly session cookie, two-factor enrolment, logout, and who am I. */
export function authRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<TypeBoxTypeProvider>();
    const secure = deps.config.publicUrl.startsWith('https:');
    const cipher = new TotpCipher(deps.config.secrets.sessionKey);

    const startSession = async (reply: FastifyReply, result: LoginResult) => {
      reply.setCookie(SESSION_COOKIE, result.sessionId, { path: '/', httpOnly: true, sameSite: 'lax', secure, signed: true, maxAge: Math.floor(SESSION_TTL_MS / 1000) });
      const agent = await getAgent(deps.store.db, result.principal.agentId!);
      return { agent: agentJson(agent), csrf_token: result.csrfToken, expires_at: result.expiresAt };
    };
    const sessionIdOf = (request: FastifyRequest): string | null => {
      const raw = request.cookies[SESSION_COOKIE];
      const unsigned = raw ? request.unsignCookie(raw) : null;
      return unsigned?.valid && unsigned.value ? unsigned.value : null;
    };
    const sessionAgent = (request: FastifyRequest): number => {
      const p = principalOf(request);
      if (p.agentId === null || p.via !== 'session') throw badRequest('Two-factor belongs to an agent: log in with a password first', { session: 'required' });
      return p.agentId;
    };
    const enrolAgent = async (agentId: number, code: string, ip: string, reply: FastifyReply) => {
      const now = deps.clock.now();
      await enableTotp(deps.store.db, cipher, agentId, code, ip, now);
      await dropSetupTokens(deps.store.db, agentId);
      const agent = await getAgent(deps.store.db, agentId);
      return startSession(reply, await openSession(deps.store.db, agent, ip, now));
    };

    r.post('/auth/login', {
      config: { access: 'public', rateLimit: byIp },
      schema: {
        tags: ['auth'],
        summary: 'Log in with email, password and (when two-factor is on) totp_code; sets the session cookie and returns the CSRF token for writes',
        description:
          '401 with code "totp_required": send the current totp_code too. 401 with code "totp_setup_required": the workspace requires two-factor and the agent has none; ' +
          'errors.setup_token (valid 10 minutes) allows only POST /auth/totp/enrol/setup and /auth/totp/enrol/enable. Sessions end after 12 hours, or 2 hours unused.',
        security: [],
        body: Type.Object({ email: Email, password: Type.String({ minLength: 1, maxLength: 200 }), totp_code: Type.Optional(Code) }, { additionalProperties: false }),
        response: { 200: Session, 423: ProblemSchema, ...errorResponses },
      },
    }, async (request, reply) => {
      const b = request.body;
      const result = await login(deps.store.db, b.email, b.password, request.ip, deps.clock.now(), { code: b.totp_code, cipher });
      return startSession(reply, result);
    });

    r.post('/auth/logout', {
      config: { access: 'authenticated' },
      schema: { tags: ['auth'], summary: 'End the session', response: { 204: Type.Null(), ...errorResponses } },
    }, async (request, reply) => {
      const sessionId = sessionIdOf(request);
      if (sessionId) await logout(deps.store.db, sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    });

    r.get('/auth/me', {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: "Who is calling: the agent of the session, or the API token; with two-factor state, session timeouts and the session's CSRF token (the console keeps it in memory, not in storage)",
        response: {
          200: Type.Object({
            name: Type.String(),
            role: Type.String(),
            via: Type.String(),
            agent: Type.Union([AgentSchema, Type.Null()]),
            totp: Type.Union([Type.Object({ enabled: Type.Boolean(), required: Type.Boolean() }), Type.Null()]),
            session: Type.Union([Type.Object({ idle_timeout_seconds: Type.Integer(), max_age_seconds: Type.Integer() }), Type.Null()]),
            csrf_token: Type.Union([Type.String(), Type.Null()], { description: 'For a cookie session: the X-CSRF-Token its writes need. Readable only by pages of this origin (no CORS)' }),
          }),
          ...errorResponses,
        },
      },
    }, async (request) => {
      const p = principalOf(request);
      return {
        name: p.name,
        role: p.role,
        via: p.via,
        agent: p.agentId ? agentJson(await getAgent(deps.store.db, p.agentId)) : null,
        totp: p.agentId ? await totpStatus(deps.store.db, p.agentId) : null,
        session: p.via === 'session' ? { idle_timeout_seconds: SESSION_IDLE_MS / 1000, max_age_seconds: SESSION_TTL_MS / 1000 } : null,
        csrf_token: request.csrfToken,
      };
    });

    r.post('/auth/totp/setup', {
      config: { access: 'authenticated', audit: 'totp.setup_started' },
      schema: {
        tags: ['auth'],
        summary: 'Start two-factor enrolment for the logged-in agent: a new secret to add to an authenticator app',
        response: { 200: TotpSetupSchema, ...errorResponses },
      },
    }, async (request) => {
      const setup = await startTotpSetup(deps.store.db, cipher, sessionAgent(request));
      return { secret: setup.secret, otpauth_url: setup.otpauthUrl };
    });

    r.post('/auth/totp/enable', {
      config: { access: 'authenticated', audit: false, rateLimit: byIp },
      schema: {
        tags: ['auth'],
        summary: "Turn two-factor on with a code from the app; the session is replaced by a new one (new cookie and CSRF token)",
        body: Type.Object({ code: Code }, { additionalProperties: false }),
        response: { 200: Session, ...errorResponses },
      },
    }, async (request, reply) => {
      const agentId = sessionAgent(request);
      const session = await enrolAgent(agentId, request.body.code, request.ip, reply);
      const old = sessionIdOf(request);
      if (old) await logout(deps.store.db, old);
      return session;
    });

    r.post('/auth/totp/enrol/setup', {
      config: { access: 'public', rateLimit: byIp },
      schema: {
        tags: ['auth'],
        summary: 'Start two-factor enrolment with the setup token of a totp_setup_required login',
        security: [],
        body: Type.Object({ setup_token: SetupToken }, { additionalProperties: false }),
        response: { 200: TotpSetupSchema, ...errorResponses },
      },
    }, async (request) => {
      const agentId = await agentOfSetupToken(deps.store.db, request.body.setup_token, deps.clock.now());
      const setup = await startTotpSetup(deps.store.db, cipher, agentId);
      return { secret: setup.secret, otpauth_url: setup.otpauthUrl };
    });

    r.post('/auth/totp/enrol/enable', {
      config: { access: 'public', rateLimit: byIp },
      schema: {
        tags: ['auth'],
        summary: 'Finish enrolment with the setup token and a code from the app; logs the agent in',
        security: [],
        body: Type.Object({ setup_token: SetupToken, code: Code }, { additionalProperties: false }),
        response: { 200: Session, ...errorResponses },
      },
    }, async (request, reply) => {
      const agentId = await agentOfSetupToken(deps.store.db, request.body.setup_token, deps.clock.now());
      return enrolAgent(agentId, request.body.code, request.ip, reply);
    });
  };
}
