import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { testApp, type TestApp } from '../support/http.ts';

const BUNDLE = fileURLToPath(new URL('../../dist/widget/widget.js', import.meta.url));
const LIMIT = 35 * 1024;

describe('the built widget bundle', () => {
  test(`dist/widget/widget.js is at most ${LIMIT} bytes gzipped`, () => {
    const source = readFileSync(BUNDLE);
    const gzipped = gzipSync(source, { level: 9 }).length;
    console.log(`widget.js: ${source.length} bytes, ${gzipped} bytes gzipped`);
    assert.ok(gzipped <= LIMIT, `widget.js is ${gzipped} bytes gzipped, over ${LIMIT}`);
  });

  test('is one classic script that declares nothing at the top level', () => {
    const source = readFileSync(BUNDLE, 'utf8').trim();
    assert.match(source, /^\(function\(\)\{/, 'an IIFE, so nothing leaks into the host page');
    assert.doesNotMatch(source, /\bimport\s*\(|^import |^export /m, 'no module syntax or chunks');
  });
});

describe('GET /widget.js and the embedding edge', () => {
  let t: TestApp;
  before(async () => (t = await testApp('sqlite')));
  after(async () => t?.close());

  test('serves the bundle as JavaScript that any origin may load, cached with an ETag', async () => {
    const res = await t.app.inject({ url: '/widget.js', headers: { origin: 'https://shop.example' } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['cross-origin-resource-policy'], 'cross-origin', 'helmet defaults to same-origin, which would block other sites');
    assert.equal(res.headers['access-control-allow-origin'], '*');
    assert.equal(res.headers['access-control-allow-credentials'], undefined);
    assert.match(String(res.headers['cache-control']), /^public, max-age=86400\b/);
    assert.equal(res.body, readFileSync(BUNDLE, 'utf8'));
    const etag = String(res.headers.etag);
    assert.match(etag, /^"[\w-]{16}"$/);

    const again = await t.app.inject({ url: '/widget.js', headers: { 'if-none-match': etag } });
    assert.equal(again.statusCode, 304);
    assert.equal(again.body, '');
    const stale = await t.app.inject({ url: '/widget.js', headers: { 'if-none-match': '"something-else"' } });
    assert.equal(stale.statusCode, 200);
  });

  test('sends it gzipped to clients that accept gzip', async () => {
    const res = await t.app.inject({ url: '/widget.js', headers: { 'accept-encoding': 'gzip, br' } });
    assert.equal(res.headers['content-encoding'], 'gzip');
    assert.equal(res.headers.vary, 'accept-encoding');
    assert.ok(res.rawPayload.length <= LIMIT);
    assert.equal(gunzipSync(res.rawPayload).toString('utf8'), readFileSync(BUNDLE, 'utf8'));
  });

  test('answers the CORS preflight of an upload from another origin, without credentials', async () => {
    const res = await t.app.inject({
      method: 'OPTIONS', url: '/chat/uploads',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-visitor-token' },
    });
    assert.equal(res.statusCode, 204);
    assert.equal(res.headers['access-control-allow-origin'], '*');
    assert.match(String(res.headers['access-control-allow-headers']), /x-visitor-token/);
    assert.equal(res.headers['access-control-allow-credentials'], undefined);
  });

  test('lets other origins read help-center search, and nothing else of the API', async () => {
    const search = await t.app.inject({ url: '/api/v1/helpcenter/search?q=password', headers: { origin: 'https://shop.example' } });
    assert.equal(search.statusCode, 200);
    assert.equal(search.headers['access-control-allow-origin'], '*');
    const tickets = await t.app.inject({ url: '/api/v1/tickets', headers: { origin: 'https://shop.example', authorization: `Bearer ${await t.tokenFor('admin')}` } });
    assert.equal(tickets.statusCode, 200);
    assert.equal(tickets.headers['access-control-allow-origin'], undefined);
  });

  test('the demo host page embeds the snippet, and its CSP lets the widget reach the chat socket', async () => {
    const res = await t.app.inject({ url: '/widget/demo' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<script src="\/widget\.js"[^>]* async><\/script>/);
    assert.match(res.body, /&#60;script src=&#34;http:\/\/[^&]+\/widget\.js&#34;/, 'shows the snippet to copy, escaped');
    const csp = String(res.headers['content-security-policy']);
    const connect = /connect-src ([^;]+)/.exec(csp)?.[1] ?? '';
    assert.match(connect, /'self'/);
    assert.match(connect, /ws:\/\/127\.0\.0\.1:\d+/, 'the WebSocket origin of PUBLIC_URL');
    const landing = await t.app.inject({ url: '/' });
    assert.match(landing.body, /href="\/widget\/demo"/);
  });
});
