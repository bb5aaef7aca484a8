import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Deps } from '../../deps.ts';
import { badRequest } from '../../kernel/errors.ts';
import {
  addMessage, CATEGORIES, CHANNELS, countTickets, createTicket, findTicket, listChecklist, listMessages, mergeTickets, setChecklistItem, listTickets, retryOnDuplicate, ticketEvents, updateTicket,
  STATUSES, type Override, type Status, type TicketCounts,
} from '../../modules/tickets/index.ts';
import { authorize } from '../../modules/identity/index.ts';
import { principalOf } from '../auth.ts';
import { checklistJson, eventJson, messageJson, ticketJson } from '../presenters.ts';
import {
  CategorySchema, ChannelSchema, ChecklistItemSchema, Email, errorResponses, EventSchema, Id, Limit, MessageSchema, nullable, page, PrioritySchema,
  StatusSchema, Tag, TicketSchema, TicketWithMessagesSchema, Type,
} from '../schemas.ts';

const Reference = Type.Object({ reference: Type.String({ minLength: 1, maxLength: 40 }) });
const Body = Type.String({ minLength: 1, maxLength: 1_000_000 });

const CreateTicket = Type.Object(
  {
    subject: Type.String({ minLength: 1, maxLength: 500 }),
    body: Type.Optional(Body),
    html: Type.Optional(Body),
    customer: Type.Union([
      Type.Object({ email: Email, name: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false }),
      Type.Object({ id: Id }, { additionalProperties: false }),
    ]),
    channel: Type.Optional(ChannelSchema),
    status: Type.Optional(StatusSchema),
    priority: Type.Optional(PrioritySchema),
    category: Type.Optional(CategorySchema),
    assignee_id: Type.Optional(nullable(Id)),
    team_id: Type.Optional(nullable(Id)),
    tags: Type.Optional(Type.Array(Tag, { maxItems: 50 })),
  },
  { additionalProperties: false },
);

const UpdateTicket = Type.Object(
  {
    subject: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    status: Type.Optional(StatusSchema),
    priority: Type.Optional(PrioritySchema),
    category: Type.Optional(CategorySchema),
    assignee_id: Type.Optional(nullable(Id)),
    team_id: Type.Optional(nullable(Id)),
    tags: Type.Optional(Type.Array(Tag, { maxItems: 50 })),
    override_verification: Type.Optional(Type.Boolean({ description: 'Admins only: solve or close an account ticket whose customer is not verified (audited)' })),
    override_reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  },
  { additionalProperties: false, minProperties: 1 },
);

const AddMessage = Type.Object(
  {
    kind: Type.Optional(Type.Union([Type.Literal('reply'), Type.Literal('note')])),
    body: Type.Optional(Body),
    html: Type.Optional(Body),
    author: Type.Optional(Type.Union([Type.Literal('agent'), Type.Literal('customer')])),
    channel: Type.Optional(ChannelSchema),
    external_id: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    override_guard: Type.Optional(Type.Boolean({ description: 'Admins only: send a reply the outbound guard stopped (needs guard_reason; audited)' })),
    guard_reason: Type.Optional(Type.String({ minLength: 3, maxLength: 500 })),
  },
  { additionalProperties: false },
);

const ListQuery = Type.Object(
  {
    status: Type.Optional(Type.String({ description: 'one status or several, comma-separated' })),
    assignee: Type.Optional(Type.String({ description: 'agent id, "me" or "none"' })),
    team: Type.Optional(Id),
    category: Type.Optional(CategorySchema),
    channel: Type.Optional(ChannelSchema),
    customer: Type.Optional(Type.String({ maxLength: 254, description: 'customer email' })),
    customer_id: Type.Optional(Id),
    tag: Type.Optional(Tag),
    q: Type.Optional(Type.String({
      maxLength: 200,
      description: 'full-text search: the words as a phrase in the subject, any message, or the customer name or email; a trailing * makes the last word a prefix; a reference (CL-…) or an email address also match exactly',
    })),
    cursor: Type.Optional(Type.String({ maxLength: 100 })),
    limit: Type.Optional(Limit),
  },
  { additionalProperties: false },
);

