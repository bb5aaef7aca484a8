import { conflict, notFound, badRequest } from '../../kernel/errors.ts';
import type { Db } from '../../store/database.ts';
import { hashPassword, passwordProblem } from './passwords.ts';
import type { Role } from './roles.ts';

/** An agent as every other module sees it; the password hash never leaves this module. */
export type Agent = {
  id: number;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  teamIds: number[];
  createdAt: string;
};

export type Team = { id: number; name: string; slug: string; createdAt: string };

/** A password already checked against the policy and hashed: hash before a transaction, not inside it. */
export type HashedPassword = { readonly hash: string };

/** Checks a new password against the policy and hashes it (argon2id, ~50 ms of CPU). */
export async function preparePassword(password: string): Promise<HashedPassword> {
  const problem = passwordProblem(password);
  if (problem) throw badRequest(`password ${problem}`, { password: problem });
  return { hash: await hashPassword(password) };
}

const hashOf = async (password: string | HashedPassword): Promise<string> =>
  typeof password === 'string' ? (await preparePassword(password)).hash : password.hash;

export type NewAgent = { email: string; name: string; role: Role; password?: string | HashedPassword; teamIds?: number[] };

type AgentRow = { id: number; email: string; name: string; role: string; active: number; created_at: string };

async function teamIdsOf(db: Db, agentIds: number[]): Promise<Map<number, number[]>> {
  const map = new Map<number, number[]>();
  if (agentIds.length === 0) return map;
  const rows = await db.selectFrom('agent_teams').select(['agent_id', 'team_id']).where('agent_id', 'in', agentIds).execute();
  for (const r of rows) map.set(r.agent_id, [...(map.get(r.agent_id) ?? []), r.team_id]);
  return map;
}

function toAgent(r: AgentRow, teams: Map<number, number[]>): Agent {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role as Role,
    active: r.active === 1,
    teamIds: (teams.get(r.id) ?? []).sort((a, b) => a - b),
    createdAt: r.created_at,
  };
}

const AGENT_COLUMNS = ['id', 'email', 'name', 'role', 'active', 'created_at'] as const;

export async function createAgent(db: Db, input: NewAgent, now: string): Promise<Agent> {
  const email = input.email.trim().toLowerCase();
  const existing = await db.selectFrom('agents').select('id').where('email', '=', email).executeTakeFirst();
  if (existing) throw conflict(`An agent with email ${email} already exists`);
  const passwordHash = input.password !== undefined ? await hashOf(input.password) : null;
  const row = await db
    .insertInto('agents')
    .values({ email, name: input.name.trim(), role: input.role, password_hash: passwordHash, active: 1, failed_logins: 0, created_at: now, updated_at: now })
    .returning(AGENT_COLUMNS)
    .executeTakeFirstOrThrow();
  await setTeams(db, row.id, input.teamIds ?? []);
  return toAgent(row, await teamIdsOf(db, [row.id]));
}

async function setTeams(db: Db, agentId: number, teamIds: number[]): Promise<void> {
  await db.deleteFrom('agent_teams').where('agent_id', '=', agentId).execute();
  if (teamIds.length === 0) return;
  const found = await db.selectFrom('teams').select('id').where('id', 'in', teamIds).execute();
  if (found.length !== new Set(teamIds).size) throw badRequest('Unknown team id in teamIds', { teamIds: 'unknown team' });
  await db
    .insertInto('agent_teams')
    .values([...new Set(teamIds)].map((team_id) => ({ agent_id: agentId, team_id })))
    .execute();
}

export async function getAgent(db: Db, id: number): Promise<Agent> {
  const row = await db.selectFrom('agents').select(AGENT_COLUMNS).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`Agent ${id}`);
  return toAgent(row, await teamIdsOf(db, [id]));
}

export async function listAgents(db: Db): Promise<Agent[]> {
  const rows = await db.selectFrom('agents').select(AGENT_COLUMNS).orderBy('id').execute();
  const teams = await teamIdsOf(db, rows.map((r) => r.id));
  return rows.map((r) => toAgent(r, teams));
}

export type AgentPatch = { name?: string; role?: Role; active?: boolean; password?: string | HashedPassword; teamIds?: number[] };

export async function updateAgent(db: Db, id: number, patch: AgentPatch, now: string): Promise<Agent> {
  await getAgent(db, id);
  const values: Record<string, unknown> = { updated_at: now };
  if (patch.name !== undefined) values.name = patch.name.trim();
  if (patch.role !== undefined) values.role = patch.role;
  if (patch.active !== undefined) values.active = patch.active ? 1 : 0;
  if (patch.password !== undefined) {
    values.password_hash = await hashOf(patch.password);
    values.failed_logins = 0;
    values.locked_until = null;
  }
  await db.updateTable('agents').set(values).where('id', '=', id).execute();
  if (patch.password !== undefined || patch.active === false) {
    await db.deleteFrom('sessions').where('agent_id', '=', id).execute();
  }
  if (patch.teamIds !== undefined) await setTeams(db, id, patch.teamIds);
  return getAgent(db, id);
}

export async function createTeam(db: Db, name: string, now: string): Promise<Team> {
  const slug = name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  if (!slug) throw badRequest('Team name needs at least one letter or digit', { name: 'empty' });
  const existing = await db.selectFrom('teams').select('id').where('slug', '=', slug).executeTakeFirst();
  if (existing) throw conflict(`A team named ${name} already exists`);
  const row = await db.insertInto('teams').values({ name: name.trim(), slug, created_at: now }).returningAll().executeTakeFirstOrThrow();
  return { id: row.id, name: row.name, slug: row.slug, createdAt: row.created_at };
}

export async function listTeams(db: Db): Promise<Team[]> {
  const rows = await db.selectFrom('teams').selectAll().orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, slug: r.slug, createdAt: r.created_at }));
}

export async function findTeam(db: Db, idOrSlug: number | string): Promise<Team | null> {
  const row = await db
    .selectFrom('teams')
    .selectAll()
    .where(typeof idOrSlug === 'number' ? 'id' : 'slug', '=', idOrSlug)
    .executeTakeFirst();
  return row ? { id: row.id, name: row.name, slug: row.slug, createdAt: row.created_at } : null;
}
