import { hashSecret, newSecret } from '../../kernel/ids.ts';
import { notFound } from '../../kernel/errors.ts';
import type { Db } from '../../store/database.ts';
import type { Principal, Role } from './roles.ts';

export type ApiToken = {
  id: number;
  name: string;
  role: Role;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

type TokenRow = { id: number; name: string; role: string; prefix: string; created_at: string; last_used_at: string | null; revoked_at: string | null };

const toToken = (r: TokenRow): ApiToken => ({
  id: r.id,
  name: r.name,
  role: r.role as Role,
  prefix: r.prefix,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});

/** Creates a token; the secret is returned once and only its SHA-256 is stored. */
export async function createToken(db: Db, name: string, role: Role, now: string): Promise<{ token: string; record: ApiToken }> {
  const token = newSecret('clt');
  const row = await db
    .insertInto('api_tokens')
    .values({ name: name.trim(), role, token_hash: hashSecret(token), prefix: token.slice(0, 10), created_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { token, record: toToken(row) };
}

export async function listTokens(db: Db): Promise<ApiToken[]> {
  return (await db.selectFrom('api_tokens').selectAll().orderBy('id').execute()).map(toToken);
}

export async function revokeToken(db: Db, id: number, now: string): Promise<ApiToken> {
  const row = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw notFound(`Active token ${id}`);
  return toToken(row);
}

type Cached = { principal: Principal | null; until: number; lastUsedWrite: number };

/**
 * Resolves bearer tokens to principals. Lookups are cached for a few seconds so a busy
 * integration costs no query per request; revocation on this node clears the cache at once,
 * on other nodes within the TTL. last_used_at is written at most once a minute per token.
 */
export class TokenAuthenticator {
  private readonly cache = new Map<string, Cached>();

  constructor(
    private readonly db: Db,
    private readonly ttlMs = 10_000,
  ) {}

  async authenticate(token: string, now: Date): Promise<Principal | null> {
    const hash = hashSecret(token);
    const t = now.getTime();
    let entry = this.cache.get(hash);
    if (!entry || entry.until < t) {
      const row = await this.db.selectFrom('api_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
      const principal: Principal | null =
        row && row.revoked_at === null
          ? { actor: { type: 'token', id: row.id }, role: row.role as Role, name: row.name, agentId: null, via: 'token' }
          : null;
      entry = { principal, until: t + this.ttlMs, lastUsedWrite: entry?.lastUsedWrite ?? 0 };
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(hash, entry);
    }
    if (entry.principal && t - entry.lastUsedWrite > 60_000) {
      entry.lastUsedWrite = t;
      await this.db.updateTable('api_tokens').set({ last_used_at: now.toISOString() }).where('token_hash', '=', hash).execute();
    }
    return entry.principal;
  }

  forget(): void {
    this.cache.clear();
  }
}
