import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertProblem, call, testApp, type TestApp } from '../../test/support/http.ts';
import { DIALECTS, dialectSkip } from '../../test/support/stores.ts';

for (const dialect of DIALECTS) {
  describe(`customers API on ${dialect}`, { skip: await dialectSkip(dialect) }, () => {
    let t: TestApp;
    let agent: { token: string };
    let viewer: { token: string };
    const create = (email: string, name?: string) => call(t.app, 'POST', '/api/v1/customers', { as: agent, body: { email, ...(name ? { name } : {}) } });

    before(async () => {
      t = await testApp(dialect);
      agent = { token: await t.tokenFor('agent') };
      viewer = { token: await t.tokenFor('viewer') };
    });
    after(() => t.close());

    test('create, read and patch a customer; identities follow the email', async () => {
      const made = await create('Maria.Gonzalez@Example.ORG', 'María González');
      assert.equal(made.status, 201, made.text);
      assert.equal(made.body.name, 'María González');
      assert.equal(made.body.email, 'maria.gonzalez@example.org');
      assert.deepEqual(made.body.identities, [{ kind: 'email', value: 'maria.gonzalez@example.org', verified: false, bouncing: false, bouncing_since: null, bounce_reason: null }]);

      const got = await call(t.app, 'GET', `/api/v1/customers/${made.body.id}`, { as: viewer });
      assert.equal(got.status, 200);
      assert.deepEqual(got.body, made.body);

      const patched = await call(t.app, 'PATCH', `/api/v1/customers/${made.body.id}`, { as: agent, body: { name: 'María G.', email: 'maria@work.example' } });
      assert.equal(patched.status, 200, patched.text);
      assert.equal(patched.body.name, 'María G.');
      assert.equal(patched.body.email, 'maria@work.example');
      assert.deepEqual(patched.body.identities.map((i: { value: string }) => i.value), ['maria.gonzalez@example.org', 'maria@work.example']);
      const cleared = await call(t.app, 'PATCH', `/api/v1/customers/${made.body.id}`, { as: agent, body: { name: null } });
      assert.equal(cleared.body.name, null);

      assertProblem(await create('MARIA.GONZALEZ@example.org'), 409, /already exists/);
      const other = await create('someone.else@example.org');
      assertProblem(await call(t.app, 'PATCH', `/api/v1/customers/${made.body.id}`, { as: agent, body: { email: 'someone.else@example.org' } }), 400, /merge/);
      assertProblem(await call(t.app, 'PATCH', `/api/v1/customers/${other.body.id}`, { as: agent, body: {} }), 400);
      assertProblem(await call(t.app, 'PATCH', `/api/v1/customers/${other.body.id}`, { as: agent, body: { email: 'nope' } }), 400, /email/);
      assertProblem(await call(t.app, 'GET', '/api/v1/customers/999999', { as: agent }), 404);
      assertProblem(await call(t.app, 'GET', '/api/v1/customers/abc', { as: agent }), 400);
      assertProblem(await create('not-an-email'), 400, /email/);
      assertProblem(await call(t.app, 'POST', '/api/v1/customers', { as: viewer, body: { email: 'v@example.org' } }), 403);
      assertProblem(await call(t.app, 'PATCH', `/api/v1/customers/${other.body.id}`, { as: viewer, body: { name: 'x' } }), 403);
    });

    test('list newest first, filter with q on name or identity, page with the cursor', async () => {
      const ids: number[] = [];
      for (let i = 0; i < 5; i++) ids.push((await create(`pager${i}-${dialect}@lists.example`, `Pager Person ${i}`)).body.id);
      await create(`aiko-${dialect}@example.jp`, 'Aiko Tanaka');

      const byName = await call(t.app, 'GET', '/api/v1/customers?q=aiko%20tan', { as: viewer });
      assert.equal(byName.status, 200);
      assert.deepEqual(byName.body.items.map((c: { name: string }) => c.name), ['Aiko Tanaka']);
      const byEmail = await call(t.app, 'GET', '/api/v1/customers?q=EXAMPLE.JP', { as: viewer });
      assert.deepEqual(byEmail.body.items.map((c: { name: string }) => c.name), ['Aiko Tanaka']);
      const nothing = await call(t.app, 'GET', '/api/v1/customers?q=zzz-nobody', { as: viewer });
      assert.deepEqual(nothing.body, { items: [], next_cursor: null });
      const wildcard = await call(t.app, 'GET', '/api/v1/customers?q=%25', { as: viewer });
      assert.deepEqual(wildcard.body.items, [], 'a % in q is a literal, not a wildcard');
      const underscored = (await create(`john_doe-${dialect}@example.org`, 'J_D 100%')).body;
      await create(`johnxdoe-${dialect}@example.org`, 'JxD');
      for (const q of ['john_doe', 'J_D', '100%']) {
        const res = await call(t.app, 'GET', `/api/v1/customers?q=${encodeURIComponent(q)}`, { as: viewer });
        assert.deepEqual(res.body.items.map((c: { id: number }) => c.id), [underscored.id], `q=${q}: _ and % are matched literally`);
      }

      const seen: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await call(t.app, 'GET', `/api/v1/customers?q=lists.example&limit=2${cursor ? `&cursor=${cursor}` : ''}`, { as: viewer });
        assert.equal(res.status, 200, res.text);
        seen.push(...res.body.items.map((c: { id: number }) => c.id));
        cursor = res.body.next_cursor;
        pages++;
      } while (cursor && pages < 10);
      assert.equal(pages, 3);
      assert.deepEqual(seen, [...ids].reverse());
    });

    test('merge moves tickets and identities to the target; the merged id resolves to the target', async () => {
      const admin = { token: await t.tokenFor('admin') };
      const ticket = async (email: string, subject: string): Promise<string> => {
        const res = await call(t.app, 'POST', '/api/v1/tickets', { as: admin, body: { subject, body: 'x', customer: { email } } });
        assert.equal(res.status, 201, res.text);
        return res.body.reference;
      };
      const source = (await create(`tom.personal-${dialect}@example.net`, 'Tom')).body;
      const target = (await create(`tom.becker-${dialect}@work.example`, 'Tom Becker')).body;
      const fromSource = await ticket(source.email, 'Charged twice');
      const fromTarget = await ticket(target.email, 'Invoice with VAT number');

      const merged = await call(t.app, 'POST', `/api/v1/customers/${source.id}/merge`, { as: agent, body: { into: target.id } });
      assert.equal(merged.status, 200, merged.text);
      assert.equal(merged.body.id, target.id);
      assert.equal(merged.body.name, 'Tom Becker');
      assert.deepEqual(merged.body.identities.map((i: { value: string }) => i.value).sort(), [source.email, target.email].sort());

      const resolved = await call(t.app, 'GET', `/api/v1/customers/${source.id}`, { as: viewer });
      assert.equal(resolved.status, 200);
      assert.equal(resolved.body.id, target.id);
      const moved = await call(t.app, 'GET', `/api/v1/tickets/${fromSource}`, { as: viewer });
      assert.equal(moved.body.customer.id, target.id);
      const bySourceEmail = await call(t.app, 'GET', `/api/v1/tickets?customer=${encodeURIComponent(source.email)}`, { as: viewer });
      assert.deepEqual(bySourceEmail.body.items.map((x: { reference: string }) => x.reference).sort(), [fromSource, fromTarget].sort());
      const list = await call(t.app, 'GET', `/api/v1/customers?q=${encodeURIComponent(`tom.personal-${dialect}`)}`, { as: viewer });
      assert.deepEqual(list.body.items.map((c: { id: number }) => c.id), [target.id], 'the merged customer is no longer listed on its own');

      const again = await call(t.app, 'POST', '/api/v1/tickets', { as: admin, body: { subject: 'Third', body: 'x', customer: { email: source.email } } });
      assert.equal(again.body.customer.id, target.id, 'a new ticket from a merged identity lands on the target');

      assertProblem(await call(t.app, 'POST', `/api/v1/customers/${target.id}/merge`, { as: agent, body: { into: target.id } }), 400, /itself/);
      assertProblem(await call(t.app, 'POST', `/api/v1/customers/${source.id}/merge`, { as: agent, body: { into: target.id } }), 400, /itself/);
      assertProblem(await call(t.app, 'POST', `/api/v1/customers/${target.id}/merge`, { as: agent, body: { into: 999_999 } }), 404);
      assertProblem(await call(t.app, 'POST', `/api/v1/customers/${target.id}/merge`, { as: viewer, body: { into: source.id } }), 403);
    });
  });
}
