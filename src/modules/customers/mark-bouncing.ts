import type { Work } from '../../store/unit-of-work.ts';
import { normalizeIdentity, type IdentityKind } from './identity.ts';

/**
 * Flags an identity whose messages come back undelivered (an email address that bounces), so
 * outbound work can skip or warn about it; the first bounce's time is kept, the latest reason
 * replaces the last. Returns whether an identity of ours was flagged.
 */
export async function markIdentityBouncing(work: Work, identity: { kind: IdentityKind; value: string }, reason: string): Promise<boolean> {
  const result = await work.trx
    .updateTable('customer_identities')
    .set((eb) => ({ bouncing_since: eb.fn.coalesce('bouncing_since', eb.val(work.now)), bounce_reason: reason.slice(0, 500) }))
    .where('kind', '=', identity.kind)
    .where('value', '=', normalizeIdentity(identity.kind, identity.value))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
