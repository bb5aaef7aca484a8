import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../kernel/errors.ts';
import { demoPage } from '../../../web/widget/demo-page.ts';

const BUNDLE = new URL('../../../dist/widget/widget.js', import.meta.url);
const PUBLIC = { access: 'public' as const, rateLimit: false as const };
const HIDDEN = { hide: true };

/**
 * /widget.js is one unversioned URL pasted into other sites, so a copy may be used for a day
 * (and a week more while revalidating) rather than a year: an upgrade reaches every host page
 * within a day, and the ETag makes the daily check a 304.
 */
const CACHE_CONTROL = 'public, max-age=86400, stale-while-revalidate=604800';

/** What other origins may fetch with CORS from the embedded widget: no cookies, so `*` is safe. */
const EMBED_PATHS = new Set(['/api/v1/helpcenter/search', '/chat/uploads']);

type Bundle = { body: Buffer; gzip: Buffer; etag: string };

function loadBundle(): Bundle | null {
  let body: Buffer;
  try {
    body = readFileSync(BUNDLE);
  } catch {
    return null;
  }
  return { body, gzip: gzipSync(body, { level: 9 }), etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"` };
}

function etagMatches(header: string | undefined, etag: string): boolean {
  return header !== undefined && header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/**
 * onRequest hook for the few endpoints the widget calls from a host page on another origin:
 * answers their CORS preflight and lets any origin read their answers. Credentials are never
 * allowed, so a host page can act only as the visitor whose token it holds.
 */
export async function embedCorsHook(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (!EMBED_PATHS.has(request.url.split('?')[0]!)) return;
  reply.header('access-control-allow-origin', '*').header('cross-origin-resource-policy', 'cross-origin');
  if (request.method === 'OPTIONS' && request.headers['access-control-request-method']) {
    await reply
      .code(204)
      .header('access-control-allow-methods', 'GET, POST')
      .header('access-control-allow-headers', 'content-type, x-visitor-token')
      .header('access-control-max-age', '86400')
      .send();
  }
}

/** GET /widget.js (the chat widget built into dist/widget/, for any site to embed) and GET /widget/demo. */
export function widgetRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const bundle = loadBundle();
    if (!bundle) deps.log.warn('dist/widget/widget.js is missing: run `npm run build`; /widget.js answers 503 until then');

    app.get('/widget.js', { config: PUBLIC, schema: HIDDEN }, async (request, reply) => {
      if (!bundle) throw new AppError('unavailable', 'The chat widget has not been built on this server (npm run build)');
      reply
        .header('cache-control', CACHE_CONTROL)
        .header('etag', bundle.etag)
        .header('vary', 'accept-encoding')
        .header('access-control-allow-origin', '*')
        .header('cross-origin-resource-policy', 'cross-origin')
        .type('text/javascript; charset=utf-8');
      if (etagMatches(request.headers['if-none-match'], bundle.etag)) return reply.code(304).send();
      if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) return reply.header('content-encoding', 'gzip').send(bundle.gzip);
      return reply.send(bundle.body);
    });

    app.get('/widget/demo', { config: PUBLIC, schema: HIDDEN }, async (_request, reply) =>
      reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(demoPage(deps.config.publicUrl)));
  };
}