const counts = (keys: readonly string[]) => Type.Object(Object.fromEntries(keys.map((k) => [k, Type.Integer()])));
const TicketCountsSchema = Type.Object(
  {
    views: Type.Object({
      mine: nullable(Type.Integer({ description: "open work assigned to the calling agent; null for an API token" })),
      unassigned: Type.Integer({ description: 'open work nobody is assigned' }),
      open: Type.Integer({ description: 'open work: new, open, pending, on hold' }),
      all: Type.Integer({ description: 'every ticket' }),
    }),
    by_status: counts(STATUSES),
    by_channel: counts(CHANNELS),
    by_category: counts(CATEGORIES),
    by_team: Type.Array(Type.Object({ team_id: nullable(Type.Integer()), count: Type.Integer() })),
  },
  { $id: 'TicketCounts', description: 'by_status counts every ticket; by_channel, by_category and by_team count open work' },
);

const countsJson = (c: TicketCounts) => ({
  views: c.views,
  by_status: c.byStatus,
  by_channel: c.byChannel,
  by_category: c.byCategory,
  by_team: c.byTeam.map((t) => ({ team_id: t.teamId, count: t.count })),
});

function bodyOf(input: { body?: string | undefined; html?: string | undefined }): { text?: string; html?: string } {
  if (input.body === undefined && input.html === undefined) throw badRequest('Send the message as body (text) or html', { body: 'missing' });
  return { ...(input.body !== undefined ? { text: input.body } : {}), ...(input.html !== undefined ? { html: input.html } : {}) };
}

/** An admin's override of a trust check, with where it came from; anyone else gets 403. */
function overrideBy(request: FastifyRequest, reason: string | null): Override {
  authorize(principalOf(request), 'trust:override');
  return { reason, ip: request.ip, userAgent: request.headers['user-agent'] ?? null };
}

function statuses(raw: string | undefined): Status[] | undefined {
  if (raw === undefined) return undefined;
  const list = raw.split(',').map((s) => s.trim()).filter(Boolean);
  for (const s of list) if (!(STATUSES as readonly string[]).includes(s)) throw badRequest(`Unknown status "${s}"; use ${STATUSES.join(', ')}`, { status: 'unknown' });
  return list as Status[];
}

