import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Deps } from './deps.ts';
import { AppError } from './kernel/errors.ts';
import { accessHook } from './http/auth.ts';
import { auditHook } from './http/audit-hook.ts';
import { registerMetrics } from './http/metrics.ts';
import { sendProblem } from './http/problem.ts';
import { validatorCompiler } from './http/validators.ts';
import { ProblemSchema } from './http/schemas.ts';
import { apiRoutes } from './http/routes/index.ts';
import { chatRoutes } from './http/routes/chat.routes.ts';
import { landingRoutes } from './http/routes/landing.routes.ts';
import { consoleRoutes } from './http/routes/console.routes.ts';
import { helpcenterSiteRoutes } from './http/routes/helpcenter-site.routes.ts';
import { opsRoutes } from './http/routes/ops.routes.ts';
import { verifyPageRoutes } from './http/routes/verify-page.routes.ts';
import { embedCorsHook, widgetRoutes } from './http/routes/widget.routes.ts';

/** Builds the HTTP app from its dependencies; listening is the caller's business. */
export async function buildApp(deps: Deps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: false,
    return503OnClosing: true,
  });
  app.setValidatorCompiler(validatorCompiler());
  app.decorateRequest('principal', null);
  app.decorateRequest('csrfToken', null);
  app.setErrorHandler((error, request, reply) => sendProblem(error, request, reply));
  app.setNotFoundHandler((request, reply) => sendProblem(new AppError('not_found', `No route ${request.method} ${request.url.split('?')[0]}`), request, reply));

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", deps.config.publicUrl.replace(/^http/, 'ws')],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: deps.config.publicUrl.startsWith('https:') ? [] : null,
      },
    },
    strictTransportSecurity: deps.config.publicUrl.startsWith('https:'),
  });
  await app.register(cookie, { secret: deps.config.secrets.sessionKey });
  if (deps.config.rateLimits) {
    await app.register(rateLimit, {
      global: true,
      max: 3000,
      timeWindow: '1 minute',
      keyGenerator: (request) => request.ip,
      allowList: (request) => request.url === '/healthz' || request.url === '/metrics',
    });
  }
  const registry = registerMetrics(app, deps);
  app.addSchema(ProblemSchema);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Careline API', version: '1', description: 'Tickets, messages, customers, agents, teams, tokens and jobs. Errors are application/problem+json.' },
      servers: [{ url: deps.config.publicUrl }],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'An API token from `careline token create`' },
          session: { type: 'apiKey', in: 'cookie', name: 'careline_session', description: 'Agent session; writes also need X-CSRF-Token' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true, uiConfig: { deepLinking: false } });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  app.addHook('onRequest', embedCorsHook);
  app.addHook('onRequest', accessHook(deps));
  app.addHook('onSend', auditHook(deps));
  await app.register(opsRoutes(deps, registry));
  await app.register(landingRoutes(deps));
  await app.register(consoleRoutes(deps));
  await app.register(helpcenterSiteRoutes(deps));
  await app.register(verifyPageRoutes(deps));
  await app.register(widgetRoutes(deps));
  await app.register(chatRoutes(deps));
  await app.register(apiRoutes(deps), { prefix: '/api/v1' });
  return app;
}
