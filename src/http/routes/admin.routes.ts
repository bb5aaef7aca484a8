import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Deps } from '../../deps.ts';
import { listAudit } from '../../modules/identity/index.ts';
import { jobJson } from '../presenters.ts';
import { errorResponses, Id, JobSchema, Type } from '../schemas.ts';

/** /api/v1/jobs (the durable queue, dead jobs included) and /api/v1/audit, for admins. */
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
      config: { access: 'audit:read' },
      schema: {
        tags: ['audit'],
        summary: 'The audit log: logins, tokens, agents and teams changes, newest first',
        querystring: Type.Object({ before: Type.Optional(Id), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({
              id: Type.Integer(), actor_type: Type.String(), actor_id: Type.Union([Type.Integer(), Type.Null()]), action: Type.String(),
              target_type: Type.Union([Type.String(), Type.Null()]), target_id: Type.Union([Type.String(), Type.Null()]), ip: Type.Union([Type.String(), Type.Null()]),
              data: Type.Unknown(), created_at: Type.String(),
            })),
          }),
          ...errorResponses,
        },
      },
    }, async (request) => {
      const rows = await listAudit(deps.store.db, request.query.limit ?? 100, request.query.before);
      return {
        items: rows.map((a) => ({ id: a.id, actor_type: a.actorType, actor_id: a.actorId, action: a.action, target_type: a.targetType, target_id: a.targetId, ip: a.ip, data: a.data, created_at: a.createdAt })),
      };
    });
  };
}
