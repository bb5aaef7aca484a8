import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import { normalizeReference } from '../../kernel/ids.ts';
import { addMessage, findTicket, getTicketById, listMessages, type Ticket } from '../../modules/tickets/index.ts';
import { issueTrackingSession, openTrackingLink, peekTrackingLink, readTrackingSession, requestTrackingLink, TRACKING_COOKIE, TRACKING_SESSION_MS } from '../../modules/tracking/index.ts';
import type { Site } from '../../../web/helpcenter/layout.ts';
import { trackStringsFor } from '../../../web/helpcenter/i18n-track.ts';
import { trackLinkPage, trackPath, trackProblemPage, trackRequestPage, trackSentPage, trackThreadPage } from '../../../web/helpcenter/pages/track.page.ts';
import { LOCALES, type Locale } from '../../modules/helpcenter/index.ts';
import { one, sendPage, type FormBody } from '../site/site-http.ts';
import type { VisitorGuard } from '../site/visitor.ts';

const PUBLIC = { access: 'public' as const };
const HIDDEN = { hide: true };
const MAX_REPLY = 10_000;

type RefParams = { Params: { reference: string } };

/**
 * /track (and /de/track in German): a customer asks for a one-time link by reference and email
 * address (the answer is the same whether they match), the link opens a one-hour session scoped
 * to that one ticket, where they read its public thread and reply. Every form carries the
 * visitor CSRF token. The session cookie is scoped to the locale's /track path.
 */
export function trackRoutes(deps: Deps, ctx: { site: Site; guard: VisitorGuard }): FastifyPluginAsync {
  return async (app) => {
    for (const locale of LOCALES) localeTrackRoutes(app, deps, ctx, locale);
  };
}

