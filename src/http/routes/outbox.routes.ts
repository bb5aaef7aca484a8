import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Deps } from '../../deps.ts';
import { listOutbox } from '../../modules/outbox/index.ts';
import { findTicket } from '../../modules/tickets/index.ts';
import { outboxJson } from '../presenters.ts';
import { errorResponses, Type } from '../schemas.ts';
import { OutboxEmailSchema, OutboxQuery } from '../trust-schemas.ts';

/** /api/v1/outbox: the mail Careline sent or will send, for admins. */
export function outboxRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<TypeBoxTypeProvider>();

    r.get('/outbox', {
      config: { access: 'outbox:read', audit: 'outbox.viewed' },
      schema: {
        tags: ['outbox'],
        summary: 'Outgoing mail, newest first; status=waiting shows mail held because SMTP_OUTBOUND_URL is not set',
        description: 'Bodies of mail carrying a one-time secret (verification codes and links) are never shown.',
        querystring: OutboxQuery,
        response: { 200: Type.Object({ items: Type.Array(OutboxEmailSchema), next_before: Type.Union([Type.Integer(), Type.Null()]) }), ...errorResponses },
      },
    }, async (request) => {
      const q = request.query;
      const limit = q.limit ?? 50;
      const ticketId = q.ticket !== undefined ? (await findTicket(deps.store.db, q.ticket)).id : undefined;
      const items = await listOutbox(deps.store.db, { limit, ...(q.status ? { status: q.status } : {}), ...(ticketId !== undefined ? { ticketId } : {}), ...(q.before !== undefined ? { before: q.before } : {}) });
      return { items: items.map(outboxJson), next_before: items.length === limit ? items[items.length - 1]!.id : null };
    });
  };
}
