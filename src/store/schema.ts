import type { Generated } from 'kysely';

/** Table shapes as Kysely sees them; repositories map rows to plain domain types. */
export type Database = {
  teams: { id: Generated<number>; name: string; slug: string; created_at: string };
  agents: {
    id: Generated<number>;
    email: string;
    name: string;
    role: string;
    password_hash: string | null;
    active: number;
    failed_logins: number;
    locked_until: string | null;
    created_at: string;
    updated_at: string;
  };
  agent_teams: { agent_id: number; team_id: number };
  api_tokens: {
    id: Generated<number>;
    name: string;
    role: string;
    token_hash: string;
    prefix: string;
    created_at: string;
    last_used_at: string | null;
    revoked_at: string | null;
  };
  sessions: {
    id_hash: string;
    agent_id: number;
    csrf_token: string;
    created_at: string;
    expires_at: string;
    ip: string | null;
  };
  customers: {
    id: Generated<number>;
    name: string | null;
    email: string | null;
    merged_into_id: number | null;
    created_at: string;
    updated_at: string;
  };
  customer_identities: {
    id: Generated<number>;
    customer_id: number;
    kind: string;
    value: string;
    verified: number;
    created_at: string;
  };
  tickets: {
    id: Generated<number>;
    reference: string;
    subject: string;
    status: string;
    priority: string;
    category: string;
    channel: string;
    customer_id: number;
    assignee_id: number | null;
    team_id: number | null;
    follow_up_of_id: number | null;
    created_at: string;
    updated_at: string;
    first_response_at: string | null;
    solved_at: string | null;
    triage: string | null;
  };
  ticket_tags: { ticket_id: number; tag: string };
  messages: {
    id: Generated<number>;
    ticket_id: number;
    kind: string;
    author_type: string;
    author_id: number | null;
    channel: string;
    text: string;
    html: string;
    external_id: string | null;
    redactions: Generated<string>;
    created_at: string;
  };
  ticket_checklist_items: {
    id: Generated<number>;
    ticket_id: number;
    position: number;
    text: string;
    done_at: string | null;
    done_by: number | null;
  };
  attachments: {
    id: Generated<number>;
    message_id: number;
    filename: string;
    content_type: string;
    size: number;
    storage_key: string;
    created_at: string;
  };
  events: {
    id: Generated<number>;
    type: string;
    ticket_id: number | null;
    customer_id: number | null;
    actor_type: string;
    actor_id: number | null;
    data: string;
    created_at: string;
  };
  jobs: {
    id: Generated<number>;
    type: string;
    payload: string;
    status: string;
    attempts: number;
    max_attempts: number;
    run_at: string;
    locked_at: string | null;
    locked_by: string | null;
    last_error: string | null;
    unique_key: string | null;
    created_at: string;
    updated_at: string;
  };
  audit_log: {
    id: Generated<number>;
    actor_type: string;
    actor_id: number | null;
    action: string;
    target_type: string | null;
    target_id: string | null;
    ip: string | null;
    data: string;
    created_at: string;
  };
};
