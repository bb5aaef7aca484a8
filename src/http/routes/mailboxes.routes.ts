import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Deps } from '../../deps.ts';
import { recordAudit } from '../../modules/identity/index.ts';
import { deleteImapSettings, getImapSource, imapPasswordBox, setImapSettings, type ImapSource } from '../../channels/email/imap/index.ts';
import { notFound } from '../../kernel/errors.ts';
import { createMailbox, getMailbox, listMailboxes, type Mailbox } from '../../modules/mailboxes/index.ts';
import { principalOf } from '../auth.ts';
import { CategorySchema, Email, errorResponses, Id, nullable, PrioritySchema, Timestamp, Type } from '../schemas.ts';

const MailboxSchema = Type.Object(
  {
    id: Type.Integer(),
    address: Type.String(),
    name: Type.String(),
    category: CategorySchema,
    priority: nullable(PrioritySchema),
    team_id: nullable(Type.Integer()),
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { $id: 'Mailbox', description: 'An address Careline receives mail at, and where its new tickets go' },
);

const CreateMailbox = Type.Object(
  {
    address: Email,
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    category: CategorySchema,
    priority: Type.Optional(nullable(PrioritySchema)),
    team_id: Type.Optional(nullable(Id)),
  },
  { additionalProperties: false },
);

const AfterCommitSchema = Type.Union([
  Type.Object({ kind: Type.Literal('flag'), keyword: Type.String({ pattern: '^[A-Za-z0-9$_.-]{1,64}$', description: 'IMAP keyword set with \\Seen' }) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('move'), folder: Type.String({ minLength: 1, maxLength: 200, description: 'Folder the message is moved to' }) }, { additionalProperties: false }),
]);

const ImapSettingsSchema = Type.Object(
  {
    mailbox_id: Type.Integer(),
    host: Type.String(),
    port: Type.Integer(),
    secure: Type.Boolean({ description: 'TLS from the start (imaps); false: plain IMAP' }),
    user: Type.String(),
    has_password: Type.Literal(true, { description: 'A password is stored (encrypted at rest); it is never returned' }),
    folder: Type.String(),
    after_commit: AfterCommitSchema,
    uid_validity: nullable(Type.String()),
    last_uid: Type.Integer({ description: 'The highest UID already committed' }),
    polled_at: nullable(Timestamp),
  },
  { $id: 'MailboxImapSettings', description: 'Where a mailbox hosted elsewhere is polled over IMAP; the password is write-only' },
);

const PutImapSettings = Type.Object(
  {
    host: Type.String({ minLength: 1, maxLength: 253 }),
    port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535, description: 'Default 993 with secure, else 143' })),
    secure: Type.Optional(Type.Boolean({ default: true })),
    user: Type.String({ minLength: 1, maxLength: 320 }),
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 1000, description: 'Write-only; leave out to keep the stored one' })),
    folder: Type.Optional(Type.String({ minLength: 1, maxLength: 200, default: 'INBOX' })),
    after_commit: Type.Optional(AfterCommitSchema),
  },
  { additionalProperties: false },
);

const imapJson = (s: ImapSource) => ({
  mailbox_id: s.mailboxId,
  host: s.host,
  port: s.port,
  secure: s.secure,
  user: s.user,
  has_password: true as const,
  folder: s.folder,
  after_commit: s.afterCommit,
  uid_validity: s.uidValidity,
  last_uid: s.lastUid,
  polled_at: s.polledAt,
});

const mailboxJson = (m: Mailbox) => ({
  id: m.id,
  address: m.address,
  name: m.name,
  category: m.category,
  priority: m.priority,
  team_id: m.teamId,
  created_at: m.createdAt,
  updated_at: m.updatedAt,
});

