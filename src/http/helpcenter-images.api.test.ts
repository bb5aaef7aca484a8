import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { assertProblem, call, testApp, type TestApp } from '../../test/support/http.ts';
import { DIALECTS, dialectSkip } from '../../test/support/stores.ts';
import { storedImage } from '../modules/helpcenter/index.ts';

/** A real 1×1 PNG. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** A multipart/form-data body with one file part. */
function multipartBody(field: string, filename: string, type: string, bytes: Buffer): { payload: Buffer; contentType: string } {
  const boundary = `----careline${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`);
  return { payload: Buffer.concat([head, bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}

for (const dialect of DIALECTS) {
  describe(`help center images on ${dialect}`, { skip: await dialectSkip(dialect) }, () => {
    let t: TestApp;
    let agent: string;
    before(async () => {
      t = await testApp(dialect, { PUBLIC_URL: 'https://help.example.com' });
      agent = await t.tokenFor('agent');
    });
    after(() => t.close());

    const upload = async (token: string | null, field: string, filename: string, type: string, bytes: Buffer) => {
      const { payload, contentType } = multipartBody(field, filename, type, bytes);
      const res = await t.app.inject({
        method: 'POST', url: '/api/v1/helpcenter/images', payload,
        headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      });
      return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined, text: res.body, headers: res.headers };
    };

    test('an agent uploads an image once per content; the site serves it for a year, typed and unsniffable', async () => {
      const first = await upload(agent, 'image', 'Setup Screen.PNG', 'image/png', PNG);
      assert.equal(first.status, 201, first.text);
      assert.match(first.body.name, /^setup-screen-[0-9a-f]{12}\.png$/);
      assert.equal(first.body.url, `/help/images/${first.body.name}`);
      assert.deepEqual([first.body.content_type, first.body.size, first.body.markdown], ['image/png', PNG.length, `![Setup Screen](${first.body.url})`]);
      const stored = storedImage(t.deps.config.dataDir, first.body.name)!;
      assert.deepEqual(readFileSync(stored.file), PNG);

      const again = await upload(agent, 'image', 'setup screen.png', 'application/octet-stream', PNG);
      assert.equal(again.body.url, first.body.url, 'the same bytes keep one URL');

      const got = await t.app.inject({ method: 'GET', url: first.body.url });
      assert.equal(got.statusCode, 200);
      assert.deepEqual(got.rawPayload, PNG);
      assert.equal(got.headers['content-type'], 'image/png');
      assert.equal(got.headers['x-content-type-options'], 'nosniff');
      assert.equal(got.headers['cache-control'], 'public, max-age=31536000, immutable');
      assert.match(String(got.headers['content-security-policy']), /default-src 'none'/);
      const cached = await t.app.inject({ method: 'GET', url: first.body.url, headers: { 'if-none-match': String(got.headers.etag) } });
      assert.equal(cached.statusCode, 304);

      const gif = await upload(agent, 'image', 'spinner.gif', 'image/gif', GIF);
      assert.equal(gif.status, 201);
      assert.equal((await t.app.inject({ method: 'GET', url: gif.body.url })).headers['content-type'], 'image/gif');
    });

    test('only images pass: SVG, HTML and oversized files are refused with a problem and nothing is stored', async () => {
      const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
      assertProblem(await upload(agent, 'image', 'logo.svg', 'image/svg+xml', svg), 400, /PNG, JPEG, GIF and WebP/);
      assertProblem(await upload(agent, 'image', 'fake.png', 'image/png', Buffer.from('<html><script>alert(1)</script>')), 400, /PNG, JPEG, GIF and WebP/);
      assertProblem(await upload(agent, 'image', 'empty.png', 'image/png', Buffer.alloc(0)), 400, /empty/);
      const huge = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]);
      assertProblem(await upload(agent, 'image', 'huge.png', 'image/png', huge), 413, /5 MiB/);
      assertProblem(await upload(agent, 'file', 'x.png', 'image/png', PNG), 400, /named "image"/);
      assertProblem(await call(t.app, 'POST', '/api/v1/helpcenter/images', { as: { token: agent }, body: { image: 'x' } }), 400, /multipart/);
      assert.equal(existsSync(storedImage(t.deps.config.dataDir, `huge-${'0'.repeat(12)}.png`)!.file), false);
    });

    test('viewers and the public cannot upload; unknown or crafted image paths are not found', async () => {
      assertProblem(await upload(await t.tokenFor('viewer'), 'image', 'a.png', 'image/png', PNG), 403);
      assertProblem(await upload(null, 'image', 'a.png', 'image/png', PNG), 401);
      for (const path of ['/help/images/nothing-0123456789ab.png', '/help/images/..%2F..%2Fsession.secret', '/help/images/x.svg', '/help/images/.tmp-0123456789ab.png']) {
        assert.equal((await t.app.inject({ method: 'GET', url: path })).statusCode, 404, path);
      }
    });

    test('an article shows uploaded images, keeps https ones and drops any other image source', async () => {
      const image = await upload(agent, 'image', 'extension.png', 'image/png', PNG);
      const body = `Click the icon:\n\n![The toolbar icon](${image.body.url})\n\n![Remote](https://cdn.example.com/a.png)\n\n![Other](/api/v1/tickets)\n`;
      const made = await call(t.app, 'POST', '/api/v1/helpcenter/articles', { as: { token: agent }, body: { title: 'Find the extension icon', body, status: 'published', slug: 'find-icon' } });
      assert.equal(made.status, 201);
      assert.match(made.body.html, new RegExp(`<img src="${image.body.url}" alt="The toolbar icon" loading="lazy"`));
      assert.match(made.body.html, /<img src="https:\/\/cdn\.example\.com\/a\.png"/);
      assert.doesNotMatch(made.body.html, /api\/v1\/tickets/);
      const page = await t.app.inject({ method: 'GET', url: '/articles/find-icon' });
      assert.match(page.body, new RegExp(`<img src="${image.body.url}"`));
    });
  });
}
