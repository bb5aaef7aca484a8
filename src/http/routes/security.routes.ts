import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Deps } from '../../deps.ts';
import { getSecuritySettings, resetTotp, setSecuritySettings, type SecuritySettings } from '../../modules/identity/index.ts';
import { principalOf } from '../auth.ts';
import { errorResponses, Id, nullable, Timestamp, Type } from '../schemas.ts';

const SecuritySchema = Type.Object({ require_totp: Type.Boolean(), updated_at: nullable(Timestamp) }, { $id: 'SecuritySettings' });
const settingsJson = (s: SecuritySettings) => ({ require_totp: s.requireTotp, updated_at: s.updatedAt });

/** /api/v1/admin/security (require two-factor for everyone) and an admin's reset of an agent's two-factor. */
export function securityRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<TypeBoxTypeProvider>();

    r.get('/admin/security', {
      config: { access: 'agents:manage' },
      schema: { tags: ['security'], summary: "The workspace's security settings", response: { 200: SecuritySchema, ...errorResponses } },
    }, async () => settingsJson(await getSecuritySettings(deps.store.db)));

    r.put('/admin/security', {
      config: { access: 'agents:manage' },
      schema: {
        tags: ['security'],
        summary: 'Require two-factor authentication for every agent (those without it enrol at their next login)',
        body: Type.Object({ require_totp: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: SecuritySchema, ...errorResponses },
      },
    }, async (request) => settingsJson(await setSecuritySettings(deps.store.db, { requireTotp: request.body.require_totp }, principalOf(request).actor, request.ip, deps.clock.now())));

    r.delete('/agents/:id/totp', {
      config: { access: 'agents:manage' },
      schema: {
        tags: ['security'],
        summary: "Turn an agent's two-factor off (lost phone); they enrol again at their next login if it is required",
        params: Type.Object({ id: Id }),
        response: { 204: Type.Null(), ...errorResponses },
      },
    }, async (request, reply) => {
      await resetTotp(deps.store.db, request.params.id, principalOf(request).actor, request.ip, deps.clock.now());
      return reply.code(204).send(null);
    });
  };
}
