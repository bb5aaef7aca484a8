import { Type, type Static, type TSchema } from 'typebox';
import { CATEGORIES, CHANNELS, PRIORITIES, STATUSES } from '../modules/tickets/index.ts';
import { ROLES } from '../modules/identity/index.ts';

const union = <const T extends readonly string[]>(values: T) => Type.Enum(values as unknown as T[number][]);
const nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const StatusSchema = union(STATUSES);
export const PrioritySchema = union(PRIORITIES);
export const CategorySchema = union(CATEGORIES);
export const ChannelSchema = union(CHANNELS);
export const RoleSchema = union(ROLES);
export const Id = Type.Integer({ minimum: 1 });
export const Timestamp = Type.String({ format: 'date-time' });
export const Email = Type.String({ format: 'email', maxLength: 254 });
export const Tag = Type.String({ minLength: 1, maxLength: 64 });

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String(),
    errors: Type.Optional(Type.Unknown()),
    instance: Type.Optional(Type.String()),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details' },
);

export const TriageSchema = Type.Object(
  {
    category: CategorySchema,
    priority: PrioritySchema,
    confidence: Type.Number(),
    signals: Type.Array(Type.Object({ kind: Type.String(), value: Type.String(), category: Type.Optional(Type.String()), priority: Type.Optional(Type.String()), weight: Type.Number() })),
    escalation: nullable(Type.Object({ reason: Type.String(), kinds: Type.Array(Type.String()), checklist: Type.Array(Type.String()) })),
  },
  { description: "Triage's verdict on the opening message and the signals that decided it" },
);

export const RedactionSchema = Type.Object({ kind: Type.String(), label: Type.String() }, { description: 'A secret removed before storage: its kind and the placeholder left in the text' });

export const ChecklistItemSchema = Type.Object({ id: Type.Integer(), text: Type.String(), done: Type.Boolean(), done_at: nullable(Timestamp), done_by: nullable(Type.Integer()) });

export const VerificationSchema = Type.Object(
  {
    status: Type.Union([Type.Literal('none'), Type.Literal('pending'), Type.Literal('verified')]),
    method: nullable(Type.Union([Type.Literal('email_code'), Type.Literal('email_link'), Type.Literal('signed_identity')])),
    verified_at: nullable(Timestamp),
    verified_by: nullable(Type.Object({ type: Type.String(), id: Type.Optional(Type.Integer()) })),
    expires_at: nullable(Timestamp),
  },
  { description: "Whether the ticket's customer proved who they are; account tickets need it to be solved" },
);

export const TicketSchema = Type.Object(
  {
    id: Type.Integer(),
    reference: Type.String({ pattern: '^CL-[0-9A-Z]{8}$' }),
    subject: Type.String(),
    status: StatusSchema,
    priority: PrioritySchema,
    category: CategorySchema,
    channel: ChannelSchema,
    customer: Type.Object({ id: Type.Integer(), name: nullable(Type.String()), email: nullable(Type.String()) }),
    assignee_id: nullable(Type.Integer()),
    team_id: nullable(Type.Integer()),
    tags: Type.Array(Type.String()),
    follow_up_of: nullable(Type.String()),
    created_at: Timestamp,
    updated_at: Timestamp,
    first_response_at: nullable(Timestamp),
    solved_at: nullable(Timestamp),
    triage: nullable(TriageSchema),
    verification: VerificationSchema,
    /** Its latest customer email failed sender authentication: "unverified sender". */
    unverified_sender: Type.Boolean(),
  },
  { $id: 'Ticket' },
);

export const MessageSchema = Type.Object(
  {
    id: Type.Integer(),
    kind: Type.Union([Type.Literal('reply'), Type.Literal('note')]),
    author: Type.Object({ type: Type.Union([Type.Literal('customer'), Type.Literal('agent'), Type.Literal('system')]), id: nullable(Type.Integer()), name: nullable(Type.String()) }),
    channel: ChannelSchema,
    text: Type.String(),
    text_trimmed: Type.String({ description: 'The text to show first: for email, without the quoted history below the reply (the full original is `text`)' }),
    quoted: Type.Boolean({ description: 'Whether text_trimmed left quoted history out' }),
    html: Type.String(),
    external_id: nullable(Type.String()),
    redactions: Type.Array(RedactionSchema),
    attachments: Type.Array(Type.Object({ id: Type.Integer(), filename: Type.String(), content_type: Type.String(), size: Type.Integer() })),
    sender_auth: nullable(
      Type.Object({
        spf: Type.String(),
        dkim: Type.String(),
        dkim_aligned: Type.Boolean(),
        dmarc: Type.String(),
        dmarc_policy: nullable(Type.String()),
        from_domain: nullable(Type.String()),
        unverified: Type.Boolean(),
      }),
    ),
    created_at: Timestamp,
  },
  { $id: 'Message' },
);

export const TicketWithMessagesSchema = Type.Intersect([TicketSchema, Type.Object({ messages: Type.Array(MessageSchema), checklist: Type.Array(ChecklistItemSchema) })]);

export const EventSchema = Type.Object(
  {
    id: Type.Integer(),
    type: Type.String(),
    actor: Type.Object({ type: Type.String(), id: Type.Optional(Type.Integer()) }),
    data: Type.Unknown(),
    created_at: Timestamp,
  },
  { $id: 'Event' },
);

export const CustomerSchema = Type.Object(
  {
    id: Type.Integer(),
    name: nullable(Type.String()),
    email: nullable(Type.String()),
    identities: Type.Array(Type.Object({ kind: Type.String(), value: Type.String(), verified: Type.Boolean() })),
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { $id: 'Customer' },
);

export const AgentSchema = Type.Object(
  {
    id: Type.Integer(),
    email: Type.String(),
    name: Type.String(),
    role: RoleSchema,
    active: Type.Boolean(),
    team_ids: Type.Array(Type.Integer()),
    created_at: Timestamp,
  },
  { $id: 'Agent' },
);

export const TeamSchema = Type.Object({ id: Type.Integer(), name: Type.String(), slug: Type.String(), created_at: Timestamp }, { $id: 'Team' });

export const TokenSchema = Type.Object(
  {
    id: Type.Integer(),
    name: Type.String(),
    role: RoleSchema,
    prefix: Type.String(),
    created_at: Timestamp,
    last_used_at: nullable(Timestamp),
    revoked_at: nullable(Timestamp),
  },
  { $id: 'ApiToken' },
);

export const JobSchema = Type.Object(
  {
    id: Type.Integer(),
    type: Type.String(),
    status: Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('done'), Type.Literal('dead')]),
    attempts: Type.Integer(),
    max_attempts: Type.Integer(),
    run_at: Timestamp,
    last_error: nullable(Type.String()),
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { $id: 'Job' },
);

/** Error responses every authenticated route can give. */
export const errorResponses = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
  429: ProblemSchema,
} as const;

export const page = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item), next_cursor: nullable(Type.String()) });

export const Limit = Type.Integer({ minimum: 1, maximum: 100, default: 25 });

export type TicketJson = Static<typeof TicketSchema>;
export type MessageJson = Static<typeof MessageSchema>;
export { Type, nullable };
