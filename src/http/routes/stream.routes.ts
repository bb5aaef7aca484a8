import type { FastifyPluginAsync } from 'fastify';
import type { Deps } from '../../deps.ts';
import type { StoredEvent } from '../../kernel/events.ts';
import { eventJson } from '../presenters.ts';

/**
 * GET /api/v1/stream: committed domain events as Server-Sent Events, from every node when
 * Redis joins them. For integrations and dashboards; the console's live layer builds on the bus too.
 */
export function streamRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const open = new Set<() => void>();
    app.addHook('onClose', async () => {
      for (const close of [...open]) close();
    });
    app.get('/stream', {
      config: { access: 'tickets:read', rateLimit: false },
      schema: { tags: ['events'], summary: 'Committed domain events as text/event-stream', produces: ['text/event-stream'] },
    }, async (request, reply) => {
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      res.write(': connected\n\n');
      const send = (e: StoredEvent): void => {
        res.write(`id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify({ ...eventJson(e), ticket_id: e.ticketId, customer_id: e.customerId })}\n\n`);
      };
      const unsubscribe = deps.bus.subscribe({ name: `sse-${request.id}`, events: '*', handle: send });
      const heartbeat = setInterval(() => res.write(': ping\n\n'), 15_000);
      const end = (): void => {
        clearInterval(heartbeat);
        unsubscribe();
        open.delete(end);
        res.end();
      };
      open.add(end);
      request.raw.on('close', end);
    });
  };
}
