import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Deps } from '../../deps.ts';
import { recordAudit } from '../../modules/identity/index.ts';
import { createMailbox, listMailboxes, type Mailbox } from '../../modules/mailboxes/index.ts';
import { principalOf } from '../auth.ts';
import { CategorySchema, Email, errorResponses, Id, nullable, PrioritySchema, Timestamp, Type } from '../schemas.ts';

const MailboxSchema = Type.Object(
  {
    id: Type.Integer(),
    address: Type.String(),
    name: Type.String(),
    category: CategorySchema,
    priority: nullable(PrioritySchema),
    team_id: nullable(Type.Integer()),
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { $id: 'Mailbox', description: 'An address Careline receives mail at, and where its new tickets go' },
);

const CreateMailbox = Type.Object(
  {
    address: Email,
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    category: CategorySchema,
    priority: Type.Optional(nullable(PrioritySchema)),
    team_id: Type.Optional(nullable(Id)),
  },
  { additionalProperties: false },
);

const mailboxJson = (m: Mailbox) => ({
  id: m.id,
  address: m.address,
  name: m.name,
  category: m.category,
  priority: m.priority,
  team_id: m.teamId,
  created_at: m.createdAt,
  updated_at: m.updatedAt,
});

/** /api/v1/mailboxes: everyone signed in reads them; admins add them. */
export function mailboxRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<TypeBoxTypeProvider>();

    r.get('/mailboxes', {
      config: { access: 'tickets:read' },
      schema: { tags: ['mailboxes'], summary: 'List the mailboxes mail is received at', response: { 200: Type.Object({ items: Type.Array(MailboxSchema) }), ...errorResponses } },
    }, async () => ({ items: (await listMailboxes(deps.store.db)).map(mailboxJson) }));

    r.post('/mailboxes', {
      config: { access: 'mailboxes:manage' },
      schema: { tags: ['mailboxes'], summary: 'Receive mail at a new address', body: CreateMailbox, response: { 201: MailboxSchema, ...errorResponses } },
    }, async (request, reply) => {
      const b = request.body;
      const now = deps.clock.now().toISOString();
      const mailbox = await deps.store.transaction(async (trx) => {
        const made = await createMailbox(trx, { address: b.address, name: b.name ?? null, category: b.category, priority: b.priority ?? null, teamId: b.team_id ?? null }, now);
        await recordAudit(trx, { actor: principalOf(request).actor, action: 'mailbox.created', targetType: 'mailbox', targetId: made.id, ip: request.ip, data: { address: made.address } }, now);
        return made;
      });
      return reply.code(201).send(mailboxJson(mailbox));
    });
  };
}
