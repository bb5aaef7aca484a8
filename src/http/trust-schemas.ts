import { MAIL_KINDS, OUTBOX_STATUSES } from '../modules/outbox/index.ts';
import { ChecklistItemSchema, CustomerSchema, EventSchema, Id, MessageSchema, nullable, TicketSchema, Timestamp, Type, VerificationSchema } from './schemas.ts';

/** Shapes of the trust endpoints: audit log, outbox, verification, customer export and erasure. */

const Filter = (description: string, pattern?: string) => Type.Optional(Type.String({ minLength: 1, maxLength: 140, description, ...(pattern ? { pattern } : {}) }));

export const AuditQuery = Type.Object(
  {
    actor: Filter('agent:ID, token:ID, customer:ID, system or anonymous'),
    action: Filter('an action, e.g. ticket.viewed, or a prefix ending in *, e.g. ticket.*'),
    target: Filter('TYPE:ID, e.g. ticket:CL-7KQ20M11 or customer:12'),
    before: Type.Optional(Id),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false },
);

export const AuditExportQuery = Type.Object(
  {
    format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('jsonl')], { default: 'jsonl' })),
    actor: AuditQuery.properties.actor,
    action: AuditQuery.properties.action,
    target: AuditQuery.properties.target,
  },
  { additionalProperties: false },
);

/** The audit filters a query names, without the paging. */
export function auditFilter(q: { actor?: string | undefined; action?: string | undefined; target?: string | undefined }) {
  return { ...(q.actor !== undefined ? { actor: q.actor } : {}), ...(q.action !== undefined ? { action: q.action } : {}), ...(q.target !== undefined ? { target: q.target } : {}) };
}

export const AuditEntrySchema = Type.Object(
  {
    id: Type.Integer(),
    actor_type: Type.String(),
    actor_id: nullable(Type.Integer()),
    action: Type.String(),
    target_type: nullable(Type.String()),
    target_id: nullable(Type.String()),
    ip: nullable(Type.String()),
    user_agent: nullable(Type.String()),
    data: Type.Unknown(),
    created_at: Timestamp,
  },
  { $id: 'AuditEntry' },
);

const union = <const T extends readonly string[]>(values: T) => Type.Enum(values as unknown as T[number][]);

export const OutboxQuery = Type.Object(
  {
    status: Type.Optional(union(OUTBOX_STATUSES)),
    ticket: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: 'a ticket reference' })),
    before: Type.Optional(Id),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);

export const OutboxEmailSchema = Type.Object(
  {
    id: Type.Integer(),
    message_id: Type.String(),
    kind: union(MAIL_KINDS),
    status: union(OUTBOX_STATUSES),
    sent: Type.Boolean(),
    from: Type.String(),
    to: Type.String(),
    subject: Type.String(),
    text: nullable(Type.String({ description: 'null when the mail carries a one-time secret' })),
    html: nullable(Type.String()),
    headers: Type.Record(Type.String(), Type.String()),
    in_reply_to: nullable(Type.String()),
    references: Type.Array(Type.String()),
    ticket_id: nullable(Type.Integer()),
    customer_id: nullable(Type.Integer()),
    attempts: Type.Integer(),
    last_error: nullable(Type.String()),
    sent_at: nullable(Timestamp),
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { $id: 'OutboxEmail' },
);

export const VerificationRequestedSchema = Type.Object({
  sent_to: Type.String({ description: 'the address, masked' }),
  expires_at: Timestamp,
  email_id: Type.Integer({ description: 'the mail in the outbox' }),
  verification: VerificationSchema,
});

const ExportedTicket = Type.Intersect([
  TicketSchema,
  Type.Object({
    messages: Type.Array(MessageSchema),
    events: Type.Array(EventSchema),
    checklist: Type.Array(ChecklistItemSchema),
    verifications: Type.Array(Type.Object({ method: nullable(Type.String()), status: Type.String(), channel: Type.String(), created_at: Timestamp, verified_at: nullable(Timestamp), expires_at: nullable(Timestamp) })),
  }),
]);

export const CustomerExportSchema = Type.Object(
  {
    format: Type.Literal('careline.customer-export.v1'),
    exported_at: Timestamp,
    customer: Type.Intersect([CustomerSchema, Type.Object({ erased_at: nullable(Timestamp), merged_from: Type.Array(Type.Integer()) })]),
    tickets: Type.Array(ExportedTicket),
    outbox: Type.Array(OutboxEmailSchema),
    audit: Type.Array(AuditEntrySchema),
  },
  { description: 'Everything Careline holds about a customer (GDPR Art. 15 and 20)' },
);

export const ErasureSchema = Type.Object({
  customer_id: Type.Integer(),
  erased_at: Timestamp,
  already_erased: Type.Boolean(),
  tickets: Type.Integer(),
  messages: Type.Integer(),
  attachments: Type.Integer(),
  emails: Type.Integer(),
  files_not_deleted: Type.Array(Type.String()),
});
