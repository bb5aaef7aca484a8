import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTicket, testDeps } from '../../../test/support/builders.ts';
import { DIALECTS, dialectSkip } from '../../../test/support/stores.ts';
import { peekTrackingLink, requestTrackingLink } from '../tracking/index.ts';
import { eraseCustomer } from './index.ts';

for (const dialect of DIALECTS) {
  describe(`erasing a customer on ${dialect}`, { skip: await dialectSkip(dialect) }, () => {
    let deps: Awaited<ReturnType<typeof testDeps>>;
    before(async () => {
      deps = await testDeps(dialect, { PUBLIC_URL: 'https://help.example.test' });
    });
    after(() => deps.close());

    test("deletes the tracking links of the customer's tickets (an emailed link no longer opens anything) and no one else's", async () => {
      const email = `erase-track-${dialect}@example.org`;
      const mine = await buildTicket(deps, { customer: { identity: { kind: 'email', value: email }, name: 'Ida' } });
      const theirs = await buildTicket(deps);
      const settings = { outbox: deps.outbox, publicUrl: deps.config.publicUrl };
      assert.equal(await deps.uow((w) => requestTrackingLink(w, { reference: mine.reference, email }, settings)), true);
      assert.equal(await deps.uow((w) => requestTrackingLink(w, { reference: theirs.reference, email: theirs.customer.email! }, settings)), true);
      const linksOf = async (ticketId: number) => (await deps.store.db.selectFrom('tracking_links').select('id').where('ticket_id', '=', ticketId).execute()).length;
      assert.equal(await linksOf(mine.id), 1);
      const tokenMail = await deps.store.db.selectFrom('outbound_emails').select('text').where('ticket_id', '=', mine.id).where('kind', '=', 'tracking').executeTakeFirstOrThrow();
      const token = /\/track\/([\w-]{43})/.exec(tokenMail.text)![1]!;
      assert.equal(await peekTrackingLink(deps.store.db, token, new Date().toISOString()), 'valid');

      await eraseCustomer(deps.uow, { remove: async () => {} }, deps.log, mine.customer.id, { type: 'system' });
      assert.equal(await linksOf(mine.id), 0);
      assert.equal(await peekTrackingLink(deps.store.db, token, new Date().toISOString()), 'unknown');
      assert.equal(await linksOf(theirs.id), 1, "another customer's link is untouched");
    });
  });
}
