/** Agents, teams, roles, sessions, API tokens and the audit log. */
export { ROLES, authorize, can, isRole, type Permission, type Principal, type Role } from './roles.ts';
export { createAgent, getAgent, listAgents, updateAgent, createTeam, listTeams, findTeam, preparePassword } from './agents.ts';
export type { Agent, Team, NewAgent, AgentPatch, HashedPassword } from './agents.ts';
export { createToken, listTokens, revokeToken, TokenAuthenticator, type ApiToken } from './tokens.ts';
export { login, logout, openSession, resolveSession, SESSION_TTL_MS, SESSION_IDLE_MS, MAX_FAILED_LOGINS, type LoginResult, type SecondFactor } from './sessions.ts';
export {
  TotpCipher, startTotpSetup, enableTotp, resetTotp, issueSetupToken, agentOfSetupToken, dropSetupTokens, getSecuritySettings, setSecuritySettings, totpCode, totpStatus,
  type TotpSetup, type SecuritySettings,
} from './totp.ts';
export { recordAudit, eraseFromAudit, type AuditEntry, type AuditRecord } from './audit.ts';
export { listAudit, auditEntries, parseTarget, type AuditFilter } from './audit-query.ts';
export { hashPassword } from './passwords.ts';
