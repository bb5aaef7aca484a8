import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Readable } from 'node:stream';
import type { Deps } from '../../deps.ts';
import { auditEntries } from '../../modules/identity/index.ts';
import { auditCsv, auditJsonl } from '../audit-export.ts';
import { errorResponses, Type } from '../schemas.ts';
import { auditFilter, AuditExportQuery } from '../trust-schemas.ts';

/** GET /api/v1/audit/export: the whole (filtered) audit log, oldest first, streamed as CSV or JSON Lines. */
export function auditExportRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<TypeBoxTypeProvider>();

    r.get('/audit/export', {
      config: { access: 'audit:read', audit: 'audit.exported' },
      schema: {
        tags: ['audit'],
        summary: 'Export the audit log as CSV or JSON Lines (streamed, oldest first), with the same filters as the list',
        querystring: AuditExportQuery,
        produces: ['text/csv', 'application/x-ndjson'],
        response: { 200: Type.String({ description: 'CSV (id, created_at, actor_type, actor_id, action, target_type, target_id, ip, user_agent, data) or one JSON object per line' }), ...errorResponses },
      },
    }, async (request, reply) => {
      const q = request.query;
      const filter = auditFilter(q);
      // Validate the filters before the 200 goes out: a bad one is a 400, not a broken download.
      await auditEntries(deps.store.db, filter, 1).next();
      const csv = q.format === 'csv';
      const entries = auditEntries(deps.store.db, filter);
      // A stream skips serialization; the cast only satisfies the schema-derived reply type.
      const body = Readable.from(csv ? auditCsv(entries) : auditJsonl(entries)) as unknown as string;
      const day = deps.clock.now().toISOString().slice(0, 10);
      return reply
        .type(csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
        .header('content-disposition', `attachment; filename="careline-audit-${day}.${csv ? 'csv' : 'jsonl'}"`)
        .header('cache-control', 'no-store')
        .send(body);
    });
  };
}