function localeTrackRoutes(app: FastifyInstance, deps: Deps, ctx: { site: Site; guard: VisitorGuard }, locale: Locale): void {
  const { site, guard } = ctx;
  const s = trackStringsFor(locale);
  const base = trackPath(locale);
  const secret = deps.config.secrets.sessionKey;
  const secure = deps.config.publicUrl.startsWith('https:');
  const csrf = (request: FastifyRequest, reply: FastifyReply): string => guard.token(guard.visitor(request, reply));

  /** The ticket the session cookie opens, when it is the one named in the URL; 404 for any other. */
  async function sessionTicket(request: FastifyRequest<RefParams>): Promise<Ticket | null> {
    const ticketId = readTrackingSession(secret, request.cookies[TRACKING_COOKIE], deps.clock.now().getTime());
    if (ticketId === null) return null;
    const reference = normalizeReference(request.params.reference);
    const ticket = reference ? await findTicket(deps.store.db, reference).catch(() => null) : null;
    if (!ticket || ticket.id !== ticketId) throw notFound('No such request');
    return ticket;
  }

  async function showThread(request: FastifyRequest, reply: FastifyReply, status: number, ticket: Ticket, extra: { replyError?: string; replied?: boolean } = {}): Promise<FastifyReply> {
    const messages = await listMessages(deps.store.db, ticket.id, { includeNotes: false });
    return sendPage(reply.header('referrer-policy', 'no-referrer'), status, trackThreadPage(site, locale, { ticket, messages, csrfToken: csrf(request, reply), ...extra }), 'private');
  }

  app.get(base, { config: PUBLIC, schema: HIDDEN }, async (request, reply) => sendPage(reply, 200, trackRequestPage(site, locale, { csrfToken: csrf(request, reply) }), 'private'));

  app.post(base, { config: { ...PUBLIC, rateLimit: { max: 5, timeWindow: '1 minute' } }, schema: HIDDEN }, async (request, reply) => {
    const body = (request.body ?? {}) as FormBody;
    const reference = one(body.reference).slice(0, 20);
    const email = one(body.email).slice(0, 254);
    if (!guard.verify(request, body._csrf)) {
      return sendPage(reply, 403, trackRequestPage(site, locale, { csrfToken: csrf(request, reply), reference, email, error: s.expiredForm }), 'private');
    }
    if (!reference.trim() || !email.trim()) {
      return sendPage(reply, 400, trackRequestPage(site, locale, { csrfToken: csrf(request, reply), reference, email, error: s.bothRequired }), 'private');
    }
    const sent = await deps.uow((work) => requestTrackingLink(work, { reference, email }, { outbox: deps.outbox, publicUrl: deps.config.publicUrl, locale }));
    request.log.info({ ip: request.ip, sent }, 'tracking link requested');
    return sendPage(reply, 200, trackSentPage(site, locale), 'private');
  });

  app.get<{ Params: { token: string } }>(`${base}/:token`, { config: PUBLIC, schema: HIDDEN }, async (request, reply) => {
    reply.header('referrer-policy', 'no-referrer');
    const state = await peekTrackingLink(deps.store.db, request.params.token, deps.clock.now().toISOString());
    if (state !== 'valid') return sendPage(reply, state === 'unknown' ? 404 : 410, trackProblemPage(site, locale, state), 'private');
    return sendPage(reply, 200, trackLinkPage(site, locale, { action: `${base}/${request.params.token}`, csrfToken: csrf(request, reply) }), 'private');
  });

  app.post<{ Params: { token: string } }>(`${base}/:token`, { config: { ...PUBLIC, rateLimit: { max: 10, timeWindow: '1 minute' } }, schema: HIDDEN }, async (request, reply) => {
    reply.header('referrer-policy', 'no-referrer');
    if (!guard.verify(request, ((request.body ?? {}) as FormBody)._csrf)) return sendPage(reply, 403, trackProblemPage(site, locale, 'form'), 'private');
    const opened = await deps.uow((work) => openTrackingLink(work, request.params.token));
    if (!opened.ok) return sendPage(reply, opened.state === 'unknown' ? 404 : 410, trackProblemPage(site, locale, opened.state), 'private');
    const ticket = await getTicketById(deps.store.db, opened.ticketId);
    reply.setCookie(TRACKING_COOKIE, issueTrackingSession(secret, ticket.id, deps.clock.now().getTime()), { path: base, httpOnly: true, sameSite: 'strict', secure, maxAge: TRACKING_SESSION_MS / 1000 });
    return reply.redirect(`${base}/request/${ticket.reference}`, 303);
  });

  app.get<RefParams>(`${base}/request/:reference`, { config: PUBLIC, schema: HIDDEN }, async (request, reply) => {
    const ticket = await sessionTicket(request);
    if (!ticket) return sendPage(reply, 401, trackProblemPage(site, locale, 'session'), 'private');
    return showThread(request, reply, 200, ticket, { replied: one((request.query as Record<string, unknown>).replied) === '1' });
  });

  app.post<RefParams>(`${base}/request/:reference/reply`, { config: { ...PUBLIC, rateLimit: { max: 10, timeWindow: '1 minute' } }, schema: HIDDEN }, async (request, reply) => {
    const ticket = await sessionTicket(request);
    if (!ticket) return sendPage(reply, 401, trackProblemPage(site, locale, 'session'), 'private');
    const body = (request.body ?? {}) as FormBody;
    if (!guard.verify(request, body._csrf)) return showThread(request, reply, 403, ticket, { replyError: s.replyExpired });
    const text = one(body.text).trim();
    if (!text || text.length > MAX_REPLY) return showThread(request, reply, 400, ticket, { replyError: text ? s.replyTooLong(MAX_REPLY) : s.replyEmpty });
    const customer = { type: 'customer' as const, id: ticket.customer.id };
    try {
      await deps.uow((work) => addMessage(work, { reference: ticket.reference, kind: 'reply', author: customer, channel: 'web', body: { text } }, customer));
    } catch (error) {
      if (error instanceof AppError && error.code === 'conflict') return showThread(request, reply, 409, await findTicket(deps.store.db, ticket.reference), { replyError: s.replyClosed });
      throw error;
    }
    return reply.redirect(`${base}/request/${ticket.reference}?replied=1`, 303);
  });
}
