import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertProblem, call, testApp, type TestApp } from '../../../test/support/http.ts';
import { DIALECTS, dialectSkip } from '../../../test/support/stores.ts';
import { listAudit } from '../../modules/identity/index.ts';
import { createMailbox, type Mailbox } from '../../modules/mailboxes/index.ts';
import { emailFilters } from './filters/index.ts';
import { countRecentFrom } from './inbound-emails.ts';
import { receiveEmail } from './receive-email.ts';
import { fixture } from './test-kit.ts';

// The download route itself is GET /api/v1/attachments/{id} (chat-settings.routes.ts, shared
// with chat uploads); this checks it with what email brings in: hostile names and types.
for (const dialect of DIALECTS) {
  describe(`email attachments downloaded over the API on ${dialect}`, { skip: await dialectSkip(dialect) }, () => {
    let t: TestApp;
    let support: Mailbox;
    before(async () => {
      t = await testApp(dialect);
      support = await createMailbox(t.deps.store.db, { address: 'support@example.com', category: 'general' }, new Date().toISOString());
    });
    after(() => t.close());

    const receive = async (name: string) => {
      const filters = emailFilters({ countRecent: (a, s) => countRecentFrom(t.deps.store.db, a, s), now: () => t.deps.clock.now() });
      const outcome = await receiveEmail(t.deps, fixture(name), { mailbox: support, envelope: { mailFrom: 'x@customer.example', rcpt: support.address, remoteIp: '127.0.0.1' }, filters });
      assert.equal(outcome.kind, 'stored', JSON.stringify(outcome));
      const reference = (outcome as { reference: string }).reference;
      const res = await call(t.app, 'GET', `/api/v1/tickets/${reference}/messages`, { as: { token: await t.tokenFor('agent') } });
      return (res.body.items[0].attachments as Array<{ id: number; filename: string; content_type: string; size: number }>);
    };

    test('a PDF comes back byte for byte as a download; HTML and SVG never render inline; names cannot inject headers', async () => {
      const agent = { token: await t.tokenFor('agent') };
      const [pdf] = await receive('attachment.eml');
      const got = await t.app.inject({ method: 'GET', url: `/api/v1/attachments/${pdf!.id}`, headers: { authorization: `Bearer ${agent.token}` } });
      assert.equal(got.statusCode, 200, got.body);
      assert.equal(got.rawPayload.length, pdf!.size);
      assert.ok(got.rawPayload.subarray(0, 8).equals(Buffer.from('%PDF-1.4')));
      assert.match(String(got.headers['content-disposition']), /^attachment; filename="invoice\.pdf"/);
      const [entry] = await listAudit(t.deps.store.db, { action: 'attachment.downloaded', limit: 1 });
      assert.equal(entry?.targetType, 'attachment', 'every download is in the audit log');
      assert.equal(entry?.targetId, String(pdf!.id));

      const files = await receive('hostile-attachments.eml');
      const svg = files.find((f) => f.content_type === 'image/svg+xml');
      assert.ok(svg, JSON.stringify(files));
      for (const file of files) {
        const res = await t.app.inject({ method: 'GET', url: `/api/v1/attachments/${file.id}`, headers: { authorization: `Bearer ${agent.token}` } });
        assert.equal(res.statusCode, 200);
        assert.equal(res.headers['content-type'], 'application/octet-stream', 'never served as text/html or image/svg+xml');
        assert.equal(res.headers['x-content-type-options'], 'nosniff');
        const disposition = String(res.headers['content-disposition']);
        assert.match(disposition, /^attachment; /, 'a download, never inline');
        assert.ok(!/[\r\n]/.test(disposition) && res.headers['x-evil'] === undefined, 'no header injected through the filename');
      }
      const svgDisposition = String((await t.app.inject({ method: 'GET', url: `/api/v1/attachments/${svg!.id}`, headers: { authorization: `Bearer ${agent.token}` } })).headers['content-disposition']);
      assert.match(svgDisposition, /filename="Rechnung _M_rz_ __X-Evil: 1\.svg"|filename="[^"\\]*"/);
      assert.match(svgDisposition, /filename\*=UTF-8''Rechnung%20%22M%C3%A4rz%22/);
    });

    test('only signed-in agents with tickets:read download; an unknown id is a 404 problem', async () => {
      const [pdf] = await receive('attachment.eml');
      assertProblem(await call(t.app, 'GET', `/api/v1/attachments/${pdf!.id}`), 401);
      assertProblem(await call(t.app, 'GET', '/api/v1/attachments/99999999', { as: { token: await t.tokenFor('agent') } }), 404);
    });
  });
}
