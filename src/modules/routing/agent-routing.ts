import { badRequest, notFound } from '../../kernel/errors.ts';
import type { Db } from '../../store/database.ts';
import { CATEGORIES, type Category } from '../tickets/index.ts';
import { DEFAULT_MAX_CHATS, type AgentRouting } from './model.ts';

/** The most chats one agent may be set to hold at once. */
export const MAX_CHATS_LIMIT = 50;

/** An agent's skills (categories; none = all) and capacity; agents nobody configured take 3 chats of any category. */
export async function getAgentRouting(db: Db, agentId: number): Promise<AgentRouting> {
  const agent = await db.selectFrom('agents').select('id').where('id', '=', agentId).executeTakeFirst();
  if (!agent) throw notFound(`Agent ${agentId}`);
  const row = await db.selectFrom('agent_routing').select(['skills', 'max_chats']).where('agent_id', '=', agentId).executeTakeFirst();
  return { agentId, skills: row ? (JSON.parse(row.skills) as Category[]) : [], maxChats: row?.max_chats ?? DEFAULT_MAX_CHATS };
}

/** Replaces an agent's skills and capacity; unknown categories and capacities outside 0–50 are refused. */
export async function setAgentRouting(db: Db, agentId: number, input: { skills: string[]; maxChats: number }, now: string): Promise<AgentRouting> {
  const unknown = input.skills.filter((s) => !(CATEGORIES as readonly string[]).includes(s));
  if (unknown.length) throw badRequest(`Unknown skill ${unknown.map((s) => `"${s}"`).join(', ')}; skills are ticket categories: ${CATEGORIES.join(', ')}`, { skills: 'unknown' });
  if (!Number.isInteger(input.maxChats) || input.maxChats < 0 || input.maxChats > MAX_CHATS_LIMIT) {
    throw badRequest(`max_chats must be a whole number from 0 to ${MAX_CHATS_LIMIT}`, { max_chats: 'range' });
  }
  const agent = await db.selectFrom('agents').select('id').where('id', '=', agentId).executeTakeFirst();
  if (!agent) throw notFound(`Agent ${agentId}`);
  const skills = [...new Set(input.skills)].sort() as Category[];
  const values = { skills: JSON.stringify(skills), max_chats: input.maxChats, updated_at: now };
  await db.insertInto('agent_routing').values({ agent_id: agentId, ...values }).onConflict((oc) => oc.column('agent_id').doUpdateSet(values)).execute();
  return { agentId, skills, maxChats: input.maxChats };
}
