import type { FastifyPluginAsync } from 'fastify';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { notFound } from '../../kernel/errors.ts';

const DIR = new URL('../../../web/helpcenter/assets/', import.meta.url);
const TYPES: Record<string, string> = { css: 'text/css; charset=utf-8', js: 'text/javascript; charset=utf-8' };
const FILES = ['site.css', 'site.js'] as const;

type Asset = { body: Buffer; type: string; etag: string };

/** The help center's static files, read once at start; URLs carry a content hash so they can be cached for a year. */
export type SiteAssets = { urls: { css: string; js: string }; plugin: FastifyPluginAsync };

/** Loads web/helpcenter/assets and the plugin serving them at /helpcenter/assets/NAME with long cache headers. */
export function loadSiteAssets(): SiteAssets {
  const assets = new Map<string, Asset>();
  const urls: Record<string, string> = {};
  for (const name of FILES) {
    const body = readFileSync(new URL(name, DIR));
    const hash = createHash('sha256').update(body).digest('base64url').slice(0, 12);
    assets.set(name, { body, type: TYPES[name.split('.').pop()!]!, etag: `"${hash}"` });
    urls[name] = `/helpcenter/assets/${name}?v=${hash}`;
  }
  const plugin: FastifyPluginAsync = async (app) => {
    app.get<{ Params: { file: string } }>('/helpcenter/assets/:file', { config: { access: 'public', rateLimit: false }, schema: { hide: true } }, async (request, reply) => {
      const asset = assets.get(request.params.file);
      if (!asset) throw notFound(`Asset ${request.params.file}`);
      reply.header('cache-control', 'public, max-age=31536000, immutable').header('etag', asset.etag).type(asset.type);
      if (request.headers['if-none-match'] === asset.etag) return reply.code(304).send();
      return reply.send(asset.body);
    });
  };
  return { urls: { css: urls['site.css']!, js: urls['site.js']! }, plugin };
}
