import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Deps } from '../../deps.ts';
import { recordAudit } from '../../modules/identity/index.ts';
import {
  getAgentRouting, getBusinessHours, MAX_CHATS_LIMIT, queueOverview, setAgentRouting, setBusinessHours, WEEKDAYS,
  type AgentRouting, type BusinessHours,
} from '../../modules/routing/index.ts';
import { principalOf } from '../auth.ts';
import { CategorySchema, errorResponses, Id, nullable, Timestamp, Type } from '../schemas.ts';

const Time = Type.String({ pattern: '^(?:[01]\\d|2[0-3]):[0-5]\\d$|^24:00$', description: 'Local time HH:MM, 00:00–24:00' });
const Interval = Type.Object(
  { day: Type.Enum([...WEEKDAYS]), open: Time, close: Time },
  { additionalProperties: false, description: 'One opening on a weekday, in the team time zone; close after open' },
);

const BusinessHoursSchema = Type.Object(
  {
    team_id: Type.Integer(),
    time_zone: Type.String({ description: 'IANA time zone, e.g. Europe/Berlin' }),
    always_open: Type.Boolean(),
    schedule: Type.Array(Interval),
  },
  { $id: 'BusinessHours', description: 'When a team takes live chats: always, or by a weekly schedule in its time zone' },
);

const PutBusinessHours = Type.Object(
  {
    time_zone: Type.String({ minLength: 1, maxLength: 64 }),
    always_open: Type.Boolean(),
    schedule: Type.Optional(Type.Array(Interval, { maxItems: 70 })),
  },
  { additionalProperties: false },
);

const AgentRoutingSchema = Type.Object(
  {
    agent_id: Type.Integer(),
    skills: Type.Array(CategorySchema, { description: 'Categories of chats offered to the agent; empty = every category' }),
    max_chats: Type.Integer({ description: 'Most chats the agent holds at once' }),
  },
  { $id: 'AgentRouting' },
);

const PutAgentRouting = Type.Object(
  { skills: Type.Array(CategorySchema, { maxItems: 20 }), max_chats: Type.Integer({ minimum: 0, maximum: MAX_CHATS_LIMIT }) },
  { additionalProperties: false },
);

const QueueSchema = Type.Object(
  {
    teams: Type.Array(Type.Object({
      id: nullable(Type.Integer()),
      slug: nullable(Type.String()),
      name: nullable(Type.String()),
      open: Type.Boolean({ description: 'Within business hours now' }),
      waiting: Type.Array(Type.Object({
        ticket_id: Type.Integer(),
        reference: Type.String(),
        subject: Type.String(),
        category: CategorySchema,
        position: Type.Integer(),
        waiting_since: Timestamp,
        estimated_wait_seconds: Type.Integer(),
        offered_to: nullable(Type.Integer()),
      })),
    })),
    agents: Type.Array(Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      team_ids: Type.Array(Type.Integer()),
      skills: Type.Array(Type.String()),
      max_chats: Type.Integer(),
      load: Type.Integer({ description: 'Live chats held plus open offers' }),
    })),
  },
  { $id: 'ChatQueue', description: 'Chats waiting for an agent, per team, and the agents online with their load' },
);

const hoursJson = (h: BusinessHours) => ({ team_id: h.teamId, time_zone: h.timeZone, always_open: h.alwaysOpen, schedule: h.schedule });
const routingJson = (r: AgentRouting) => ({ agent_id: r.agentId, skills: r.skills, max_chats: r.maxChats });

/** Live-chat routing settings and the queue: everyone signed in reads them; admins change them. */
export function routingRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<TypeBoxTypeProvider>();
    const now = (): string => deps.clock.now().toISOString();

    r.get('/teams/:id/business-hours', {
      config: { access: 'agents:read' },
      schema: { tags: ['routing'], summary: "A team's business hours for live chat", params: Type.Object({ id: Id }), response: { 200: BusinessHoursSchema, ...errorResponses } },
    }, async (request) => hoursJson(await getBusinessHours(deps.store.db, request.params.id)));

    r.put('/teams/:id/business-hours', {
      config: { access: 'teams:manage', audit: false },
      schema: { tags: ['routing'], summary: "Set a team's time zone and weekly schedule, or make it always open", params: Type.Object({ id: Id }), body: PutBusinessHours, response: { 200: BusinessHoursSchema, ...errorResponses } },
    }, async (request) => {
      const b = request.body;
      const hours = await deps.store.transaction(async (trx) => {
        const set = await setBusinessHours(trx, request.params.id, { timeZone: b.time_zone, alwaysOpen: b.always_open, schedule: b.schedule ?? [] }, now());
        await recordAudit(trx, { actor: principalOf(request).actor, action: 'team.business_hours_updated', targetType: 'team', targetId: set.teamId, ip: request.ip, data: { time_zone: set.timeZone, always_open: set.alwaysOpen, openings: set.schedule.length } }, now());
        return set;
      });
      return hoursJson(hours);
    });

    r.get('/agents/:id/routing', {
      config: { access: 'agents:read' },
      schema: { tags: ['routing'], summary: "An agent's chat skills and capacity", params: Type.Object({ id: Id }), response: { 200: AgentRoutingSchema, ...errorResponses } },
    }, async (request) => routingJson(await getAgentRouting(deps.store.db, request.params.id)));

    r.put('/agents/:id/routing', {
      config: { access: 'agents:manage', audit: false },
      schema: { tags: ['routing'], summary: "Set an agent's chat skills (categories) and most concurrent chats", params: Type.Object({ id: Id }), body: PutAgentRouting, response: { 200: AgentRoutingSchema, ...errorResponses } },
    }, async (request) => {
      const b = request.body;
      const routing = await deps.store.transaction(async (trx) => {
        const set = await setAgentRouting(trx, request.params.id, { skills: b.skills, maxChats: b.max_chats }, now());
        await recordAudit(trx, { actor: principalOf(request).actor, action: 'agent.routing_updated', targetType: 'agent', targetId: set.agentId, ip: request.ip, data: { skills: set.skills, max_chats: set.maxChats } }, now());
        return set;
      });
      return routingJson(routing);
    });

    r.get('/chat/queue', {
      config: { access: 'tickets:read' },
      schema: { tags: ['routing'], summary: 'Chats waiting per team with position and estimated wait, and online agents with their load', response: { 200: QueueSchema, ...errorResponses } },
    }, async () => {
      const q = await queueOverview(deps);
      return {
        teams: q.teams.map((t) => ({
          id: t.id, slug: t.slug, name: t.name, open: t.open,
          waiting: t.waiting.map((w) => ({ ticket_id: w.ticketId, reference: w.reference, subject: w.subject, category: w.category, position: w.position, waiting_since: w.waitingSince, estimated_wait_seconds: w.estimatedWaitSeconds, offered_to: w.offeredTo })),
        })),
        agents: q.agents.map((a) => ({ id: a.agentId, name: a.name, team_ids: a.teamIds, skills: a.skills, max_chats: a.maxChats, load: a.load })),
      };
    });
  };
}
