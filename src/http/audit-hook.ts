import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import type { Deps } from '../deps.ts';
import { AppError, toProblem } from '../kernel/errors.ts';
import { normalizeReference } from '../kernel/ids.ts';
import { recordAudit, type AuditEntry } from '../modules/identity/index.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * What the audit log calls this request: `'ticket.viewed'` on reads of customer data;
     * changes (POST, PUT, PATCH, DELETE) are recorded even without it, as `METHOD /path`;
     * `false` for routes that write their own entry in their transaction.
     */
    audit?: string | false;
  }
}

const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Changes refused by a rule rather than by bad input: worth knowing who tried. */
const REFUSED = new Set([403, 409, 422]);

/** What the request was about: the first path parameter, or the resource a create points to. */
function targetOf(request: FastifyRequest, reply: FastifyReply): { targetType?: string; targetId?: string } {
  const url = request.routeOptions.url ?? '';
  const params = (request.params ?? {}) as Record<string, unknown>;
  const param = /\/([a-z_-]+)\/:([a-zA-Z_]+)/.exec(url);
  let type = param?.[1];
  let id = param && params[param[2]!] !== undefined ? String(params[param[2]!]) : undefined;
  const location = reply.getHeader('location');
  if (id === undefined && typeof location === 'string') {
    const made = /\/([a-z_-]+)\/([^/?]+)$/.exec(location);
    type = made?.[1];
    id = made?.[2];
  }
  if (type === undefined || id === undefined) return {};
  const singular = type.replace(/ies$/, 'y').replace(/s$/, '');
  return { targetType: singular, targetId: singular === 'ticket' ? (normalizeReference(id) ?? id.slice(0, 40)) : id.slice(0, 100) };
}

function dataOf(request: FastifyRequest, status: number, change: boolean): Record<string, unknown> {
  const data: Record<string, unknown> = { status };
  // The query as the caller sent it, before schema defaults are filled in.
  const raw = request.url.split('?')[1];
  if (raw) data.query = Object.fromEntries(new URLSearchParams(raw));
  // Field names only: values can be message text, codes or personal data.
  if (change && request.body && typeof request.body === 'object') data.fields = Object.keys(request.body).slice(0, 50);
  return data;
}

/**
 * onSend hook: records every authenticated change and every read of customer data a route
 * declares (who, what, target, when, IP, user agent) durably before the response leaves.
 * If the entry cannot be written the caller gets 503 instead of unaudited data.
 */
export function auditHook(deps: Deps) {
  return async (request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> => {
    const principal = request.principal;
    const declared = request.routeOptions.config.audit;
    if (!principal || declared === false) return payload;
    const change = CHANGES.has(request.method);
    const action = declared ?? (change ? `${request.method} ${request.routeOptions.url ?? request.url}` : null);
    const status = reply.statusCode;
    if (action === null || (status >= 300 && !(change && REFUSED.has(status)))) return payload;
    const entry: AuditEntry = {
      actor: principal.actor,
      action,
      ...targetOf(request, reply),
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
      data: { ...dataOf(request, status, change), ...(status >= 300 ? { outcome: 'refused' } : {}) },
    };
    try {
      await deps.store.transaction((trx) => recordAudit(trx, entry, deps.clock.now().toISOString()));
      return payload;
    } catch (error) {
      request.log.error({ err: error, action }, 'audit entry could not be written; answering 503');
      (payload as Partial<Readable> | null)?.destroy?.();
      const problem = toProblem(new AppError('unavailable', 'The request could not be recorded in the audit log; nothing was shown. Try again.'), request.url.split('?')[0]);
      reply.code(503).type('application/problem+json');
      return JSON.stringify(problem);
    }
  };
}
