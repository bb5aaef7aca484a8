import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Deps } from '../../deps.ts';
import { applyMacro, createMacro, deleteMacro, getMacro, listMacros, PLACEHOLDERS, updateMacro, type Macro, type MacroActions } from '../../modules/macros/index.ts';
import { principalOf } from '../auth.ts';
import { ticketJson } from '../presenters.ts';
import { CategorySchema, errorResponses, Id, nullable, PrioritySchema, StatusSchema, Tag, TicketSchema, Timestamp, Type } from '../schemas.ts';

const Actions = Type.Object(
  {
    status: Type.Optional(StatusSchema),
    priority: Type.Optional(PrioritySchema),
    category: Type.Optional(CategorySchema),
    team: Type.Optional(nullable(Id)),
    assignee: Type.Optional(Type.Union([Id, Type.Null(), Type.Literal('me')], { description: 'an agent id, null to unassign, or "me": the agent applying the macro' })),
    add_tags: Type.Optional(Type.Array(Tag, { maxItems: 20 })),
  },
  { additionalProperties: false },
);
const Title = Type.String({ minLength: 1, maxLength: 200 });
const Body = Type.String({ minLength: 1, maxLength: 20_000, description: `plain text; placeholders ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}, each with an optional fallback: {{customer.first_name | there}}` });
const MacroSchema = Type.Object(
  { id: Type.Integer(), title: Type.String(), body: Type.String(), actions: Actions, created_at: Timestamp, updated_at: Timestamp },
  { $id: 'Macro' },
);
const Params = Type.Object({ id: Id });

const macroJson = (m: Macro) => ({
  id: m.id,
  title: m.title,
  body: m.body,
  actions: {
    ...(m.actions.status !== undefined ? { status: m.actions.status } : {}),
    ...(m.actions.priority !== undefined ? { priority: m.actions.priority } : {}),
    ...(m.actions.category !== undefined ? { category: m.actions.category } : {}),
    ...(m.actions.teamId !== undefined ? { team: m.actions.teamId } : {}),
    ...(m.actions.assignee !== undefined ? { assignee: m.actions.assignee } : {}),
    ...(m.actions.addTags !== undefined ? { add_tags: m.actions.addTags } : {}),
  },
  created_at: m.createdAt,
  updated_at: m.updatedAt,
});

type ActionsJson = { status?: MacroActions['status']; priority?: MacroActions['priority']; category?: MacroActions['category']; team?: number | null; assignee?: number | null | 'me'; add_tags?: string[] };
const actionsOf = (a: ActionsJson): MacroActions => ({
  ...(a.status !== undefined ? { status: a.status } : {}),
  ...(a.priority !== undefined ? { priority: a.priority } : {}),
  ...(a.category !== undefined ? { category: a.category } : {}),
  ...(a.team !== undefined ? { teamId: a.team } : {}),
  ...(a.assignee !== undefined ? { assignee: a.assignee } : {}),
  ...(a.add_tags !== undefined ? { addTags: a.add_tags } : {}),
});

/** /api/v1/macros (canned replies with placeholders and field changes) and applying one to a ticket. */
export function macroRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<TypeBoxTypeProvider>();
    const now = (): string => deps.clock.now().toISOString();

    r.get('/macros', {
      config: { access: 'tickets:read' },
      schema: { tags: ['macros'], summary: 'Every macro, by title', response: { 200: Type.Object({ items: Type.Array(MacroSchema) }), ...errorResponses } },
    }, async () => ({ items: (await listMacros(deps.store.db)).map(macroJson) }));

    r.post('/macros', {
      config: { access: 'tickets:write' },
      schema: {
        tags: ['macros'],
        summary: 'Create a macro: a reply with placeholders and the field changes it makes',
        body: Type.Object({ title: Title, body: Body, actions: Type.Optional(Actions) }, { additionalProperties: false }),
        response: { 201: MacroSchema, ...errorResponses },
      },
    }, async (request, reply) => {
      const b = request.body;
      const macro = await createMacro(deps.store.db, { title: b.title, body: b.body, actions: actionsOf(b.actions ?? {}) }, now());
      return reply.code(201).header('location', `/api/v1/macros/${macro.id}`).send(macroJson(macro));
    });

    r.get('/macros/:id', {
      config: { access: 'tickets:read' },
      schema: { tags: ['macros'], summary: 'A macro', params: Params, response: { 200: MacroSchema, ...errorResponses } },
    }, async (request) => macroJson(await getMacro(deps.store.db, request.params.id)));

    r.patch('/macros/:id', {
      config: { access: 'tickets:write' },
      schema: {
        tags: ['macros'],
        summary: "Change a macro's title, body or actions (actions are replaced as a whole)",
        params: Params,
        body: Type.Object({ title: Type.Optional(Title), body: Type.Optional(Body), actions: Type.Optional(Actions) }, { additionalProperties: false, minProperties: 1 }),
        response: { 200: MacroSchema, ...errorResponses },
      },
    }, async (request) => {
      const b = request.body;
      return macroJson(await updateMacro(deps.store.db, request.params.id, {
        ...(b.title !== undefined ? { title: b.title } : {}),
        ...(b.body !== undefined ? { body: b.body } : {}),
        ...(b.actions !== undefined ? { actions: actionsOf(b.actions) } : {}),
      }, now()));
    });

    r.delete('/macros/:id', {
      config: { access: 'tickets:write' },
      schema: { tags: ['macros'], summary: 'Delete a macro', params: Params, response: { 204: Type.Null(), ...errorResponses } },
    }, async (request, reply) => {
      await deleteMacro(deps.store.db, request.params.id);
      return reply.code(204).send(null);
    });

    r.post('/tickets/:reference/macros/:id/apply', {
      config: { access: 'tickets:write', audit: 'ticket.macro_applied' },
      schema: {
        tags: ['macros'],
        summary: "Apply a macro to a ticket: its field changes are made (recorded in the ticket's history); its rendered body comes back for the reply box, unsent",
        params: Type.Object({ reference: Type.String({ minLength: 1, maxLength: 40 }), id: Id }),
        response: { 200: Type.Object({ ticket: TicketSchema, text: Type.String(), html: Type.String({ description: 'the text, HTML-escaped, in paragraphs' }) }), ...errorResponses },
      },
    }, async (request) => {
      const p = principalOf(request);
      const applied = await deps.uow((work) => applyMacro(work, request.params.id, request.params.reference, { actor: p.actor, agentId: p.agentId }));
      return { ticket: ticketJson(applied.ticket), text: applied.text, html: applied.html };
    });
  };
}
