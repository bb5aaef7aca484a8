import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { call, testApp, type TestApp } from '../../test/support/http.ts';
import { DIALECTS, dialectSkip } from '../../test/support/stores.ts';

for (const dialect of DIALECTS) {
  describe(`ops endpoints, landing page and OpenAPI on ${dialect}`, { skip: await dialectSkip(dialect) }, () => {
    let t: TestApp;

    before(async () => {
      t = await testApp(dialect);
    });
    after(() => t.close());

    test('GET /healthz checks the database and needs no credentials', async () => {
      const res = await call(t.app, 'GET', '/healthz');
      assert.equal(res.status, 200);
      assert.equal(res.body.status, 'ok');
      assert.equal(res.body.database, dialect);
      assert.equal(res.body.node, t.deps.config.nodeId);
    });

    test('GET /metrics is Prometheus text counting requests by route and status', async () => {
      const token = { token: await t.tokenFor('viewer') };
      await call(t.app, 'GET', '/api/v1/tickets', { as: token });
      await call(t.app, 'GET', '/api/v1/tickets');
      const res = await call(t.app, 'GET', '/metrics');
      assert.equal(res.status, 200);
      assert.match(String(res.headers['content-type']), /^text\/plain; version=0\.0\.4/);
      assert.match(res.text, /^# HELP careline_http_requests_total /m);
      assert.match(res.text, /^# TYPE careline_http_requests_total counter$/m);
      assert.match(res.text, /^careline_http_requests_total\{method="GET",route="\/api\/v1\/tickets",status="200",node="[^"]+"\} 1$/m);
      assert.match(res.text, /^careline_http_requests_total\{method="GET",route="\/api\/v1\/tickets",status="401",node="[^"]+"\} 1$/m);
      assert.match(res.text, /^careline_http_request_duration_seconds_bucket\{/m);
      assert.match(res.text, /^careline_process_cpu_user_seconds_total/m);
      assert.match(res.text, /^# TYPE careline_jobs gauge$/m);
    });

    test('GET / is an HTML page linking to the docs, OpenAPI, health and metrics', async () => {
      const res = await call(t.app, 'GET', '/');
      assert.equal(res.status, 200);
      assert.match(String(res.headers['content-type']), /^text\/html/);
      assert.match(res.text, /^<!doctype html>/i);
      for (const href of ['/api/docs', '/api/openapi.json', '/healthz', '/metrics']) assert.ok(res.text.includes(`href="${href}"`), href);
      assert.ok(res.text.includes(t.deps.config.publicUrl));
    });

    test('GET /api/openapi.json is an OpenAPI 3.1 document of the whole API', async () => {
      const res = await call(t.app, 'GET', '/api/openapi.json');
      assert.equal(res.status, 200);
      assert.match(String(res.headers['content-type']), /^application\/json/);
      const doc = res.body;
      assert.equal(doc.openapi, '3.1.0');
      assert.equal(doc.info.title, 'Careline API');
      const paths = [
        '/api/v1/tickets', '/api/v1/tickets/{reference}', '/api/v1/tickets/{reference}/messages', '/api/v1/customers',
        '/api/v1/agents', '/api/v1/teams', '/api/v1/tokens', '/api/v1/jobs',
      ];
      for (const p of paths) assert.ok(doc.paths[p], `paths has ${p}`);
      assert.ok(doc.paths['/api/v1/tickets'].post.requestBody, 'ticket creation documents its body');
      assert.ok(doc.paths['/api/v1/tickets'].post.responses['201']);
      assert.ok(doc.paths['/api/v1/tickets'].get.parameters.some((p: { name: string }) => p.name === 'customer'));
      assert.ok(doc.paths['/api/v1/tickets/{reference}'].patch);
      assert.deepEqual(Object.keys(doc.components.securitySchemes).sort(), ['bearer', 'session']);
      assert.ok(!doc.paths['/healthz'] && !doc.paths['/'], 'ops routes are hidden');
    });

    test('GET /api/docs serves the interactive docs page', async () => {
      let res = await call(t.app, 'GET', '/api/docs');
      for (let hops = 0; hops < 3 && res.status >= 300 && res.status < 400; hops++) res = await call(t.app, 'GET', String(res.headers.location));
      assert.equal(res.status, 200);
      assert.match(String(res.headers['content-type']), /^text\/html/);
      assert.match(res.text, /swagger/i);
    });

    test('every kind of response carries a Content-Security-Policy and no-sniff header', async () => {
      const token = { token: await t.tokenFor('viewer') };
      for (const [url, as] of [['/', null], ['/healthz', null], ['/api/v1/tickets', token], ['/api/v1/tickets', null], ['/api/docs', null], ['/nope', null]] as const) {
        const res = await call(t.app, 'GET', url, { as });
        const csp = String(res.headers['content-security-policy'] ?? '');
        assert.match(csp, /default-src 'self'/, `${url}: ${csp}`);
        assert.match(csp, /object-src 'none'/, url);
        assert.equal(res.headers['x-content-type-options'], 'nosniff', url);
      }
      const landing = String((await call(t.app, 'GET', '/')).headers['content-security-policy']);
      assert.match(landing, /frame-ancestors 'none'/);
      assert.match(landing, /script-src 'self'/);
    });
  });
}
