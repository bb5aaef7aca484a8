import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const esc = (s: string): string => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A shop page that embeds the widget the way a customer's site does, with CSS that would wreck
 * a widget that is not isolated, and a record of the window's globals before the widget loads.
 */
export function shopPage(careline: string, attributes: Record<string, string> = {}): string {
  const data = Object.entries({ 'data-title': 'Shop support', ...attributes }).map(([k, v]) => ` ${k}="${esc(v)}"`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>
<script>window.__globalsBefore = Object.keys(window);</script>
<style>
  * { font-family: "Comic Sans MS", cursive !important; color: rgb(255, 0, 0) !important; letter-spacing: 4px !important; }
  button { background: rgb(0, 255, 0) !important; border-radius: 0 !important; width: 300px !important; }
  textarea, input, ol, li, .panel, .launcher, [role="dialog"] { display: none !important; }
  h2 { font-size: 80px !important; }
  body { font-size: 40px; line-height: 4; }
</style></head>
<body><h1>Shop</h1><p>Products.</p>
<script src="${esc(careline)}/widget.js"${data} async></script>
</body></html>`;
}

/**
 * A host site on its own origin (another port): GET / is the shop page; ?jwt=… adds
 * data-identity-jwt, ?data-x=… any data attribute, ?csp=strict a CSP that allows only what
 * docs/widget.md tells hosts to allow (no inline styles at all).
 */
export async function serveShop(careline: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const attributes: Record<string, string> = {};
    const query = new URL(req.url ?? '/', 'http://x').searchParams;
    if (query.get('csp') === 'strict') {
      res.setHeader('content-security-policy', `default-src 'none'; script-src ${careline}; connect-src ${careline} ${careline.replace(/^http/, 'ws')}; style-src 'none'`);
    }
    for (const [k, v] of query) {
      if (k === 'jwt') attributes['data-identity-jwt'] = v;
      else if (/^data-[a-z-]+$/.test(k)) attributes[k] = v;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(shopPage(careline, attributes));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