/** /api/v1/mailboxes: everyone signed in reads them; admins add them. */
export function mailboxRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<TypeBoxTypeProvider>();

    r.get('/mailboxes', {
      config: { access: 'tickets:read' },
      schema: { tags: ['mailboxes'], summary: 'List the mailboxes mail is received at', response: { 200: Type.Object({ items: Type.Array(MailboxSchema) }), ...errorResponses } },
    }, async () => ({ items: (await listMailboxes(deps.store.db)).map(mailboxJson) }));

    r.post('/mailboxes', {
      config: { access: 'mailboxes:manage' },
      schema: { tags: ['mailboxes'], summary: 'Receive mail at a new address', body: CreateMailbox, response: { 201: MailboxSchema, ...errorResponses } },
    }, async (request, reply) => {
      const b = request.body;
      const now = deps.clock.now().toISOString();
      const mailbox = await deps.store.transaction(async (trx) => {
        const made = await createMailbox(trx, { address: b.address, name: b.name ?? null, category: b.category, priority: b.priority ?? null, teamId: b.team_id ?? null }, now);
        await recordAudit(trx, { actor: principalOf(request).actor, action: 'mailbox.created', targetType: 'mailbox', targetId: made.id, ip: request.ip, data: { address: made.address } }, now);
        return made;
      });
      return reply.code(201).send(mailboxJson(mailbox));
    });

    const Params = Type.Object({ id: Id });

    r.get('/mailboxes/:id/imap', {
      config: { access: 'mailboxes:manage' },
      schema: { tags: ['mailboxes'], summary: "A mailbox's IMAP polling settings (never the password)", params: Params, response: { 200: ImapSettingsSchema, ...errorResponses } },
    }, async (request) => {
      await getMailbox(deps.store.db, request.params.id);
      const source = await getImapSource(deps.store.db, request.params.id);
      if (!source) throw notFound(`IMAP settings of mailbox ${request.params.id}`);
      return imapJson(source);
    });

    r.put('/mailboxes/:id/imap', {
      config: { access: 'mailboxes:manage' },
      schema: {
        tags: ['mailboxes'],
        summary: 'Poll a mailbox hosted elsewhere over IMAP (the password is stored encrypted, never returned)',
        params: Params,
        body: PutImapSettings,
        response: { 200: ImapSettingsSchema, ...errorResponses },
      },
    }, async (request) => {
      const b = request.body;
      const mailboxId = request.params.id;
      const secure = b.secure ?? true;
      const now = deps.clock.now().toISOString();
      const saved = await deps.store.transaction(async (trx) => {
        await getMailbox(trx, mailboxId);
        const settings = await setImapSettings(trx, imapPasswordBox(deps.config), mailboxId, {
          host: b.host,
          port: b.port ?? (secure ? 993 : 143),
          secure,
          user: b.user,
          ...(b.password !== undefined ? { password: b.password } : {}),
          ...(b.folder !== undefined ? { folder: b.folder } : {}),
          ...(b.after_commit ? { afterCommit: b.after_commit } : {}),
        }, now);
        const data = { host: settings.host, port: settings.port, secure, user: settings.user, folder: settings.folder, password_changed: b.password !== undefined };
        await recordAudit(trx, { actor: principalOf(request).actor, action: 'mailbox.imap_set', targetType: 'mailbox', targetId: mailboxId, ip: request.ip, data }, now);
        return settings;
      });
      return imapJson(saved);
    });

    r.delete('/mailboxes/:id/imap', {
      config: { access: 'mailboxes:manage' },
      schema: { tags: ['mailboxes'], summary: 'Stop polling a mailbox over IMAP (its stored password is deleted)', params: Params, response: { 204: Type.Null(), ...errorResponses } },
    }, async (request, reply) => {
      const now = deps.clock.now().toISOString();
      await deps.store.transaction(async (trx) => {
        if (!(await deleteImapSettings(trx, request.params.id))) throw notFound(`IMAP settings of mailbox ${request.params.id}`);
        await recordAudit(trx, { actor: principalOf(request).actor, action: 'mailbox.imap_removed', targetType: 'mailbox', targetId: request.params.id, ip: request.ip }, now);
      });
      return reply.code(204).send(null);
    });
  };
}
