import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.ts';
import { normalizeReference } from '../../kernel/ids.ts';
import { LOCALES, searchArticles, type HelpCenterAnalytics, type Locale } from '../../modules/helpcenter/index.ts';
import type { Category } from '../../modules/tickets/index.ts';
import { contactStringsFor, type ContactStrings } from '../../../web/helpcenter/i18n-contact.ts';
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

/** A question in the reader's language: its label, hint and required message (English where no translation is given). */
function localField(field: ContactField, c: ContactStrings): ContactField {
  const text = c.fields[field.name];
  return text ? { ...field, ...text } : field;
}

/** A field's error in the reader's language: the check that failed, said again in their words. */
function localError(field: ContactField, value: string, english: string, c: ContactStrings): string {
  if (c === contactStringsFor('en')) return english;
  if (value === '') return field.required ?? english;
  if (value.length > field.max) return c.tooLong(field.max, value.length);
  if (field.kind === 'email') return c.badEmail;
  if (field.kind === 'choice') return c.badChoice;
  return english;
}

function view(field: ContactField, form: CheckedForm, c: ContactStrings): FieldView {
  const local = localField(field, c);
  const error = form.errors[field.name];
  const value = form.values[field.name] ?? '';
  return { ...local, required: field.required !== undefined, value, ...(error ? { error: localError(local, value, error, c) } : {}) };
}

const topicLabel = (topic: Category, c: ContactStrings): string => c.topics[topic] ?? CONTACT_TOPICS[topic];

/**
 * The contact form in one locale (/contact, /de/contact): step one with suggestions from the
 * reader's articles (English ones where no translation exists), step two per topic, the
 * confirmation; deflection is recorded as it goes.
 */
function contactPages(app: FastifyInstance, deps: Deps, ctx: { site: Site; analytics: HelpCenterAnalytics; guard: VisitorGuard }, locale: Locale): void {
  const { site, analytics, guard } = ctx;
  const db = deps.store.db;
  const c = contactStringsFor(locale);
  const base = paths.contact(locale);
  const topics = Object.keys(CONTACT_TOPICS).map((key) => ({ key, label: topicLabel(key as Category, c) }));
  const question = localField(QUESTION, c);

  async function suggestionsFor(q: string, cs: string, limit: number): Promise<ContactSuggestion[]> {
    if (!q) return [];
    const hits = await searchArticles(db, { q, locale, limit });
    analytics.recordSearch({ query: q, locale, resultCount: hits.length, topSlug: hits[0]?.slug ?? null, sessionId: cs });
    return hits.map((h) => ({ title: h.title, href: `${paths.article(locale, h.slug)}?from=contact&cs=${cs}`, snippet: h.snippet, ...(h.locale !== locale ? { lang: h.locale } : {}) }));
  }

  async function showForm(request: FastifyRequest, reply: FastifyReply, status: number, topic: Category, form: CheckedForm, cs: string, general?: string): Promise<FastifyReply> {
    const token = guard.token(guard.visitor(request, reply));
    const q = form.values.q ?? '';
    return sendPage(reply, status, contactFormPage(site, locale, {
      topic, topicLabel: topicLabel(topic, c), contactSession: cs, csrfToken: token,
      fields: fieldsOf(topic).map((f) => view(f, form, c)),
      ...(general ? { general } : {}),
      suggestions: status === 200 ? await suggestionsFor(q, cs, 3) : [],
      changeHref: `${base}?cs=${cs}&q=${encodeURIComponent(q)}`,
    }), 'private');
  }

  app.get(base, { config: PUBLIC, schema: HIDDEN }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const cs = one(query.cs);
    if (!isSessionId(cs)) {
      const fresh = newSessionId();
      analytics.recordContactEvent('visit', fresh);
      const carried = new URLSearchParams(request.url.split('?')[1] ?? '');
      carried.set('cs', fresh);
      return reply.redirect(`${base}?${carried.toString()}`, 303);
    }
    guard.visitor(request, reply);
    const q = one(query.q).replace(/\s+/g, ' ').trim().slice(0, QUESTION.max);
    const topic = one(query.category);
    const wantsForm = one(query.step) === 'details';
    const field: FieldView = { ...question, required: true, value: q };
    if (wantsForm && q && isTopic(topic)) {
      return showForm(request, reply, 200, topic, { values: { q }, errors: {} }, cs);
    }
    return sendPage(reply, wantsForm ? 400 : 200, contactStartPage(site, locale, {
      contactSession: cs,
      question: wantsForm && !q ? { ...field, error: question.required! } : field,
      topics,
      topic,
      ...(wantsForm && !isTopic(topic) ? { topicError: c.topicError } : {}),
      suggestions: await suggestionsFor(q, cs, 5),
      searched: q !== '',
    }), 'personal');
  });

  app.post(base, {
    config: { ...PUBLIC, rateLimit: { max: 10, timeWindow: '1 minute' } },
    schema: HIDDEN,
  }, async (request, reply) => {
    const body = (request.body ?? {}) as FormBody;
    const topic = one(body.category);
    const cs = isSessionId(body.cs) ? body.cs : newSessionId();
    if (one(body.website) !== '') {
      request.log.info({ ip: request.ip }, 'contact form honeypot filled; dropped');
      return sendPage(reply, 400, messagePage(site, locale, { title: c.notSentTitle, body: c.notSentBody, path: base }), 'private');
    }
    if (!isTopic(topic)) return reply.redirect(`${base}?cs=${cs}&q=${encodeURIComponent(one(body.q))}&step=details`, 303);
    const form = checkContactForm(topic, body);
    if (!guard.verify(request, body._csrf)) return showForm(request, reply, 403, topic, form, cs, c.expired);
    if (Object.keys(form.errors).length > 0) return showForm(request, reply, 400, topic, form, cs);
    const { ticket, secretsRemoved } = await submitContact(deps, { topic, values: form.values, contactSession: cs, openedArticles: guard.openedIn(request, cs), locale });
    analytics.recordContactEvent('submitted', cs);
    return reply.redirect(`${paths.contactSent(locale)}?ref=${encodeURIComponent(ticket.reference)}${secretsRemoved ? '&removed=1' : ''}`, 303);
  });

  app.get(paths.contactSent(locale), { config: PUBLIC, schema: HIDDEN }, async (request, reply) => {
    const reference = normalizeReference(one((request.query as Record<string, unknown>).ref));
    if (!reference) return reply.redirect(base, 303);
    const removed = one((request.query as Record<string, unknown>).removed) === '1';
    return sendPage(reply, 200, contactSentPage(site, locale, reference, removed), 'private');
  });
}

/** The contact form that deflects, in every locale of the help center. */
export function contactRoutes(deps: Deps, ctx: { site: Site; analytics: HelpCenterAnalytics; guard: VisitorGuard }): FastifyPluginAsync {
  return async (app) => {
    for (const locale of LOCALES) contactPages(app, deps, ctx, locale);
  };
}
