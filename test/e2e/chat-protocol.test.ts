import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { call, loginAs, testApp, type TestApp } from '../support/http.ts';
import { DIALECTS, dialectSkip } from '../support/stores.ts';
import { agent, connectChat, customer, type ChatClient, type Frame } from '../support/ws-client.ts';

const isMessage = (seq: number) => (f: Frame): boolean => f.type === 'message' && f.seq === seq;

for (const dialect of DIALECTS) {
  describe(`chat protocol over a real socket on ${dialect}`, { skip: await dialectSkip(dialect) }, () => {
    let t: TestApp;
    let base = '';
    let maya: { client: ChatClient; welcome: Frame };
    let mayaId = 0;
    const open: ChatClient[] = [];

    before(async () => {
      t = await testApp(dialect);
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
      const { email, password, agent: made } = await t.makeAgent('agent', { name: 'Maya' });
      mayaId = made.id;
      const session = await loginAs(t.app, email, password);
      maya = await agent(base, {}, { cookie: session.cookie, origin: base });
      open.push(maya.client);
    });
    after(async () => {
      for (const c of open) await c.close();
      await t.close();
    });

    test('an agent over its session cookie is welcomed; a cookie from another origin or a bad token is refused with 4401', async () => {
      assert.equal(maya.welcome.agent.id, mayaId);
      assert.equal(maya.welcome.agent.name, 'Maya');
      assert.deepEqual(maya.welcome.chats, []);
      const { email, password } = await t.makeAgent('agent');
      const session = await loginAs(t.app, email, password);
      const foreign = await connectChat(base, { headers: { cookie: session.cookie, origin: 'https://evil.example' } });
      const refused = await foreign.request({ type: 'hello', role: 'agent' });
      assert.equal(refused.type, 'error');
      assert.equal(refused.code, 'unauthorized');
      assert.equal((await foreign.closed).code, 4401);
      const badToken = await connectChat(base);
      badToken.send({ type: 'hello', role: 'agent', token: 'clt_nope' });
      assert.equal((await badToken.closed).code, 4401);
    });

    test('nobody online: start needs an email and becomes an email ticket whose acknowledgement is queued', async () => {
      const { client, welcome } = await customer(base);
      open.push(client);
      assert.match(welcome.visitor_token, /^vt_/);
      assert.equal(welcome.conversation, null);
      assert.equal(welcome.availability.online, false);
      assert.equal(welcome.availability.reason, 'no_agents');
      const refused = await client.request({ type: 'start', client_id: 'o-1', text: 'Anyone there?' });
      assert.equal(refused.type, 'error');
      assert.equal(refused.ref, 'o-1');
      const ack = await client.request({ type: 'start', client_id: 'o-2', text: 'Anyone there?', email: `off-${dialect}@example.org`, name: 'Olga' });
      assert.equal(ack.type, 'ack', JSON.stringify(ack));
      assert.equal(ack.offline, true);
      assert.match(ack.conversation.reference, /^CL-/);
      const again = await client.request({ type: 'start', client_id: 'o-2', text: 'Anyone there?', email: `off-${dialect}@example.org` });
      assert.equal(again.conversation.id, ack.conversation.id);
      const ticket = await call(t.app, 'GET', `/api/v1/tickets/${ack.conversation.reference}`, { as: { token: await t.tokenFor('admin') } });
      assert.equal(ticket.body.channel, 'email');
      const mails = await t.deps.store.db.selectFrom('outbound_emails').selectAll().where('ticket_id', '=', ack.conversation.id).execute();
      assert.equal(mails.length, 1);
      assert.equal(mails[0]!.kind, 'acknowledgement');
      assert.equal(mails[0]!.to_address, `off-${dialect}@example.org`);
      assert.match(mails[0]!.text, new RegExp(ack.conversation.reference));
    });

    test('a chat end to end: offer, accept, messages both ways with seqs, typing, read, notes stay internal, duplicates stored once', async () => {
      assert.equal((await maya.client.request({ type: 'presence', id: 'p-1', status: 'online' })).type, 'ok');
      const { client: ann, welcome } = await customer(base);
      open.push(ann);
      assert.equal(welcome.availability.online, true);
      const from = maya.client.frames.length;
      const ack = await ann.request({ type: 'start', client_id: 'c-1', text: "I can't log in", name: 'Ann', email: `ann-${dialect}@example.org` });
      assert.equal(ack.type, 'ack', JSON.stringify(ack));
      assert.equal(ack.seq, 1);
      assert.equal(ack.conversation.status, 'queued');
      const id = ack.conversation.id as number;
      const queued = await ann.waitFor((f) => f.type === 'queue' && f.conversation_id === id);
      assert.ok(queued.position >= 1 && queued.estimated_wait_seconds > 0, JSON.stringify(queued));
      const offer = await maya.client.waitFor((f) => f.type === 'offer' && f.conversation.id === id, 5000, from);
      assert.equal(offer.conversation.reference, ack.conversation.reference);
      assert.ok(offer.expires_in > 0 && offer.expires_in <= 30);
      const accepted = await maya.client.request({ type: 'accept', id: 'a-1', conversation_id: id });
      assert.equal(accepted.type, 'ok', JSON.stringify(accepted));
      const status = await ann.waitFor((f) => f.type === 'status' && f.status === 'active');
      assert.deepEqual(status.agent, { name: 'Maya' });
      await maya.client.waitFor((f) => f.type === 'message' && f.conversation_id === id && f.seq === 1);

      const reply = await maya.client.request({ type: 'message', client_id: 'm-1', conversation_id: id, text: 'Hi Ann, checking' });
      assert.equal(reply.seq, 2);
      const got = await ann.waitFor(isMessage(2));
      assert.equal(got.text, 'Hi Ann, checking');
      assert.deepEqual(got.author, { type: 'agent', name: 'Maya' });
      const mine = await ann.request({ type: 'message', client_id: 'c-2', text: 'Thanks' });
      assert.equal(mine.seq, 3);
      await maya.client.waitFor((f) => f.type === 'message' && f.conversation_id === id && f.seq === 3 && f.text === 'Thanks');
      const dup = await ann.request({ type: 'message', client_id: 'c-2', text: 'Thanks' });
      assert.equal(dup.message_id, mine.message_id);
      assert.equal(dup.seq, 3);

      ann.send({ type: 'typing', active: true });
      await maya.client.waitFor((f) => f.type === 'typing' && f.conversation_id === id && f.author.type === 'customer' && f.active === true);
      maya.client.send({ type: 'typing', conversation_id: id, active: true });
      await ann.waitFor((f) => f.type === 'typing' && f.author.name === 'Maya');
      ann.send({ type: 'read', seq: 2 });
      await maya.client.waitFor((f) => f.type === 'read' && f.conversation_id === id && f.by === 'customer' && f.seq === 2);

      const note = await maya.client.request({ type: 'message', client_id: 'm-2', conversation_id: id, text: 'Internal: E-4012', internal: true });
      assert.equal(note.seq, null);
      await maya.client.request({ type: 'message', client_id: 'm-3', conversation_id: id, text: 'Try again now' });
      await ann.waitFor(isMessage(4));
      assert.equal(ann.frames.some((f) => JSON.stringify(f).includes('Internal: E-4012')), false);

      const list = await call(t.app, 'GET', '/api/v1/tickets?channel=chat', { as: { token: await t.tokenFor('viewer') } });
      assert.equal(list.status, 200);
      const listed = list.body.items.find((x: { reference: string }) => x.reference === ack.conversation.reference);
      assert.ok(listed, 'the chat is listed under channel=chat');
      assert.equal(listed.assignee_id, mayaId);
      const ticket = await call(t.app, 'GET', `/api/v1/tickets/${ack.conversation.reference}`, { as: { token: await t.tokenFor('viewer') } });
      assert.deepEqual(ticket.body.messages.map((m: { text: string }) => m.text), ["I can't log in", 'Hi Ann, checking', 'Thanks', 'Internal: E-4012', 'Try again now']);
    });

    test('resume after a drop: replay exactly what is after last_seq, in order, then live', async () => {
      const { client: first } = await customer(base);
      const ack = await first.request({ type: 'start', client_id: 'r-1', text: 'Resume me' });
      const id = ack.conversation.id as number;
      const token = (first.frames.find((f) => f.type === 'welcome') as Frame).visitor_token as string;
      await first.request({ type: 'message', client_id: 'r-2', text: 'second' });
      await first.close();
      await maya.client.request({ type: 'message', client_id: 'r-m1', conversation_id: id, text: 'while you were away 1' });
      await maya.client.request({ type: 'message', client_id: 'r-m2', conversation_id: id, text: 'while you were away 2' });
      const { client: back, welcome } = await customer(base, { visitor_token: token, last_seq: 2 });
      open.push(back);
      assert.equal(welcome.visitor_token, token);
      assert.equal(welcome.conversation.id, id);
      assert.equal(welcome.conversation.last_seq, 4);
      await back.waitFor(isMessage(4));
      const replayed = back.frames.filter((f) => f.type === 'message');
      assert.deepEqual(replayed.map((f) => f.seq), [3, 4]);
      assert.deepEqual(replayed.map((f) => f.text), ['while you were away 1', 'while you were away 2']);
      await maya.client.request({ type: 'message', client_id: 'r-m3', conversation_id: id, text: 'live again' });
      assert.equal((await back.waitFor(isMessage(5))).text, 'live again');
      // Another visitor token never sees this chat.
      const { client: stranger, welcome: strangerWelcome } = await customer(base);
      open.push(stranger);
      assert.equal(strangerWelcome.conversation, null);
      const hijack = await stranger.request({ type: 'message', client_id: 'x', text: 'hi' });
      assert.equal(hijack.type, 'error');
      assert.equal(hijack.code, 'not_found');
    });

    test('bad frames, oversize frames and floods get error frames and the connection stays', async () => {
      const c = await connectChat(base);
      open.push(c);
      const early = await c.request({ type: 'message', client_id: 'e-0', text: 'before hello' });
      assert.equal(early.code, 'unauthorized');
      await c.request({ type: 'hello', role: 'customer' });
      let from = c.frames.length;
      c.ws.send('not json');
      assert.equal((await c.waitFor((f) => f.type === 'error', 2000, from)).code, 'bad_frame');
      const long = await c.request({ type: 'start', client_id: 'e-1', text: 'x'.repeat(10_001) });
      assert.equal(long.code, 'too_large');
      from = c.frames.length;
      c.ws.send(JSON.stringify({ type: 'typing', active: true, pad: 'y'.repeat(70 * 1024) }));
      assert.equal((await c.waitFor((f) => f.type === 'error', 2000, from)).code, 'too_large');
      from = c.frames.length;
      for (let i = 0; i < 60; i++) c.send({ type: 'ping' });
      await c.waitFor((f) => f.type === 'error' && f.code === 'rate_limited', 2000, from);
      const pongs = c.frames.slice(from).filter((f) => f.type === 'pong').length;
      // The burst of 40 (less what the frames above spent) passes; the rest of the 60 is refused.
      assert.ok(pongs >= 30 && pongs < 60, `pongs: ${pongs}`);
      await new Promise((r) => setTimeout(r, 1100));
      from = c.frames.length;
      c.send({ type: 'ping' });
      await c.waitFor((f) => f.type === 'pong', 2000, from);
      assert.equal(c.ws.readyState, c.ws.OPEN);
    });

    test('a secret typed in chat is redacted before storage and the customer is told why', async () => {
      const { client } = await customer(base);
      open.push(client);
      await client.request({ type: 'start', client_id: 's-1', text: 'Login trouble' });
      const ack = await client.request({ type: 'message', client_id: 's-2', text: 'my master password is Correct-Horse-Battery-42!' });
      assert.equal(ack.seq, 2);
      const notice = await client.waitFor((f) => f.type === 'message' && f.seq === 3);
      assert.equal(notice.author.type, 'system');
      const stored = await t.deps.store.db.selectFrom('messages').select('text').where('external_id', 'like', 'chat:v%:s-2').executeTakeFirstOrThrow();
      assert.doesNotMatch(stored.text, /Correct-Horse-Battery-42/);
    });

    test('uploads: a visitor uploads an image and names it in a message; agents download it; wrong types and strangers are refused', async () => {
      const { client, welcome } = await customer(base);
      open.push(client);
      await client.request({ type: 'start', client_id: 'u-1', text: 'Screenshot coming' });
      const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100, 1)]);
      const upload = async (body: Buffer, type: string, name: string, token: string | null): Promise<Response> => {
        const form = new FormData();
        form.append('file', new Blob([new Uint8Array(body)], { type }), name);
        return fetch(`${base}/chat/uploads`, { method: 'POST', body: form, headers: token ? { 'x-visitor-token': token } : {} });
      };
      const res = await upload(png, 'image/png', 'screen.png', welcome.visitor_token);
      assert.equal(res.status, 201, await res.clone().text());
      const file = (await res.json()) as { id: number; size: number };
      assert.equal(file.size, png.length);
      assert.equal((await upload(png, 'image/png', 'screen.png', null)).status, 401);
      const exe = await upload(Buffer.from('MZ....'), 'application/x-msdownload', 'a.exe', welcome.visitor_token);
      assert.equal(exe.status, 400);
      assert.match(exe.headers.get('content-type') ?? '', /problem\+json/);
      const fake = await upload(Buffer.from('not a png'), 'image/png', 'fake.png', welcome.visitor_token);
      assert.equal(fake.status, 400);
      const ack = await client.request({ type: 'message', client_id: 'u-2', text: 'Here', attachments: [file.id] });
      assert.equal(ack.type, 'ack', JSON.stringify(ack));
      const reused = await client.request({ type: 'message', client_id: 'u-3', text: 'Again', attachments: [file.id] });
      assert.equal(reused.code, 'bad_frame');
      const row = await t.deps.store.db.selectFrom('attachments').select('id').where('message_id', '=', ack.message_id).executeTakeFirstOrThrow();
      const download = await fetch(`${base}/api/v1/attachments/${row.id}`, { headers: { authorization: `Bearer ${await t.tokenFor('viewer')}` } });
      assert.equal(download.status, 200);
      assert.deepEqual(Buffer.from(await download.arrayBuffer()), png);
      assert.equal((await fetch(`${base}/api/v1/attachments/${row.id}`)).status, 401);
    });

    test('close solves the ticket, tells both sides and mails the transcript', async () => {
      const { client } = await customer(base);
      open.push(client);
      const ack = await client.request({ type: 'start', client_id: 'z-1', text: 'Quick question', email: `zoe-${dialect}@example.org` });
      const id = ack.conversation.id as number;
      const closed = await client.request({ type: 'close', client_id: 'z-2' });
      assert.equal(closed.type, 'ack');
      await client.waitFor((f) => f.type === 'status' && f.status === 'closed');
      const ticket = await call(t.app, 'GET', `/api/v1/tickets/${ack.conversation.reference}`, { as: { token: await t.tokenFor('admin') } });
      assert.equal(ticket.body.status, 'solved');
      const mails = await t.deps.store.db.selectFrom('outbound_emails').select(['to_address', 'text']).where('ticket_id', '=', id).execute();
      assert.equal(mails.length, 1);
      assert.equal(mails[0]!.to_address, `zoe-${dialect}@example.org`);
      assert.match(mails[0]!.text, /Quick question/);
      const late = await client.request({ type: 'message', client_id: 'z-3', text: 'hello?' });
      assert.equal(late.code, 'conflict');
    });

    test('agents receive committed events and see who else views a ticket', async () => {
      const { agent: leo, email, password } = await t.makeAgent('agent', { name: 'Leo' });
      const session = await loginAs(t.app, email, password);
      const second = await agent(base, {}, { cookie: session.cookie, origin: base });
      open.push(second.client);
      maya.client.send({ type: 'viewing', ticket_id: 999_999, active: true });
      second.client.send({ type: 'viewing', ticket_id: 999_999, active: true });
      const viewers = await maya.client.waitFor((f) => f.type === 'viewers' && f.ticket_id === 999_999 && f.agents.length === 2);
      assert.deepEqual(viewers.agents.map((a: { id: number }) => a.id).sort(), [mayaId, leo.id].sort());
      const from = second.client.frames.length;
      const created = await call(t.app, 'POST', '/api/v1/tickets', { as: { token: await t.tokenFor('agent') }, body: { subject: 'Live event', body: 'Sync broke after the update', customer: { email: `live-${dialect}@example.org` } } });
      assert.equal(created.status, 201, created.text);
      const event = await second.client.waitFor((f) => f.type === 'event' && f.event.type === 'ticket.created' && f.event.data.reference === created.body.reference, 5000, from);
      assert.equal(event.event.ticket_id, created.body.id);
    });

    test('a declined offer goes to the next online agent, who accepts it and can transfer it', async () => {
      // Its own app: the chats of the tests above would hold both agents' capacity.
      const own = await testApp(dialect);
      const local: ChatClient[] = [];
      try {
        await own.app.listen({ port: 0, host: '127.0.0.1' });
        const url = `http://127.0.0.1:${(own.app.server.address() as AddressInfo).port}`;
        const online = async (name: string): Promise<ChatClient> => {
          const { email, password } = await own.makeAgent('agent', { name });
          const { client } = await agent(url, {}, { cookie: (await loginAs(own.app, email, password)).cookie, origin: url });
          local.push(client);
          assert.equal((await client.request({ type: 'presence', id: `p-${name}`, status: 'online' })).type, 'ok');
          return client;
        };
        const [ivy, leo] = [await online('Ivy'), await online('Leo')];
        const { client } = await customer(url);
        local.push(client);
        const ack = await client.request({ type: 'start', client_id: 'd-1', text: 'Who takes this?' });
        const id = ack.conversation.id as number;
        const offered = (c: ChatClient) => c.waitFor((f) => f.type === 'offer' && f.conversation.id === id, 6000);
        const first = await Promise.any([offered(ivy).then(() => ivy), offered(leo).then(() => leo)]);
        const second = first === ivy ? leo : ivy;
        assert.equal((await first.request({ type: 'decline', id: 'd-no', conversation_id: id })).type, 'ok');
        await offered(second);
        const taken = await second.request({ type: 'accept', id: 'd-yes', conversation_id: id });
        assert.equal(taken.type, 'ok', JSON.stringify(taken));
        const late = await first.request({ type: 'accept', id: 'd-late', conversation_id: id });
        assert.equal(late.type, 'error');
        assert.equal(late.code, 'conflict');
        const active = await client.waitFor((f) => f.type === 'status' && f.status === 'active');
        // The one who took it hands it to the other; the customer learns the new agent's name.
        const firstName = first === ivy ? 'Ivy' : 'Leo';
        const firstId = (await own.deps.store.db.selectFrom('agents').select('id').where('name', '=', firstName).executeTakeFirstOrThrow()).id;
        const from = client.frames.indexOf(active) + 1;
        assert.equal((await second.request({ type: 'transfer', id: 'd-tr', conversation_id: id, to_agent_id: firstId })).type, 'ok');
        const moved = await client.waitFor((f) => f.type === 'status' && f.agent?.name === firstName, 5000, from);
        assert.equal(moved.status, 'active');
        await first.request({ type: 'message', client_id: 'd-m', conversation_id: id, text: `${firstName} here now` });
        assert.equal((await client.waitFor((f) => f.type === 'message' && f.text === `${firstName} here now`)).author.name, firstName);
      } finally {
        for (const c of local) await c.close();
        await own.close();
      }
    });
  });
}
