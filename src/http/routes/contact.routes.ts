import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.ts';
import { normalizeReference } from '../../kernel/ids.ts';
import { searchArticles, type HelpCenterAnalytics } from '../../modules/helpcenter/index.ts';
import type { Category } from '../../modules/tickets/index.ts';
import type { Site } from '../../../web/helpcenter/layout.ts';
import { paths } from '../../../web/helpcenter/paths.ts';
import type { ContactSuggestion, FieldView } from '../../../web/helpcenter/pages/contact-parts.ts';
import { contactFormPage } from '../../../web/helpcenter/pages/contact-form.page.ts';
import { contactSentPage } from '../../../web/helpcenter/pages/contact-sent.page.ts';
import { contactStartPage } from '../../../web/helpcenter/pages/contact-start.page.ts';
import { messagePage } from '../../../web/helpcenter/pages/message.page.ts';
import { checkContactForm, CONTACT_TOPICS, fieldsOf, isTopic, QUESTION, type CheckedForm, type ContactField } from '../site/contact-form.ts';
import { one, sendPage, type FormBody } from '../site/site-http.ts';
import { submitContact } from '../site/submit-contact.ts';
import { isSessionId, newSessionId, type VisitorGuard } from '../site/visitor.ts';

const PUBLIC = { access: 'public' as const };
const HIDDEN = { hide: true };
const TOPICS = Object.entries(CONTACT_TOPICS).map(([key, label]) => ({ key, label }));

function view(field: ContactField, form: CheckedForm): FieldView {
  const error = form.errors[field.name];
  return { ...field, required: field.required !== undefined, value: form.values[field.name] ?? '', ...(error ? { error } : {}) };
}

/** The contact form: step one with suggestions, step two per topic, the confirmation; deflection is recorded as it goes. */
export function contactRoutes(deps: Deps, ctx: { site: Site; analytics: HelpCenterAnalytics; guard: VisitorGuard }): FastifyPluginAsync {
  const { site, analytics, guard } = ctx;
  const db = deps.store.db;

  async function suggestionsFor(q: string, cs: string, limit: number): Promise<ContactSuggestion[]> {
    if (!q) return [];
    const hits = await searchArticles(db, { q, locale: 'en', limit });
    analytics.recordSearch({ query: q, locale: 'en', resultCount: hits.length, topSlug: hits[0]?.slug ?? null, sessionId: cs });
    return hits.map((h) => ({ title: h.title, href: `${paths.article('en', h.slug)}?from=contact&cs=${cs}`, snippet: h.snippet }));
  }

  async function showForm(request: FastifyRequest, reply: FastifyReply, status: number, topic: Category, form: CheckedForm, cs: string, general?: string): Promise<FastifyReply> {
    const token = guard.token(guard.visitor(request, reply));
    const q = form.values.q ?? '';
    return sendPage(reply, status, contactFormPage(site, {
      topic, topicLabel: CONTACT_TOPICS[topic], contactSession: cs, csrfToken: token,
      fields: fieldsOf(topic).map((f) => view(f, form)),
      ...(general ? { general } : {}),
      suggestions: status === 200 ? await suggestionsFor(q, cs, 3) : [],
      changeHref: `/contact?cs=${cs}&q=${encodeURIComponent(q)}`,
    }), 'private');
  }

  return async (app) => {
    app.get('/contact', { config: PUBLIC, schema: HIDDEN }, async (request, reply) => {
      const query = request.query as Record<string, unknown>;
      const cs = one(query.cs);
      if (!isSessionId(cs)) {
        const fresh = newSessionId();
        analytics.recordContactEvent('visit', fresh);
        const carried = new URLSearchParams(request.url.split('?')[1] ?? '');
        carried.set('cs', fresh);
        return reply.redirect(`/contact?${carried.toString()}`, 303);
      }
      guard.visitor(request, reply);
      const q = one(query.q).replace(/\s+/g, ' ').trim().slice(0, QUESTION.max);
      const topic = one(query.category);
      const wantsForm = one(query.step) === 'details';
      const question = { ...QUESTION, required: true, value: q };
      if (wantsForm && q && isTopic(topic)) {
        return showForm(request, reply, 200, topic, { values: { q }, errors: {} }, cs);
      }
      return sendPage(reply, wantsForm ? 400 : 200, contactStartPage(site, {
        contactSession: cs,
        question: wantsForm && !q ? { ...question, error: QUESTION.required! } : question,
        topics: TOPICS,
        topic,
        ...(wantsForm && !isTopic(topic) ? { topicError: 'Choose the topic closest to your problem' } : {}),
        suggestions: await suggestionsFor(q, cs, 5),
        searched: q !== '',
      }), 'personal');
    });

    app.post('/contact', {
      config: { ...PUBLIC, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: HIDDEN,
    }, async (request, reply) => {
      const body = (request.body ?? {}) as FormBody;
      const topic = one(body.category);
      const cs = isSessionId(body.cs) ? body.cs : newSessionId();
      if (one(body.website) !== '') {
        request.log.info({ ip: request.ip }, 'contact form honeypot filled; dropped');
        return sendPage(reply, 400, messagePage(site, 'en', { title: 'Your request was not sent', body: 'This form could not be accepted. Please try again, or write to us by email.', path: '/contact' }), 'private');
      }
      if (!isTopic(topic)) return reply.redirect(`/contact?cs=${cs}&q=${encodeURIComponent(one(body.q))}&step=details`, 303);
      const form = checkContactForm(topic, body);
      if (!guard.verify(request, body._csrf)) {
        return showForm(request, reply, 403, topic, form, cs, 'Your form expired or was opened in another browser. Please check your answers and send it again.');
      }
      if (Object.keys(form.errors).length > 0) return showForm(request, reply, 400, topic, form, cs);
      const { ticket, secretsRemoved } = await submitContact(deps, { topic, values: form.values, contactSession: cs, openedArticles: guard.openedIn(request, cs) });
      analytics.recordContactEvent('submitted', cs);
      return reply.redirect(`/contact/sent?ref=${encodeURIComponent(ticket.reference)}${secretsRemoved ? '&removed=1' : ''}`, 303);
    });

    app.get('/contact/sent', { config: PUBLIC, schema: HIDDEN }, async (request, reply) => {
      const reference = normalizeReference(one((request.query as Record<string, unknown>).ref));
      if (!reference) return reply.redirect('/contact', 303);
      const removed = one((request.query as Record<string, unknown>).removed) === '1';
      return sendPage(reply, 200, contactSentPage(site, reference, removed), 'private');
    });
  };
}
