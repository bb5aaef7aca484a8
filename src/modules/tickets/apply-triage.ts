import { compiledOnce } from '../../store/compiled-once.ts';
import type { Tx } from '../../store/database.ts';
import type { Triage } from '../triage/index.ts';
import type { Category, Priority } from './model.ts';

export type Routed = { category: Category; priority: Priority; teamId: number | null; tags: string[] };

export const ESCALATION_TAG = 'security-escalation';

const teamBySlug = compiledOnce((db, slug: string) => db.selectFrom('teams').select('id').where('slug', '=', slug));

/**
 * Decides a new ticket's category, priority and team from triage's verdict and what the
 * caller set. What the caller set wins, except that a compromise report always becomes an
 * urgent security ticket for the security team (slug "security") when one exists.
 */
export async function applyTriage(
  trx: Tx,
  verdict: Triage,
  given: { category?: Category | undefined; priority?: Priority | undefined; teamId: number | null; tags: string[] },
): Promise<Routed> {
  if (verdict.escalation) {
    const security = (await teamBySlug(trx, 'security')).rows[0];
    return { category: 'security', priority: 'urgent', teamId: security?.id ?? given.teamId, tags: [...given.tags, ESCALATION_TAG] };
  }
  return { category: given.category ?? verdict.category, priority: given.priority ?? verdict.priority, teamId: given.teamId, tags: given.tags };
}
