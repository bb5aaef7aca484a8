import type { FastifyPluginAsync } from 'fastify';
import type { Deps } from '../../deps.ts';

const PAGE = (publicUrl: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Careline</title>
<meta name="description" content="Careline: self-hosted customer care.">
<style>
  :root { color-scheme: light dark; --fg: #1b1f24; --bg: #fbfbfd; --accent: #0b57d0; --muted: #57606a; }
  @media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --accent: #79b8ff; --muted: #9da7b3; } }
  body { font: 16px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); margin: 0; }
  main { max-width: 42rem; margin: 0 auto; padding: 3rem 1.25rem; }
  h1 { font-size: 2rem; margin: 0 0 .25rem; }
  p.lead { color: var(--muted); margin-top: 0; }
  ul { padding: 0; list-style: none; }
  li { margin: .75rem 0; }
  a { color: var(--accent); font-weight: 600; }
  a:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
  code { font-size: .9em; }
</style>
</head>
<body>
<main>
  <h1>Careline</h1>
  <p class="lead">Customer care for products people trust with their secrets.</p>
  <nav aria-label="What is here">
    <ul>
      <li><a href="/console">Agent console</a> — the inbox, tickets, live chats and workspace settings for your team</li>
      <li><a href="/help">Help Center</a> — articles, search and the contact form customers see</li>
      <li><a href="/widget/demo">Chat widget demo</a> — a host page with the one-tag live chat widget</li>
      <li><a href="/api/docs">API documentation</a> — tickets, messages, customers, agents, teams, tokens and jobs (<a href="/api/openapi.json">OpenAPI</a>)</li>
      <li><a href="/healthz">Health</a> and <a href="/metrics">metrics</a></li>
    </ul>
  </nav>
  <p>Create an API token with <code>npx careline token create --name me --role admin</code>, then
  <code>curl -H "Authorization: Bearer TOKEN" ${publicUrl}/api/v1/tickets</code>.</p>
</main>
</body>
</html>`;

/** GET /: a landing page linking to what this deployment serves. */
export function landingRoutes(deps: Deps): FastifyPluginAsync {
  const html = PAGE(deps.config.publicUrl);
  return async (app) => {
    app.get('/', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => reply.type('text/html; charset=utf-8').send(html));
  };
}
