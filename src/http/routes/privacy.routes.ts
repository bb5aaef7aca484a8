import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Deps } from '../../deps.ts';
import { dataDirFiles, eraseCustomer, exportCustomer, type AttachmentFiles } from '../../modules/privacy/index.ts';
import { principalOf } from '../auth.ts';
import { auditJson, checklistJson, customerJson, eventJson, messageJson, outboxJson, ticketJson } from '../presenters.ts';
import { errorResponses, Id, Type } from '../schemas.ts';
import { CustomerExportSchema, ErasureSchema } from '../trust-schemas.ts';

const Params = Type.Object({ id: Id });

/** /api/v1/customers/{id}/export and /erase: a customer's data access and erasure, for admins. */
export function privacyRoutes(deps: Deps, files: AttachmentFiles = dataDirFiles(deps.config.dataDir)): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<TypeBoxTypeProvider>();

    r.get('/customers/:id/export', {
      config: { access: 'privacy:manage', audit: 'customer.exported' },
      schema: {
        tags: ['privacy'],
        summary: 'Everything about a customer as one JSON document (GDPR access and portability)',
        params: Params,
        response: { 200: CustomerExportSchema, ...errorResponses },
      },
    }, async (request, reply) => {
      const x = await exportCustomer(deps.store.db, request.params.id, deps.clock.now().toISOString());
      reply.header('content-disposition', `attachment; filename="careline-customer-${x.customer.id}.json"`).header('cache-control', 'no-store');
      return {
        format: 'careline.customer-export.v1' as const,
        exported_at: x.exportedAt,
        customer: { ...customerJson(x.customer), erased_at: x.erasedAt, merged_from: x.mergedFrom },
        tickets: x.tickets.map((t) => ({
          ...ticketJson(t.ticket),
          messages: t.messages.map(messageJson),
          events: t.events.map(eventJson),
          checklist: t.checklist.map(checklistJson),
          verifications: t.verifications.map((v) => ({ method: v.method, status: v.status, channel: v.channel, created_at: v.createdAt, verified_at: v.verifiedAt, expires_at: v.expiresAt })),
        })),
        outbox: x.outbox.map(outboxJson),
        audit: x.audit.map(auditJson),
      };
    });

    r.post('/customers/:id/erase', {
      config: { access: 'privacy:manage', audit: 'customer.erased' },
      schema: {
        tags: ['privacy'],
        summary: 'Erase a customer (GDPR erasure): messages anonymized, identities removed, tickets kept for reporting',
        description: 'Needs {"confirm": "ERASE"}. Their messages become "[erased]", name, email and identities go, mail to them is cleared, attachment files are deleted; tickets stay with subject "[erased]". Safe to repeat.',
        params: Params,
        body: Type.Object({ confirm: Type.Literal('ERASE', { description: 'type ERASE to confirm' }) }, { additionalProperties: false }),
        response: { 200: ErasureSchema, ...errorResponses },
      },
    }, async (request) => {
      const e = await eraseCustomer(deps.uow, files, deps.log, request.params.id, principalOf(request).actor);
      return { customer_id: e.customerId, erased_at: e.erasedAt, already_erased: e.alreadyErased, tickets: e.tickets, messages: e.messages, attachments: e.attachments, emails: e.emails, files_not_deleted: e.filesNotDeleted };
    });
  };
}