/** /api/v1/tickets: create, list, read, update, messages and history. */
export function ticketRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<TypeBoxTypeProvider>();

    r.post('/tickets', {
      config: { access: 'tickets:write', audit: 'ticket.created' },
      schema: {
        tags: ['tickets'],
        summary: 'Create a ticket with its first message from the customer',
        description: 'An Idempotency-Key header makes retries safe: the same key returns the ticket it created (200).',
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }),
        body: CreateTicket,
        response: { 201: TicketWithMessagesSchema, 200: TicketWithMessagesSchema, ...errorResponses },
      },
    }, async (request, reply) => {
      const principal = principalOf(request);
      const b = request.body;
      const key = request.headers['idempotency-key'];
      const { ticket, created, opening } = await retryOnDuplicate(() => deps.uow((work) =>
        createTicket(work, {
          subject: b.subject,
          body: bodyOf(b),
          customer: 'id' in b.customer ? { id: b.customer.id } : { identity: { kind: 'email', value: b.customer.email }, name: b.customer.name ?? null },
          channel: b.channel ?? 'api',
          ...(b.status ? { status: b.status } : {}),
          ...(b.priority ? { priority: b.priority } : {}),
          ...(b.category ? { category: b.category } : {}),
          assigneeId: b.assignee_id ?? null,
          teamId: b.team_id ?? null,
          tags: b.tags ?? [],
          externalId: key ? `idem:${principal.actor.type}:${'id' in principal.actor ? principal.actor.id : 0}:${key}` : null,
        }, principal.actor),
      ));
      const messages = opening && opening.redactions.length === 0 ? [opening] : await listMessages(deps.store.db, ticket.id);
      const checklist = ticket.triage?.escalation ? await listChecklist(deps.store.db, ticket.id) : [];
      return reply
        .code(created ? 201 : 200)
        .header('location', `/api/v1/tickets/${ticket.reference}`)
        .send({ ...ticketJson(ticket), messages: messages.map(messageJson), checklist: checklist.map(checklistJson) });
    });

    r.get('/tickets', {
      config: { access: 'tickets:read', audit: 'tickets.listed' },
      schema: { tags: ['tickets'], summary: 'List tickets, newest first, with filters and a cursor', querystring: ListQuery, response: { 200: page(TicketSchema), ...errorResponses } },
    }, async (request) => {
      const q = request.query;
      const principal = principalOf(request);
      let assigneeId: number | 'none' | undefined;
      if (q.assignee === 'none') assigneeId = 'none';
      else if (q.assignee === 'me') {
        if (principal.agentId === null) throw badRequest('assignee=me needs a logged-in agent, not an API token', { assignee: 'me' });
        assigneeId = principal.agentId;
      } else if (q.assignee !== undefined) {
        assigneeId = Number(q.assignee);
        if (!Number.isSafeInteger(assigneeId) || assigneeId < 1) throw badRequest('assignee is an agent id, "me" or "none"', { assignee: 'invalid' });
      }
      const status = statuses(q.status);
      if (q.q?.trim()) await deps.store.catchUpSearch();
      const result = await listTickets(deps.store.db, {
        limit: q.limit ?? 25,
        ...(status ? { status } : {}),
        ...(assigneeId !== undefined ? { assigneeId } : {}),
        ...(q.team !== undefined ? { teamId: q.team } : {}),
        ...(q.category ? { category: q.category } : {}),
        ...(q.channel ? { channel: q.channel } : {}),
        ...(q.customer !== undefined ? { customerEmail: q.customer } : {}),
        ...(q.customer_id !== undefined ? { customerId: q.customer_id } : {}),
        ...(q.tag !== undefined ? { tag: q.tag } : {}),
        ...(q.q !== undefined ? { text: q.q } : {}),
        ...(q.cursor !== undefined ? { cursor: q.cursor } : {}),
      });
      return { items: result.items.map(ticketJson), next_cursor: result.nextCursor };
    });

    r.get('/tickets/counts', {
      config: { access: 'tickets:read' },
      schema: { tags: ['tickets'], summary: 'Ticket counts for the inbox views: mine, unassigned, open, all, and open work by status, channel, category and team', response: { 200: TicketCountsSchema, ...errorResponses } },
    }, async (request) => countsJson(await countTickets(deps.store.db, principalOf(request).agentId)));

    r.post('/tickets/:reference/merge', {
      config: { access: 'tickets:write', audit: 'ticket.merged' },
      schema: {
        tags: ['tickets'],
        summary: 'Merge this ticket into another of the same customer; answers with the target',
        description:
          "The source's messages move to the target (in their order), the source is closed with a note linking the target, and both tickets record a ticket.merged event. " +
          'Tickets of different customers, or closed ones, give 409. Repeating a merge that is done returns the target again.',
        params: Reference,
        body: Type.Object({ into: Type.String({ minLength: 1, maxLength: 40, description: 'the reference of the ticket to merge into' }) }, { additionalProperties: false }),
        response: { 200: TicketSchema, ...errorResponses },
      },
    }, async (request) => {
      const { ticket } = await deps.uow((work) => mergeTickets(work, request.params.reference, request.body.into, principalOf(request).actor));
      return ticketJson(ticket);
    });

    r.get('/tickets/:reference', {
      config: { access: 'tickets:read', audit: 'ticket.viewed' },
      schema: { tags: ['tickets'], summary: 'A ticket with its messages, by reference (any case; O/0 and I/L/1 tolerated)', params: Reference, response: { 200: TicketWithMessagesSchema, ...errorResponses } },
    }, async (request) => {
      const ticket = await findTicket(deps.store.db, request.params.reference);
      const messages = await listMessages(deps.store.db, ticket.id);
      const checklist = await listChecklist(deps.store.db, ticket.id);
      return { ...ticketJson(ticket), messages: messages.map(messageJson), checklist: checklist.map(checklistJson) };
    });

    r.patch('/tickets/:reference', {
      config: { access: 'tickets:write', audit: 'ticket.updated' },
      schema: { tags: ['tickets'], summary: 'Change status, priority, category, assignee, team, tags or subject', description: 'Solving or closing an account ticket needs a verified customer (409 verification_required); admins may override_verification (audited).', params: Reference, body: UpdateTicket, response: { 200: TicketSchema, ...errorResponses } },
    }, async (request) => {
      const b = request.body;
      const overrideVerification = b.override_verification === true ? overrideBy(request, b.override_reason ?? null) : undefined;
      const ticket = await deps.uow((work) =>
        updateTicket(work, request.params.reference, {
          ...(b.subject !== undefined ? { subject: b.subject } : {}),
          ...(b.status !== undefined ? { status: b.status } : {}),
          ...(b.priority !== undefined ? { priority: b.priority } : {}),
          ...(b.category !== undefined ? { category: b.category } : {}),
          ...(b.assignee_id !== undefined ? { assigneeId: b.assignee_id } : {}),
          ...(b.team_id !== undefined ? { teamId: b.team_id } : {}),
          ...(b.tags !== undefined ? { tags: b.tags } : {}),
          ...(overrideVerification ? { overrideVerification } : {}),
        }, principalOf(request).actor),
      );
      return ticketJson(ticket);
    });

    r.get('/tickets/:reference/messages', {
      config: { access: 'tickets:read', audit: 'ticket.messages_viewed' },
      schema: { tags: ['tickets'], summary: "A ticket's messages, oldest first", params: Reference, response: { 200: Type.Object({ items: Type.Array(MessageSchema) }), ...errorResponses } },
    }, async (request) => {
      const ticket = await findTicket(deps.store.db, request.params.reference);
      return { items: (await listMessages(deps.store.db, ticket.id)).map(messageJson) };
    });

    r.post('/tickets/:reference/messages', {
      config: { access: 'tickets:write', audit: 'ticket.message_added' },
      schema: {
        tags: ['tickets'],
        summary: 'Add a public reply or an internal note',
        description:
          'external_id (or an Idempotency-Key header) makes retries safe: the same id returns the stored message (200). ' +
          "An agent's public reply that asks the customer for a secret (password, recovery code, 2FA secret, card number) is refused with 422 guard_blocked; " +
          'admins may send it anyway with override_guard and guard_reason, which the audit log records.',
        params: Reference,
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }),
        body: AddMessage,
        response: { 201: MessageSchema, 200: MessageSchema, ...errorResponses },
      },
    }, async (request, reply) => {
      const principal = principalOf(request);
      const b = request.body;
      if (b.override_guard === true && b.guard_reason === undefined) throw badRequest('override_guard needs a guard_reason saying why the reply must ask for it', { guard_reason: 'is required' });
      const guardOverride = b.override_guard === true ? overrideBy(request, b.guard_reason ?? null) : undefined;
      const asCustomer = b.author === 'customer';
      const ticket = asCustomer ? await findTicket(deps.store.db, request.params.reference) : null;
      const externalId = b.external_id ?? request.headers['idempotency-key'] ?? null;
      const { message, created } = await retryOnDuplicate(() => deps.uow((work) =>
        addMessage(work, {
          reference: request.params.reference,
          kind: b.kind ?? 'reply',
          author: asCustomer ? { type: 'customer', id: ticket!.customer.id } : { type: 'agent', id: principal.agentId },
          channel: b.channel ?? 'api',
          body: bodyOf(b),
          externalId,
          ...(guardOverride ? { guardOverride } : {}),
        }, principal.actor),
      ));
      return reply.code(created ? 201 : 200).send(messageJson(message));
    });

    r.patch('/tickets/:reference/checklist/:item', {
      config: { access: 'tickets:write', audit: 'ticket.checklist_updated' },
      schema: {
        tags: ['tickets'],
        summary: "Tick or untick a step of the ticket's security checklist",
        params: Type.Object({ reference: Type.String({ minLength: 1, maxLength: 40 }), item: Id }),
        body: Type.Object({ done: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(ChecklistItemSchema) }), ...errorResponses },
      },
    }, async (request) => {
      const items = await deps.uow((work) => setChecklistItem(work, request.params.reference, request.params.item, request.body.done, principalOf(request).actor));
      return { items: items.map(checklistJson) };
    });

    r.get('/tickets/:reference/events', {
      config: { access: 'tickets:read', audit: 'ticket.events_viewed' },
      schema: { tags: ['tickets'], summary: "The ticket's history: who changed what, when", params: Reference, response: { 200: Type.Object({ items: Type.Array(EventSchema) }), ...errorResponses } },
    }, async (request) => {
      const ticket = await findTicket(deps.store.db, request.params.reference);
      return { items: (await ticketEvents(deps.store.db, ticket.id)).map(eventJson) };
    });
  };
}
