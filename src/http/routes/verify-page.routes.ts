import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { Deps } from '../../deps.ts';
import { confirmVerificationLink, peekVerificationLink, type LinkState } from '../../modules/tickets/index.ts';

const TOKEN = { type: 'object', properties: { token: { type: 'string', minLength: 1, maxLength: 200 } }, required: ['token'] } as const;

type Page = { title: string; body: string; form?: string };

const PAGES: Record<LinkState['state'] | 'done', (reference: string | null) => Page> = {
  valid: (ref) => ({ title: "Confirm it's you", body: `Our support team asked to confirm it is really you on your support request ${ref ?? ''}. If you asked us for help, confirm below. If you did not, close this page: nothing changes.`, form: "Yes, it's me" }),
  done: (ref) => ({ title: 'Thank you, you are confirmed', body: `We told the agent on ${ref ?? 'your request'} that it is really you. You can close this page.` }),
  used: () => ({ title: 'Already confirmed', body: 'This link was already used. Nothing else to do; you can close this page.' }),
  expired: () => ({ title: 'This link has expired', body: 'Links work once, for 30 minutes. Ask the agent helping you to send a new one.' }),
  unknown: () => ({ title: 'This link does not work', body: 'Check that you opened the whole link from the email, or ask the agent helping you to send a new one.' }),
};

const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function render(page: Page, action: string): string {
  const form = page.form ? `<form method="post" action="${escape(action)}"><button type="submit">${escape(page.form)}</button></form>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escape(page.title)} · Careline</title>
<style>
  :root { color-scheme: light dark; --fg: #1b1f24; --bg: #fbfbfd; --accent: #0b57d0; }
  @media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --accent: #79b8ff; } }
  body { font: 17px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); margin: 0; }
  main { max-width: 32rem; margin: 0 auto; padding: 3rem 1.25rem; }
  button { font: inherit; padding: .6rem 1.2rem; border: 0; border-radius: .4rem; background: var(--accent); color: #fff; cursor: pointer; }
  button:focus-visible { outline: 3px solid var(--fg); outline-offset: 2px; }
</style>
</head>
<body>
<main>
  <h1>${escape(page.title)}</h1>
  <p>${escape(page.body)}</p>
  ${form}
  <p><small>We will never ask for your password, master password, recovery codes or card number.</small></p>
</main>
</body>
</html>`;
}

function send(reply: FastifyReply, status: number, page: Page, action: string): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').type('text/html; charset=utf-8').send(render(page, action));
}

/**
 * /verify/{token}: the page the verification email links to. Opening it confirms nothing (mail
 * scanners open every link); the customer confirms with one button, a plain form, no script.
 */
export function verifyPageRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 }, (_request, _body, done) => done(null, {}));

    app.get<{ Params: { token: string } }>('/verify/:token', { config: { access: 'public' }, schema: { hide: true, params: TOKEN } }, async (request, reply) => {
      const link = await peekVerificationLink(deps.store.db, request.params.token, deps.clock.now().toISOString());
      return send(reply, link.state === 'valid' ? 200 : link.state === 'unknown' ? 404 : 410, PAGES[link.state](link.reference), request.url);
    });

    app.post<{ Params: { token: string } }>('/verify/:token', { config: { access: 'public' }, schema: { hide: true, params: TOKEN } }, async (request, reply) => {
      const result = await deps.uow((work) => confirmVerificationLink(work, request.params.token));
      if (result.ok) return send(reply, 200, PAGES.done(result.reference), request.url);
      const state = result.reason === 'used' || result.reason === 'expired' ? result.reason : 'unknown';
      return send(reply, state === 'unknown' ? 404 : 410, PAGES[state](null), request.url);
    });
  };
}
