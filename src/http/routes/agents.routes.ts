import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Deps } from '../../deps.ts';
import { createAgent, createTeam, getAgent, listAgents, listTeams, preparePassword, recordAudit, updateAgent } from '../../modules/identity/index.ts';
import { principalOf } from '../auth.ts';
import { agentJson, teamJson } from '../presenters.ts';
import { AgentSchema, Email, errorResponses, Id, RoleSchema, TeamSchema, Type } from '../schemas.ts';

const Password = Type.String({ minLength: 10, maxLength: 200 });

/** /api/v1/agents and /api/v1/teams: everyone signed in reads; admins manage. */
export function agentRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<TypeBoxTypeProvider>();
    const now = (): string => deps.clock.now().toISOString();

    r.get('/agents', {
      config: { access: 'agents:read' },
      schema: { tags: ['agents'], summary: 'List agents', response: { 200: Type.Object({ items: Type.Array(AgentSchema) }), ...errorResponses } },
    }, async () => ({ items: (await listAgents(deps.store.db)).map(agentJson) }));

    r.get('/agents/:id', {
      config: { access: 'agents:read' },
      schema: { tags: ['agents'], summary: 'An agent', params: Type.Object({ id: Id }), response: { 200: AgentSchema, ...errorResponses } },
    }, async (request) => agentJson(await getAgent(deps.store.db, request.params.id)));

    r.post('/agents', {
      config: { access: 'agents:manage', audit: false },
      schema: {
        tags: ['agents'],
        summary: 'Create an agent',
        body: Type.Object({ email: Email, name: Type.String({ minLength: 1, maxLength: 200 }), role: RoleSchema, password: Type.Optional(Password), team_ids: Type.Optional(Type.Array(Id, { maxItems: 100 })) }, { additionalProperties: false }),
        response: { 201: AgentSchema, ...errorResponses },
      },
    }, async (request, reply) => {
      const b = request.body;
      // Hash before the transaction: on SQLite a transaction holds the group commit of every writer.
      const password = b.password !== undefined ? await preparePassword(b.password) : undefined;
      const agent = await deps.store.transaction(async (trx) => {
        const made = await createAgent(trx, { email: b.email, name: b.name, role: b.role, ...(password ? { password } : {}), teamIds: b.team_ids ?? [] }, now());
        await recordAudit(trx, { actor: principalOf(request).actor, action: 'agent.created', targetType: 'agent', targetId: made.id, ip: request.ip, data: { role: made.role } }, now());
        return made;
      });
      return reply.code(201).send(agentJson(agent));
    });

    r.patch('/agents/:id', {
      config: { access: 'agents:manage', audit: false },
      schema: {
        tags: ['agents'],
        summary: "Change an agent's name, role, teams, password, or deactivate them",
        params: Type.Object({ id: Id }),
        body: Type.Object({ name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })), role: Type.Optional(RoleSchema), active: Type.Optional(Type.Boolean()), password: Type.Optional(Password), team_ids: Type.Optional(Type.Array(Id, { maxItems: 100 })) }, { additionalProperties: false, minProperties: 1 }),
        response: { 200: AgentSchema, ...errorResponses },
      },
    }, async (request) => {
      const b = request.body;
      const password = b.password !== undefined ? await preparePassword(b.password) : undefined;
      const agent = await deps.store.transaction(async (trx) => {
        const changed = await updateAgent(trx, request.params.id, {
          ...(b.name !== undefined ? { name: b.name } : {}),
          ...(b.role !== undefined ? { role: b.role } : {}),
          ...(b.active !== undefined ? { active: b.active } : {}),
          ...(password ? { password } : {}),
          ...(b.team_ids !== undefined ? { teamIds: b.team_ids } : {}),
        }, now());
        const fields = Object.keys(b).map((k) => (k === 'password' ? 'password (changed)' : k));
        await recordAudit(trx, { actor: principalOf(request).actor, action: 'agent.updated', targetType: 'agent', targetId: changed.id, ip: request.ip, data: { fields } }, now());
        return changed;
      });
      return agentJson(agent);
    });

    r.get('/teams', {
      config: { access: 'agents:read' },
      schema: { tags: ['teams'], summary: 'List teams', response: { 200: Type.Object({ items: Type.Array(TeamSchema) }), ...errorResponses } },
    }, async () => ({ items: (await listTeams(deps.store.db)).map(teamJson) }));

    r.post('/teams', {
      config: { access: 'teams:manage', audit: false },
      schema: { tags: ['teams'], summary: 'Create a team', body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false }), response: { 201: TeamSchema, ...errorResponses } },
    }, async (request, reply) => {
      const team = await deps.store.transaction(async (trx) => {
        const made = await createTeam(trx, request.body.name, now());
        await recordAudit(trx, { actor: principalOf(request).actor, action: 'team.created', targetType: 'team', targetId: made.id, ip: request.ip }, now());
        return made;
      });
      return reply.code(201).send(teamJson(team));
    });
  };
}
