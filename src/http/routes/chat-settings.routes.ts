import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Deps } from '../../deps.ts';
import { attachmentPath } from '../../channels/email/attachment-store.ts';
import { forbidden, notFound } from '../../kernel/errors.ts';
import { getChatSettings, rotateIdentitySecret, updateChatSettings, type ChatSettings } from '../../modules/chat/index.ts';
import { recordAudit } from '../../modules/identity/index.ts';
import { principalOf } from '../auth.ts';
import { errorResponses, Id, Timestamp, Type } from '../schemas.ts';

const ChatSettingsSchema = Type.Object(
  {
    identity_secret: Type.String({ description: 'What the host app signs identities with (HS256 JWT or HMAC-SHA256); admins only' }),
    enforce_identity: Type.Boolean({ description: 'When true, visitors without a valid signed identity cannot chat' }),
    updated_at: Timestamp,
  },
  { $id: 'ChatSettings' },
);

const settingsJson = (s: ChatSettings) => ({ identity_secret: s.identitySecret, enforce_identity: s.enforceIdentity, updated_at: s.updatedAt });

/** The identity secret is shown to admins only, whatever permissions other roles gain later. */
function requireAdmin(request: FastifyRequest): void {
  if (principalOf(request).role !== 'admin') throw forbidden('Only admins see and change the chat settings');
}

/**
 * /api/v1/chat/settings (admins: the identity secret, created on first read, and enforcement;
 * rotating the secret) and /api/v1/attachments/{id} (agents download a ticket's files).
 */
export function chatSettingsRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<TypeBoxTypeProvider>();
    const now = (): string => deps.clock.now().toISOString();

    r.get('/chat/settings', {
      config: { access: 'authenticated' },
      schema: { tags: ['chat'], summary: 'Chat settings: identity secret and enforcement (admins)', response: { 200: ChatSettingsSchema, ...errorResponses } },
    }, async (request) => {
      requireAdmin(request);
      return settingsJson(await getChatSettings(deps.store.db, now()));
    });

    r.put('/chat/settings', {
      config: { access: 'authenticated' },
      schema: {
        tags: ['chat'],
        summary: 'Change whether chat requires a signed identity (admins)',
        body: Type.Object({ enforce_identity: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: ChatSettingsSchema, ...errorResponses },
      },
    }, async (request) => {
      requireAdmin(request);
      const settings = await updateChatSettings(deps.store.db, { enforceIdentity: request.body.enforce_identity }, now());
      await recordAudit(deps.store.db, { actor: principalOf(request).actor, action: 'chat.settings_updated', ip: request.ip, data: { enforce_identity: settings.enforceIdentity } }, now());
      return settingsJson(settings);
    });

    r.post('/chat/settings/rotate-secret', {
      config: { access: 'authenticated' },
      schema: { tags: ['chat'], summary: 'Replace the identity secret; identities signed with the old one stop working (admins)', response: { 200: ChatSettingsSchema, ...errorResponses } },
    }, async (request) => {
      requireAdmin(request);
      const settings = await rotateIdentitySecret(deps.store.db, now());
      await recordAudit(deps.store.db, { actor: principalOf(request).actor, action: 'chat.identity_secret_rotated', ip: request.ip }, now());
      return settingsJson(settings);
    });

    r.get('/attachments/:id', {
      config: { access: 'tickets:read', audit: 'attachment.downloaded' },
      schema: { tags: ['tickets'], summary: 'Download a message attachment (email or chat)', params: Type.Object({ id: Id }), produces: ['application/octet-stream'] },
    }, async (request, reply) => {
      const row = await deps.store.db.selectFrom('attachments').select(['filename', 'content_type', 'size', 'storage_key']).where('id', '=', request.params.id).executeTakeFirst();
      const path = row ? attachmentPath(deps.config.dataDir, row.storage_key) : null;
      if (!row || !path || !(await stat(path).catch(() => null))) throw notFound(`Attachment ${request.params.id}`);
      const ascii = row.filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
      return reply
        .header('content-type', 'application/octet-stream')
        .header('x-original-content-type', row.content_type.replace(/[^\x20-\x7e]/g, ''))
        .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(row.filename)}`)
        .header('cache-control', 'private, no-store')
        .header('content-length', row.size)
        .send(createReadStream(path));
    });
  };
}
