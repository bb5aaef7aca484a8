import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertProblem, call, loginAs, testApp, type Caller, type Reply, type Session, type TestApp } from '../../test/support/http.ts';
import { DIALECTS, dialectSkip } from '../../test/support/stores.ts';

const REFERENCE = /^CL-[0-9A-HJKMNP-TV-Z]{8}$/;

for (const dialect of DIALECTS) {
  describe(`tickets API on ${dialect}`, { skip: await dialectSkip(dialect) }, () => {
    let t: TestApp;
    let admin: { token: string };
    let agentSession: Session;
    let agentId: number;
    let seq = 0;
    const email = (label: string): string => `${label}-${++seq}-${dialect}@example.org`;
    const create = (body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Reply> =>
      call(t.app, 'POST', '/api/v1/tickets', { as: admin, body, headers });
    const ticket = async (over: Record<string, unknown> = {}): Promise<Reply['body']> => {
      const res = await create({ subject: `Vault will not unlock ${++seq}`, body: 'Since 4.2.1 the app spins forever on unlock.', customer: { email: email('c'), name: 'Cam' }, ...over });
      assert.equal(res.status, 201, res.text);
      return res.body;
    };

    before(async () => {
      t = await testApp(dialect);
      admin = { token: await t.tokenFor('admin') };
      const made = await t.makeAgent('agent', { name: 'Sam Agent' });
      agentId = made.agent.id;
      agentSession = await loginAs(t.app, made.email, made.password);
    });
    after(() => t.close());

    test('POST /tickets creates a ticket with its first customer message, a reference and a Location', async () => {
      const res = await create({ subject: '  Charged   twice ', body: 'Two charges of $59.88 on 3 November.', customer: { email: 'Tom.Becker@Example.NET', name: 'Tom Becker' } });
      assert.equal(res.status, 201, res.text);
      const b = res.body;
      assert.match(b.reference, REFERENCE);
      assert.equal(res.headers.location, `/api/v1/tickets/${b.reference}`);
      assert.equal(b.subject, 'Charged twice');
      assert.equal(b.status, 'new');
      assert.equal(b.channel, 'api');
      assert.equal(b.category, 'billing', 'triage files a double charge under billing');
      assert.equal(b.priority, 'high', 'triage raises a double charge to high');
      assert.equal(b.triage.category, 'billing');
      assert.ok(b.triage.signals.some((s: { category?: string }) => s.category === 'billing'), 'the signals show why');
      assert.equal(b.triage.escalation, null);
      assert.deepEqual(b.checklist, []);
      assert.deepEqual(b.customer, { id: b.customer.id, name: 'Tom Becker', email: 'tom.becker@example.net' });
      assert.equal(b.first_response_at, null);
      assert.equal(b.messages.length, 1);
      const [m] = b.messages;
      assert.equal(m.kind, 'reply');
      assert.deepEqual(m.author, { type: 'customer', id: b.customer.id, name: 'Tom Becker' });
      assert.equal(m.channel, 'api');
      assert.equal(m.text, 'Two charges of $59.88 on 3 November.');
      assert.equal(m.html, '<p>Two charges of $59.88 on 3 November.</p>');
      assert.ok(!Number.isNaN(Date.parse(m.created_at)));
    });

    test('optional fields are stored: category, priority, tags, team and assignee', async () => {
      const team = await call(t.app, 'POST', '/api/v1/teams', { as: admin, body: { name: `Billing ${dialect}` } });
      assert.equal(team.status, 201, team.text);
      const b = await ticket({ category: 'billing', priority: 'high', tags: ['Refund', 'refund', 'vip'], team_id: team.body.id, assignee_id: agentId, channel: 'web' });
      assert.equal(b.category, 'billing');
      assert.equal(b.priority, 'high');
      assert.deepEqual(b.tags, ['refund', 'vip']);
      assert.equal(b.team_id, team.body.id);
      assert.equal(b.assignee_id, agentId);
      assert.equal(b.channel, 'web');
      const bad = await create({ subject: 'x', body: 'y', customer: { email: email('c') }, assignee_id: 999_999 });
      assertProblem(bad, 400, /999999/);
    });

    test('a starting status is kept: the first customer message does not reopen a pending or solved ticket', async () => {
      for (const status of ['pending', 'on_hold', 'solved'] as const) {
        const made = await ticket({ status });
        assert.equal(made.status, status);
        const stored = await call(t.app, 'GET', `/api/v1/tickets/${made.reference}`, { as: admin });
        assert.equal(stored.body.status, status);
        assert.equal(stored.body.solved_at === null, status !== 'solved', `solved_at for ${status}`);
        const events = await call(t.app, 'GET', `/api/v1/tickets/${made.reference}/events`, { as: admin });
        assert.deepEqual(events.body.items.map((e: { type: string }) => e.type), ['ticket.created', 'message.created']);
      }
    });

    test('an Idempotency-Key retry returns the same ticket with 200 and stores no duplicate', async () => {
      const customer = email('idem');
      const body = { subject: 'Sync fails', body: 'Error E-4012', customer: { email: customer } };
      const first = await create(body, { 'idempotency-key': `key-${dialect}` });
      const again = await create(body, { 'idempotency-key': `key-${dialect}` });
      assert.equal(first.status, 201);
      assert.equal(again.status, 200, again.text);
      assert.equal(again.body.id, first.body.id);
      assert.equal(again.body.reference, first.body.reference);
      assert.equal(again.headers.location, first.headers.location);
      assert.equal(again.body.messages.length, 1);
      const other = await create(body, { 'idempotency-key': `other-${dialect}` });
      assert.equal(other.status, 201);
      const list = await call(t.app, 'GET', `/api/v1/tickets?customer=${encodeURIComponent(customer)}`, { as: admin });
      assert.deepEqual(list.body.items.map((i: { reference: string }) => i.reference).sort(), [first.body.reference, other.body.reference].sort());
    });

    test('concurrent retries with one Idempotency-Key create one ticket and all succeed', async () => {
      const customer = email('race');
      const body = { subject: 'Double click', body: 'Sent twice at once', customer: { email: customer } };
      const replies = await Promise.all([1, 2, 3, 4].map(() => create(body, { 'idempotency-key': `race-${dialect}` })));
      assert.deepEqual(replies.map((r) => r.status).sort(), [200, 200, 200, 201], replies.map((r) => r.text).join('\n'));
      assert.equal(new Set(replies.map((r) => r.body.id)).size, 1);
      const list = await call(t.app, 'GET', `/api/v1/tickets?customer=${encodeURIComponent(customer)}`, { as: admin });
      assert.equal(list.body.items.length, 1);
    });

    test('GET /tickets/{reference} returns the ticket with messages; case and O/0, I/L/1 confusions still find it', async () => {
      let made = await ticket();
      for (let i = 0; i < 40 && !/[01]/.test(made.reference.slice(3)); i++) made = await ticket();
      const ref: string = made.reference;
      const exact = await call(t.app, 'GET', `/api/v1/tickets/${ref}`, { as: admin });
      assert.equal(exact.status, 200);
      assert.equal(exact.body.id, made.id);
      assert.equal(exact.body.subject, made.subject);
      assert.equal(exact.body.messages.length, 1);
      for (const key of ['id', 'kind', 'author', 'channel', 'text', 'html', 'created_at']) assert.ok(key in exact.body.messages[0], key);
      const typed = [
        ref.toLowerCase(),
        ref.slice(3),
        ref.replace(/0/g, 'O').replace(/1/g, 'I'),
        ref.toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l'),
      ];
      for (const variant of typed) {
        const res = await call(t.app, 'GET', `/api/v1/tickets/${encodeURIComponent(variant)}`, { as: admin });
        assert.equal(res.status, 200, `${variant}: ${res.text}`);
        assert.equal(res.body.reference, ref);
      }
      assertProblem(await call(t.app, 'GET', '/api/v1/tickets/CL-UUUUUUUU', { as: admin }), 404, /CL-UUUUUUUU/);
      assertProblem(await call(t.app, 'GET', '/api/v1/tickets/CL-0000000Z', { as: admin }), 404);
      assertProblem(await call(t.app, 'GET', '/api/v1/tickets/nonsense', { as: admin }), 404);
    });

    test('GET /tickets?customer= lists items with reference, subject, status, channel and pages with a cursor', async () => {
      const customer = email('pager');
      const made: string[] = [];
      for (let i = 0; i < 7; i++) made.push((await ticket({ customer: { email: customer } })).reference);
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const url: string = `/api/v1/tickets?customer=${encodeURIComponent(customer.toUpperCase())}&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await call(t.app, 'GET', url, { as: admin });
        assert.equal(res.status, 200, res.text);
        assert.deepEqual(Object.keys(res.body).sort(), ['items', 'next_cursor']);
        for (const item of res.body.items) {
          assert.match(item.reference, REFERENCE);
          assert.equal(typeof item.subject, 'string');
          assert.equal(item.status, 'new');
          assert.equal(item.channel, 'api');
          assert.equal(item.customer.email, customer);
        }
        seen.push(...res.body.items.map((i: { reference: string }) => i.reference));
        cursor = res.body.next_cursor;
        pages++;
      } while (cursor && pages < 10);
      assert.equal(pages, 3);
      assert.deepEqual(seen, [...made].reverse());
      const none = await call(t.app, 'GET', `/api/v1/tickets?customer=${encodeURIComponent(email('nobody'))}`, { as: admin });
      assert.deepEqual(none.body, { items: [], next_cursor: null });
      assertProblem(await call(t.app, 'GET', '/api/v1/tickets?cursor=garbage', { as: admin }), 400);
      assertProblem(await call(t.app, 'GET', '/api/v1/tickets?limit=1000', { as: admin }), 400);
    });

    test('list filters: status list, assignee id/none/me, team, category, channel, tag and q', async () => {
      const customer = email('filters');
      const c = { email: customer };
      const team = await call(t.app, 'POST', '/api/v1/teams', { as: admin, body: { name: `Security ${dialect}` } });
      const a = await ticket({ customer: c, category: 'security', channel: 'email', tags: ['2fa'], subject: 'Login alert from Romania' });
      const b = await ticket({ customer: c, category: 'billing', assignee_id: agentId, team_id: team.body.id, body: 'Please refund the duplicate charge zebra-7' });
      const d = await ticket({ customer: c, category: 'sync', status: 'pending' });
      const e = await ticket({ customer: c, category: 'sync' });
      await call(t.app, 'PATCH', `/api/v1/tickets/${e.reference}`, { as: admin, body: { status: 'solved' } });
      const refs = async (query: string, as: Caller = admin): Promise<string[]> => {
        const res = await call(t.app, 'GET', `/api/v1/tickets?customer=${encodeURIComponent(customer)}&${query}`, { as });
        assert.equal(res.status, 200, `${query}: ${res.text}`);
        return res.body.items.map((i: { reference: string }) => i.reference).sort();
      };
      const sorted = (...xs: Array<{ reference: string }>): string[] => xs.map((x) => x.reference).sort();
      assert.deepEqual(await refs('status=new'), sorted(a, b));
      assert.deepEqual(await refs('status=pending,solved'), sorted(d, e));
      assert.deepEqual(await refs('status=new, pending'), sorted(a, b, d));
      assert.deepEqual(await refs(`assignee=${agentId}`), sorted(b));
      assert.deepEqual(await refs('assignee=none'), sorted(a, d, e));
      assert.deepEqual(await refs('assignee=me', { session: agentSession }), sorted(b));
      assert.deepEqual(await refs(`team=${team.body.id}`), sorted(b));
      assert.deepEqual(await refs('category=sync'), sorted(d, e));
      assert.deepEqual(await refs('channel=email'), sorted(a));
      assert.deepEqual(await refs('tag=2FA'), sorted(a));
      assert.deepEqual(await refs('q=romania'), sorted(a));
      assert.deepEqual(await refs('q=ZEBRA-7'), sorted(b));
      assert.deepEqual(await refs(`q=${d.reference}`), sorted(d));
      assert.deepEqual(await refs('q=100%25'), []);
      const literal = await ticket({ customer: c, subject: 'CPU at 100% in my_vault' });
      await ticket({ customer: c, subject: 'CPU at 1000 in myxvault' });
      assert.deepEqual(await refs('q=100%25'), sorted(literal));
      assert.deepEqual(await refs('q=MY_VAULT'), sorted(literal));
      assert.deepEqual(await refs('status=pending,solved'), sorted(d, e));
      assert.deepEqual(await refs('category=sync&status=pending'), sorted(d));
      assertProblem(await call(t.app, 'GET', '/api/v1/tickets?status=new,bogus', { as: admin }), 400, /bogus/);
      assertProblem(await call(t.app, 'GET', '/api/v1/tickets?assignee=me', { as: admin }), 400, /me/);
      assertProblem(await call(t.app, 'GET', '/api/v1/tickets?assignee=someone', { as: admin }), 400);
      assertProblem(await call(t.app, 'GET', '/api/v1/tickets?category=cooking', { as: admin }), 400);
      assertProblem(await call(t.app, 'GET', '/api/v1/tickets?colour=red', { as: admin }), 400, /colour/);
    });

    test('PATCH moves status along allowed transitions, recorded in /events with the actor', async () => {
      // Not an account ticket: those need a verified customer to be solved (trust.api.test.ts).
      const made = await ticket({ category: 'sync' });
      const ref: string = made.reference;
      const solved = await call(t.app, 'PATCH', `/api/v1/tickets/${ref}`, { as: admin, body: { status: 'solved', priority: 'urgent', tags: ['Resolved'] } });
      assert.equal(solved.status, 200, solved.text);
      assert.equal(solved.body.status, 'solved');
      assert.equal(solved.body.priority, 'urgent');
      assert.deepEqual(solved.body.tags, ['resolved']);
      assert.ok(solved.body.solved_at);
      const reopened = await call(t.app, 'PATCH', `/api/v1/tickets/${ref.toLowerCase()}`, { as: { session: agentSession }, body: { status: 'open' } });
      assert.equal(reopened.status, 200, reopened.text);
      assert.equal(reopened.body.solved_at, null);
      const wrong = assertProblem(await call(t.app, 'PATCH', `/api/v1/tickets/${ref}`, { as: admin, body: { status: 'new' } }), 409, /open ticket cannot become new; it can become pending, on_hold, solved/);
      assert.deepEqual(wrong.errors.status.allowed, ['pending', 'on_hold', 'solved']);
      await call(t.app, 'PATCH', `/api/v1/tickets/${ref}`, { as: admin, body: { status: 'solved' } });
      const closed = await call(t.app, 'PATCH', `/api/v1/tickets/${ref}`, { as: admin, body: { status: 'closed' } });
      assert.equal(closed.body.status, 'closed');
      const final = assertProblem(await call(t.app, 'PATCH', `/api/v1/tickets/${ref}`, { as: admin, body: { status: 'open' } }), 409, /closed/);
      assert.deepEqual(final.errors.status, { from: 'closed', to: 'open', allowed: [] });

      const events = await call(t.app, 'GET', `/api/v1/tickets/${ref}/events`, { as: admin });
      assert.equal(events.status, 200);
      const updates = events.body.items.filter((e: { type: string }) => e.type === 'ticket.updated');
      assert.deepEqual(updates.map((e: { data: { changes: { status?: unknown } } }) => e.data.changes.status), [['new', 'solved'], ['solved', 'open'], ['open', 'solved'], ['solved', 'closed']]);
      const tokenId = (await call(t.app, 'GET', '/api/v1/tokens', { as: admin })).body.items.find((x: { name: string }) => x.name === 'test admin').id;
      assert.deepEqual(updates[0].actor, { type: 'token', id: tokenId });
      assert.deepEqual(updates[1].actor, { type: 'agent', id: agentId });
      assert.deepEqual(updates[0].data.changes.priority, ['normal', 'urgent']);
      assert.equal(events.body.items[0].type, 'ticket.created');
      assertProblem(await call(t.app, 'PATCH', `/api/v1/tickets/${ref}`, { as: admin, body: {} }), 400);
      assertProblem(await call(t.app, 'PATCH', '/api/v1/tickets/CL-UUUUUUUU', { as: admin, body: { status: 'open' } }), 404);
    });

    test('an agent reply opens the ticket and sets first_response_at; a note stays internal and sets nothing', async () => {
      const made = await ticket();
      const ref: string = made.reference;
      const note = await call(t.app, 'POST', `/api/v1/tickets/${ref}/messages`, { as: { session: agentSession }, body: { kind: 'note', body: 'Customer is on the Family plan.' } });
      assert.equal(note.status, 201, note.text);
      assert.equal(note.body.kind, 'note');
      assert.deepEqual(note.body.author, { type: 'agent', id: agentId, name: 'Sam Agent' });
      let now = (await call(t.app, 'GET', `/api/v1/tickets/${ref}`, { as: admin })).body;
      assert.equal(now.first_response_at, null);
      assert.equal(now.status, 'new');

      const reply = await call(t.app, 'POST', `/api/v1/tickets/${ref}/messages`, { as: { session: agentSession }, body: { body: 'Please update to 4.2.2.\n\nThanks!' } });
      assert.equal(reply.status, 201, reply.text);
      assert.equal(reply.body.kind, 'reply');
      assert.equal(reply.body.html, '<p>Please update to 4.2.2.</p>\n<p>Thanks!</p>');
      now = (await call(t.app, 'GET', `/api/v1/tickets/${ref}`, { as: admin })).body;
      assert.equal(now.status, 'open');
      assert.ok(now.first_response_at);
      assert.ok(Date.parse(now.first_response_at) >= Date.parse(now.created_at));
      assert.deepEqual(now.messages.map((m: { kind: string; author: { type: string } }) => [m.kind, m.author.type]), [['reply', 'customer'], ['note', 'agent'], ['reply', 'agent']]);
      const firstResponse = now.first_response_at;

      const customer = await call(t.app, 'POST', `/api/v1/tickets/${ref}/messages`, { as: admin, body: { author: 'customer', body: 'Updated, <b>works</b> now', channel: 'email' } });
      assert.equal(customer.status, 201, customer.text);
      assert.equal(customer.body.author.type, 'customer');
      assert.equal(customer.body.author.id, made.customer.id);
      assert.equal(customer.body.channel, 'email');
      assert.equal(customer.body.html, '<p>Updated, &lt;b&gt;works&lt;/b&gt; now</p>');
      await call(t.app, 'POST', `/api/v1/tickets/${ref}/messages`, { as: { session: agentSession }, body: { body: 'Glad to hear it.' } });
      const list = await call(t.app, 'GET', `/api/v1/tickets/${ref}/messages`, { as: admin });
      assert.equal(list.body.items.length, 5);
      assert.equal((await call(t.app, 'GET', `/api/v1/tickets/${ref}`, { as: admin })).body.first_response_at, firstResponse);

      const html = await call(t.app, 'POST', `/api/v1/tickets/${ref}/messages`, { as: admin, body: { html: '<p onclick="x()">Hi<script>alert(1)</script></p>' } });
      assert.equal(html.body.html, '<p>Hi</p>');
      assert.equal(html.body.text, 'Hi');
      assertProblem(await call(t.app, 'POST', `/api/v1/tickets/${ref}/messages`, { as: admin, body: { kind: 'note' } }), 400, /body/);
      assertProblem(await call(t.app, 'POST', `/api/v1/tickets/${ref}/messages`, { as: admin, body: { author: 'customer', kind: 'note', body: 'x' } }), 400, /notes/);
      assertProblem(await call(t.app, 'POST', `/api/v1/tickets/${ref}/messages`, { as: admin, body: { kind: 'memo', body: 'x' } }), 400);
    });

    test('a closed ticket takes no new messages', async () => {
      const made = await ticket({ category: 'sync' });
      await call(t.app, 'PATCH', `/api/v1/tickets/${made.reference}`, { as: admin, body: { status: 'closed' } });
      assertProblem(await call(t.app, 'POST', `/api/v1/tickets/${made.reference}/messages`, { as: admin, body: { body: 'Anyone?' } }), 409, /closed/);
      assertProblem(await call(t.app, 'POST', '/api/v1/tickets/CL-UUUUUUUU/messages', { as: admin, body: { body: 'Anyone?' } }), 404);
    });

    test('a message Idempotency-Key is stored once per ticket and never answers with another ticket\'s message', async () => {
      const one = await ticket();
      const two = await ticket();
      const post = (ref: string, text: string): Promise<Reply> =>
        call(t.app, 'POST', `/api/v1/tickets/${ref}/messages`, { as: admin, body: { body: text }, headers: { 'idempotency-key': `msg-${dialect}` } });
      const first = await post(one.reference, 'First');
      const retry = await post(one.reference, 'First');
      assert.equal(first.status, 201);
      assert.equal(retry.status, 200);
      assert.equal(retry.body.id, first.body.id);
      const elsewhere = await post(two.reference, 'Second');
      assertProblem(elsewhere, 409, /idempotency|already/i);
      const twoMessages = await call(t.app, 'GET', `/api/v1/tickets/${two.reference}/messages`, { as: admin });
      assert.deepEqual(twoMessages.body.items.map((m: { text: string }) => m.text), ['Since 4.2.1 the app spins forever on unlock.']);
      const oneMessages = await call(t.app, 'GET', `/api/v1/tickets/${one.reference}/messages`, { as: admin });
      assert.equal(oneMessages.body.items.length, 2);
    });

    test('concurrent message retries with one Idempotency-Key store one message and all succeed', async () => {
      const made = await ticket();
      const replies = await Promise.all([1, 2, 3].map(() =>
        call(t.app, 'POST', `/api/v1/tickets/${made.reference}/messages`, { as: admin, body: { body: 'Once' }, headers: { 'idempotency-key': `race-msg-${dialect}` } }),
      ));
      assert.deepEqual(replies.map((r) => r.status).sort(), [200, 200, 201], replies.map((r) => r.text).join('\n'));
      const list = await call(t.app, 'GET', `/api/v1/tickets/${made.reference}/messages`, { as: admin });
      assert.equal(list.body.items.length, 2);
    });

    test('a viewer reads tickets but cannot write them', async () => {
      const viewer = { token: await t.tokenFor('viewer') };
      const made = await ticket();
      const read = await call(t.app, 'GET', `/api/v1/tickets/${made.reference}`, { as: viewer });
      assert.equal(read.status, 200);
      assertProblem(await call(t.app, 'POST', '/api/v1/tickets', { as: viewer, body: { subject: 'x', body: 'y', customer: { email: email('v') } } }), 403, /viewer/);
      assertProblem(await call(t.app, 'PATCH', `/api/v1/tickets/${made.reference}`, { as: viewer, body: { status: 'open' } }), 403);
      assertProblem(await call(t.app, 'POST', `/api/v1/tickets/${made.reference}/messages`, { as: viewer, body: { body: 'hi' } }), 403);
      const after = await call(t.app, 'GET', `/api/v1/tickets/${made.reference}`, { as: viewer });
      assert.equal(after.body.status, 'new');
      assert.equal(after.body.messages.length, 1);
    });
  });
}
