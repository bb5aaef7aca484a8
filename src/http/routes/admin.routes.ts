import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Deps } from '../../deps.ts';
import { listAudit } from '../../modules/identity/index.ts';
import { auditJson, jobJson } from '../presenters.ts';
import { errorResponses, Id, JobSchema, Type } from '../schemas.ts';
import { AuditEntrySchema, auditFilter, AuditQuery } from '../trust-schemas.ts';

/** /api/v1/jobs (the durable queue, dead jobs included) and /api/v1/audit (filtered by actor, action, target), for admins. */
export function adminRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<TypeBoxTypeProvider>();

    r.get('/jobs', {
      config: { access: 'jobs:manage' },
      schema: {
        tags: ['jobs'],
        summary: 'Jobs of the durable queue, newest first; status=dead shows the ones that gave up',
        querystring: Type.Object({ status: Type.Optional(Type.Enum(['queued', 'running', 'done', 'dead'])), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(JobSchema) }), ...errorResponses },
      },
    }, async (request) => ({ items: (await deps.jobs.list(request.query.status, request.query.limit ?? 50)).map(jobJson) }));

    r.post('/jobs/:id/retry', {
      config: { access: 'jobs:manage' },
      schema: { tags: ['jobs'], summary: 'Run a dead job again now', params: Type.Object({ id: Id }), response: { 200: JobSchema, ...errorResponses } },
    }, async (request) => jobJson(await deps.jobs.retry(request.params.id)));

    r.get('/audit', {
      config: { access: 'audit:read', audit: 'audit.viewed' },
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first: logins, changes, and every read of customer data (who, what, target, when, IP, user agent)',
        querystring: AuditQuery,
        response: { 200: Type.Object({ items: Type.Array(AuditEntrySchema) }), ...errorResponses },
      },
    }, async (request) => {
      const q = request.query;
      const rows = await listAudit(deps.store.db, { limit: q.limit ?? 100, ...(q.before !== undefined ? { before: q.before } : {}), ...auditFilter(q) });
      return { items: rows.map(auditJson) };
    });
  };
}
