import type { TestApp } from './http.ts';
import { call, type Reply } from './http.ts';

const FORM = 'application/x-www-form-urlencoded';
let ipSeq = 0;

/** A browser stand-in for site tests: keeps cookies between requests, follows 303s on GET, and comes from its own IP (rate limits are per IP). */
export function siteVisitor(t: TestApp) {
  const jar = new Map<string, string>();
  const ip = `10.19.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`;
  const keep = (res: Reply): Reply => {
    const raw = res.headers['set-cookie'];
    for (const c of Array.isArray(raw) ? raw : raw ? [String(raw)] : []) {
      const [pair] = c.split(';');
      const [name, value] = pair!.split('=');
      jar.set(name!, value!);
    }
    return res;
  };
  const cookie = (): Record<string, string> => (jar.size ? { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } : {});
  const get = async (url: string, hops = 3): Promise<Reply> => {
    const res = keep(await call(t.app, 'GET', url, { headers: cookie(), ip }));
    const location = res.headers.location;
    return res.status === 303 && typeof location === 'string' && hops > 0 ? get(location, hops - 1) : res;
  };
  return {
    get,
    post: async (url: string, fields: Record<string, string>) =>
      keep(await call(t.app, 'POST', url, { headers: { ...cookie(), 'content-type': FORM }, payload: new URLSearchParams(fields).toString(), ip })),
  };
}

/** The hidden inputs of a page's form. */
export function hiddenInputs(html: string): Record<string, string> {
  return Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!]));
}
