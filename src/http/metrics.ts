import { Counter, Histogram, Registry, collectDefaultMetrics, Gauge } from 'prom-client';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.ts';

/** Prometheus metrics of one app: HTTP traffic, domain events, jobs by status, process defaults. */
export function registerMetrics(app: FastifyInstance, deps: Deps): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ node: deps.config.nodeId });
  collectDefaultMetrics({ register: registry, prefix: 'careline_' });
  const requests = new Counter({ name: 'careline_http_requests_total', help: 'HTTP requests by route and status', labelNames: ['method', 'route', 'status'], registers: [registry] });
  const duration = new Histogram({
    name: 'careline_http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['method', 'route'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const events = new Counter({ name: 'careline_events_total', help: 'Domain events seen on the bus by this node', labelNames: ['type'], registers: [registry] });
  new Gauge({
    name: 'careline_jobs',
    help: 'Jobs in the durable queue by status',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const rows = await deps.store.db.selectFrom('jobs').select(['status', deps.store.db.fn.countAll<number>().as('n')]).groupBy('status').execute();
      this.reset();
      for (const r of rows) this.set({ status: r.status }, Number(r.n));
    },
  });
  deps.bus.subscribe({ name: 'metrics', events: '*', handle: (e) => void events.inc({ type: e.type }) });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });
  return registry;
}
