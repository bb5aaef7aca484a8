import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, toProblem } from '../../kernel/errors.ts';
import type { Locale } from '../../modules/helpcenter/index.ts';
import type { Site } from '../../../web/helpcenter/layout.ts';
import { errorPage, notFoundPage } from '../../../web/helpcenter/pages/message.page.ts';

/** A form body as the site reads it: field name to its (last) value. */
export type FormBody = Record<string, string>;

const CACHE = { revalidate: 'no-cache', personal: 'private, no-cache', private: 'no-store' } as const;

/**
 * Sends a rendered page. `revalidate`: anyone's copy, checked each time; `personal`: this
 * visitor's page (it sets cookies), kept only by the browser so Back restores it; `private`:
 * forms with tokens and confirmations, never stored.
 */
export function sendPage(reply: FastifyReply, status: number, page: string, cache: keyof typeof CACHE = 'revalidate'): FastifyReply {
  return reply.code(status).header('cache-control', CACHE[cache]).type('text/html; charset=utf-8').send(page);
}

/** One text value from a query or form field that may be missing or repeated. */
export function one(value: unknown): string {
  if (Array.isArray(value)) return one(value[0]);
  return typeof value === 'string' ? value : '';
}

/** The locale a site URL is in: German under /de/, English elsewhere. */
export function localeOfUrl(url: string): Locale {
  return url === '/de' || url.startsWith('/de/') || url.startsWith('/de?') ? 'de' : 'en';
}

/** Parses HTML form posts (application/x-www-form-urlencoded) into a FormBody, in this plugin only. */
export function acceptForms(app: FastifyInstance, bodyLimit = 64 * 1024): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit }, (_request, body, done) => {
    const form: FormBody = Object.create(null) as FormBody;
    for (const [key, value] of new URLSearchParams(body as string)) form[key] = value;
    done(null, form);
  });
}

/** The status an error answers with: ours by code, Fastify's and plugins' 4xx as they are, anything else 500. */
function statusOf(error: unknown): number {
  if (error instanceof AppError) return toProblem(error).status;
  const status = (error as Partial<FastifyError>).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : 500;
}

/** The site's error handler: HTML pages (404, 429, 4xx, 500) instead of problem+json, no stack traces. */
export function siteErrorHandler(site: Site) {
  return (error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    const status = statusOf(error);
    if (status >= 500) request.log.error({ err: error }, 'help center page failed');
    const locale = localeOfUrl(request.url);
    const path = request.url.split('?')[0]!;
    if (status === 429) reply.header('retry-after', '60');
    return sendPage(reply, status, status === 404 ? notFoundPage(site, locale, path) : errorPage(site, locale, path, status), 'private');
  };
}
