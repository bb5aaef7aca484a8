import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { call, testApp, type TestApp } from '../../../test/support/http.ts';
import { DIALECTS, dialectSkip } from '../../../test/support/stores.ts';
import { createMailbox, type Mailbox } from '../../modules/mailboxes/index.ts';
import { emailFilters } from './filters/index.ts';
import { countRecentFrom } from './inbound-emails.ts';
import { receiveEmail } from './receive-email.ts';
import { fixture } from './test-kit.ts';

for (const dialect of DIALECTS) {
  describe(`trimmed email text in the message API on ${dialect}`, { skip: await dialectSkip(dialect) }, () => {
    let t: TestApp;
    let support: Mailbox;
    before(async () => {
      t = await testApp(dialect);
      support = await createMailbox(t.deps.store.db, { address: 'support@example.com', category: 'general' }, new Date().toISOString());
    });
    after(() => t.close());

    test('a Gmail reply shows text_trimmed without the quote, quoted: true, and the full original in text', async () => {
      const filters = emailFilters({ countRecent: (a, s) => countRecentFrom(t.deps.store.db, a, s), now: () => t.deps.clock.now() });
      const outcome = await receiveEmail(t.deps, fixture('quoted-gmail.eml'), { mailbox: support, envelope: { mailFrom: 'ana@customer.example', rcpt: support.address, remoteIp: '127.0.0.1' }, filters });
      assert.equal(outcome.kind, 'stored', JSON.stringify(outcome));
      const reference = (outcome as { reference: string }).reference;
      const res = await call(t.app, 'GET', `/api/v1/tickets/${reference}/messages`, { as: { token: await t.tokenFor('agent') } });
      assert.equal(res.status, 200, res.text);
      const [message] = res.body.items as Array<{ text: string; text_trimmed: string; quoted: boolean }>;
      assert.equal(message!.text_trimmed, 'Thanks, the reset link worked and I can open my vault again.\n\nAna');
      assert.equal(message!.quoted, true);
      assert.match(message!.text, /wrote:\n\n> Hello Ana,/, 'the full original is kept');
    });
  });
}
