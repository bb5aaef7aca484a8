import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { Deps } from '../../deps.ts';

/** Where `npm run build` (scripts/build.mjs) puts the console's bundle. */
export const CONSOLE_DIST = fileURLToPath(new URL('../../../dist/console/', import.meta.url));

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/**
 * The console's policy: the app-wide one, plus remote https images, which only an email's
 * sandboxed frame asks for after the agent clicks "Load images" (the frame's own CSP blocks
 * them until then).
 */
const csp = (publicUrl: string): string => [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: https:", `connect-src 'self' ${new URL(publicUrl).origin.replace(/^http/, 'ws')}`,
  "frame-src 'self'", "frame-ancestors 'none'", "form-action 'self'", "object-src 'none'", "base-uri 'self'",
].join('; ');

const NOT_BUILT = '<!doctype html><meta charset="utf-8"><title>Console not built</title><p>The console is not built yet: run <code>npm run build</code> (or <code>npm start</code>).</p>';

/**
 * /console: the agent console's single-page app from dist/console. Every client route gets
 * index.html (never cached, so a deploy shows at once); hashed assets are cached for a year.
 * The API behind it does its own authentication; this only serves files.
 */
export function consoleRoutes(deps: Deps, dist = CONSOLE_DIST): FastifyPluginAsync {
  const CSP = csp(deps.config.publicUrl);
  return async (app) => {
    let index: string | null = null;
    const page = async (reply: FastifyReply) => {
      index ??= await readFile(join(dist, 'index.html'), 'utf8').catch(() => null);
      reply.header('content-security-policy', CSP).header('cache-control', 'no-cache').type('text/html; charset=utf-8');
      return index ? reply.send(index) : reply.code(503).send(NOT_BUILT);
    };
    const options = { config: { access: 'public' as const }, schema: { hide: true } };

    app.get('/console', options, async (_request, reply) => page(reply));
    app.get<{ Params: { file: string } }>('/console/assets/:file', options, async (request, reply) => {
      const { file } = request.params;
      const type = TYPES[extname(file)];
      const body = /^[\w.-]+$/.test(file) && !file.startsWith('.') && type ? await readFile(join(dist, 'assets', file)).catch(() => null) : null;
      if (!body) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
      return reply.header('cache-control', 'public, max-age=31536000, immutable').type(type!).send(body);
    });
    app.get('/console/*', options, async (_request, reply) => page(reply));
  };
}
