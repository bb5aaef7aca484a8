import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Deps } from '../../deps.ts';
import { createToken, listTokens, recordAudit, revokeToken } from '../../modules/identity/index.ts';
import { principalOf } from '../auth.ts';
import { tokenJson } from '../presenters.ts';
import { errorResponses, Id, RoleSchema, TokenSchema, Type } from '../schemas.ts';

/** /api/v1/tokens: admins create (secret shown once), list and revoke API tokens. */
export function tokenRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<TypeBoxTypeProvider>();
    const now = (): string => deps.clock.now().toISOString();

    r.get('/tokens', {
      config: { access: 'tokens:manage' },
      schema: { tags: ['tokens'], summary: 'List API tokens (never their secrets)', response: { 200: Type.Object({ items: Type.Array(TokenSchema) }), ...errorResponses } },
    }, async () => ({ items: (await listTokens(deps.store.db)).map(tokenJson) }));

    r.post('/tokens', {
      config: { access: 'tokens:manage', audit: false },
      schema: {
        tags: ['tokens'],
        summary: 'Create an API token; the response is the only time its secret is shown',
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }), role: RoleSchema }, { additionalProperties: false }),
        response: { 201: Type.Intersect([TokenSchema, Type.Object({ token: Type.String() })]), ...errorResponses },
      },
    }, async (request, reply) => {
      const { token, record } = await deps.store.transaction(async (trx) => {
        const made = await createToken(trx, request.body.name, request.body.role, now());
        await recordAudit(trx, { actor: principalOf(request).actor, action: 'token.created', targetType: 'token', targetId: made.record.id, ip: request.ip, data: { role: made.record.role } }, now());
        return made;
      });
      return reply.code(201).send({ ...tokenJson(record), token });
    });

    r.delete('/tokens/:id', {
      config: { access: 'tokens:manage', audit: false },
      schema: { tags: ['tokens'], summary: 'Revoke an API token', params: Type.Object({ id: Id }), response: { 200: TokenSchema, ...errorResponses } },
    }, async (request) => {
      const record = await deps.store.transaction(async (trx) => {
        const revoked = await revokeToken(trx, request.params.id, now());
        await recordAudit(trx, { actor: principalOf(request).actor, action: 'token.revoked', targetType: 'token', targetId: revoked.id, ip: request.ip }, now());
        return revoked;
      });
      deps.tokens.forget();
      return tokenJson(record);
    });
  };
}
