import type { FastifyPluginAsync } from 'fastify';
import type { Deps } from '../../deps.ts';
import { adminRoutes } from './admin.routes.ts';
import { agentRoutes } from './agents.routes.ts';
import { auditExportRoutes } from './audit-export.routes.ts';
import { chatSettingsRoutes } from './chat-settings.routes.ts';
import { authRoutes } from './auth.routes.ts';
import { customerRoutes } from './customers.routes.ts';
import { outboxRoutes } from './outbox.routes.ts';
import { privacyRoutes } from './privacy.routes.ts';
import { routingRoutes } from './routing.routes.ts';
import { securityRoutes } from './security.routes.ts';
import { macroRoutes } from './macros.routes.ts';
import { mailboxRoutes } from './mailboxes.routes.ts';
import { helpcenterAdminRoutes } from './helpcenter-admin.routes.ts';
import { helpcenterArticleRoutes } from './helpcenter-articles.routes.ts';
import { helpcenterImageRoutes } from './helpcenter-images.routes.ts';
import { helpcenterRoutes } from './helpcenter.routes.ts';
import { streamRoutes } from './stream.routes.ts';
import { ticketRoutes } from './tickets.routes.ts';
import { tokenRoutes } from './tokens.routes.ts';
import { verificationRoutes } from './verification.routes.ts';

/** Everything under /api/v1, one plugin per resource. */
export function apiRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    await app.register(ticketRoutes(deps));
    await app.register(customerRoutes(deps));
    await app.register(agentRoutes(deps));
    await app.register(mailboxRoutes(deps));
    await app.register(tokenRoutes(deps));
    await app.register(authRoutes(deps));
    await app.register(adminRoutes(deps));
    await app.register(streamRoutes(deps));
    await app.register(helpcenterRoutes(deps));
    await app.register(helpcenterArticleRoutes(deps));
    await app.register(helpcenterAdminRoutes(deps));
    await app.register(helpcenterImageRoutes(deps));
    await app.register(verificationRoutes(deps));
    await app.register(outboxRoutes(deps));
    await app.register(auditExportRoutes(deps));
    await app.register(privacyRoutes(deps));
    await app.register(chatSettingsRoutes(deps));
    await app.register(routingRoutes(deps));
    await app.register(securityRoutes(deps));
    await app.register(macroRoutes(deps));
  };
}
