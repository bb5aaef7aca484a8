import type { FastifyPluginAsync } from 'fastify';
import type { Deps } from '../../deps.ts';
import { adminRoutes } from './admin.routes.ts';
import { agentRoutes } from './agents.routes.ts';
import { authRoutes } from './auth.routes.ts';
import { customerRoutes } from './customers.routes.ts';
import { streamRoutes } from './stream.routes.ts';
import { ticketRoutes } from './tickets.routes.ts';
import { tokenRoutes } from './tokens.routes.ts';

/** Everything under /api/v1, one plugin per resource. */
export function apiRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    await app.register(ticketRoutes(deps));
    await app.register(customerRoutes(deps));
    await app.register(agentRoutes(deps));
    await app.register(tokenRoutes(deps));
    await app.register(authRoutes(deps));
    await app.register(adminRoutes(deps));
    await app.register(streamRoutes(deps));
  };
}
