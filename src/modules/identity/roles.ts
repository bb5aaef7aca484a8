import type { Actor } from '../../kernel/events.ts';
import { forbidden } from '../../kernel/errors.ts';

export const ROLES = ['admin', 'agent', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** What a role may do; routes name the permission they need and nothing else. */
export type Permission =
  | 'tickets:read'
  | 'tickets:write'
  | 'customers:read'
  | 'customers:write'
  | 'agents:read'
  | 'agents:manage'
  | 'teams:manage'
  | 'mailboxes:manage'
  | 'tokens:manage'
  | 'jobs:manage'
  | 'audit:read'
  | 'outbox:read'
  | 'privacy:manage'
  | 'trust:override'
  | 'helpcenter:manage'
  | 'helpcenter:admin';

const GRANTS: Record<Role, readonly Permission[]> = {
  viewer: ['tickets:read', 'customers:read', 'agents:read'],
  agent: ['tickets:read', 'tickets:write', 'customers:read', 'customers:write', 'agents:read', 'helpcenter:manage'],
  admin: [
    'tickets:read',
    'tickets:write',
    'customers:read',
    'customers:write',
    'agents:read',
    'agents:manage',
    'teams:manage',
    'mailboxes:manage',
    'tokens:manage',
    'jobs:manage',
    'audit:read',
    'outbox:read',
    'privacy:manage',
    'trust:override',
    'helpcenter:manage',
    'helpcenter:admin',
  ],
};

/** Who is calling: the actor recorded on changes, and the role that bounds what they may do. */
export type Principal = { actor: Actor; role: Role; name: string; agentId: number | null; via: 'token' | 'session' };

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

/** Throws forbidden unless the principal's role grants the permission (least privilege). */
export function authorize(principal: Principal, permission: Permission): void {
  if (!can(principal.role, permission)) throw forbidden(`The ${principal.role} role cannot do this (${permission})`);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
