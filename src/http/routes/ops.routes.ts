import type { FastifyPluginAsync } from 'fastify';
import type { Registry } from 'prom-client';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../kernel/errors.ts';

/** /healthz (checks the database) and /metrics (Prometheus text format). */
export function opsRoutes(deps: Deps, registry: Registry): FastifyPluginAsync {
  return async (app) => {
    app.get('/healthz', { config: { access: 'public' }, schema: { hide: true } }, async () => {
      try {
        await deps.store.ping();
      } catch {
        throw new AppError('unavailable', 'The database does not answer');
      }
      return { status: 'ok', database: deps.store.dialect, node: deps.config.nodeId };
    });
    app.get('/metrics', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => {
      reply.type(registry.contentType);
      return registry.metrics();
    });
  };
}
