import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AppError } from '../../kernel/errors.ts';
import { createAgent } from '../identity/index.ts';
import { addMessage, listMessages, listTickets } from '../tickets/index.ts';
import { testDeps } from '../../../test/support/builders.ts';
import { DIALECTS, dialectSkip } from '../../../test/support/stores.ts';
import { SignJWT } from 'jose';
import {
  closeChat, createVisitor, findVisitor, getChatSettings, linkVerifiedIdentity, messagesAfter, openConversationOf, postAgentMessage, postCustomerMessage,
  resolveVisitor, rotateIdentitySecret, sequencePending, signChatIdentity, startChat, verifyChatIdentity, IdentityError,
} from './index.ts';

for (const dialect of DIALECTS) {
  describe(`chat on ${dialect}`, { skip: await dialectSkip(dialect) }, () => {
    let deps: Awaited<ReturnType<typeof testDeps>>;
    before(async () => {
      deps = await testDeps(dialect);
    });
    after(() => deps.close());

    test('a visitor token is stored hashed and finds its visitor again', async () => {
      const { visitor, token } = await deps.uow((w) => createVisitor(w));
      assert.match(token, /^vt_/);
      const row = await deps.store.db.selectFrom('chat_visitors').selectAll().where('id', '=', visitor.id).executeTakeFirstOrThrow();
      assert.notEqual(row.token_hash, token);
      assert.equal((await findVisitor(deps.store.db, token))?.id, visitor.id);
      assert.equal(await findVisitor(deps.store.db, 'vt_unknownunknownunknownunknown'), null);
      const again = await deps.uow((w) => resolveVisitor(w, token));
      assert.equal(again.created, false);
      const fresh = await deps.uow((w) => resolveVisitor(w, 'vt_unknownunknownunknownunknown'));
      assert.equal(fresh.created, true);
      assert.notEqual(fresh.visitor.id, visitor.id);
    });

    test('start makes a chat ticket numbered from 1; the same client id returns the same message', async () => {
      const { visitor } = await deps.uow((w) => createVisitor(w));
      const started = await deps.uow((w) => startChat(w, visitor, { clientId: 'c-1', text: "I can't log in\nsince this morning", name: 'Ann' }));
      assert.equal(started.created, true);
      assert.equal(started.message.seq, 1);
      assert.equal(started.message.clientId, 'c-1');
      assert.equal(started.conversation.status, 'queued');
      assert.equal(started.conversation.subject, "I can't log in");
      const retry = await deps.uow((w) => startChat(w, visitor, { clientId: 'c-1', text: "I can't log in" }));
      assert.equal(retry.created, false);
      assert.equal(retry.message.id, started.message.id);
      const page = await listTickets(deps.store.db, { channel: 'chat', limit: 50 });
      assert.ok(page.items.some((t) => t.reference === started.conversation.reference));
      await assert.rejects(deps.uow((w) => startChat(w, visitor, { clientId: 'c-2', text: 'again' })), (e: AppError) => e.code === 'conflict');
    });

    test('messages both ways get gapless seqs; notes get none; resume returns exactly what is after last_seq', async () => {
      const { visitor } = await deps.uow((w) => createVisitor(w));
      const { conversation } = await deps.uow((w) => startChat(w, visitor, { clientId: 'a', text: 'Sync fails' }));
      const v = visitor;
      const agent = await createAgent(deps.store.db, { email: `chat-agent-${dialect}-${Date.now()}@careline.test`, name: 'Maya', role: 'agent' }, new Date().toISOString());
      const actor = { type: 'agent' as const, id: agent.id };
      const m2 = await deps.uow((w) => postCustomerMessage(w, v, { conversationId: conversation.id, clientId: 'b', text: 'Still stuck' }));
      const m3 = await deps.uow((w) => postAgentMessage(w, agent.id, { conversationId: conversation.id, clientId: 'm-1', text: 'Hi, checking', internal: false }, actor));
      const note = await deps.uow((w) => postAgentMessage(w, agent.id, { conversationId: conversation.id, clientId: 'm-2', text: 'Looks like E-4012', internal: true }, actor));
      assert.deepEqual([m2.message.seq, m3.message.seq, note.message.seq], [2, 3, null]);
      assert.equal(note.message.internal, true);
      const dup = await deps.uow((w) => postCustomerMessage(w, v, { conversationId: conversation.id, clientId: 'b', text: 'Still stuck' }));
      assert.equal(dup.created, false);
      assert.equal(dup.message.id, m2.message.id);
      // A reply written through the tickets API is numbered by the next chat write.
      await deps.uow((w) => addMessage(w, { reference: conversation.reference, kind: 'reply', author: { type: 'agent', id: agent.id }, channel: 'api', body: { text: 'From the API' } }, actor));
      const numbered = await deps.uow((w) => sequencePending(w, conversation.id));
      assert.equal(numbered.length, 1);
      const after1 = await messagesAfter(deps.store.db, conversation.id, 1);
      assert.deepEqual(after1.map((m) => m.seq), [2, 3, 4]);
      assert.deepEqual(after1.map((m) => m.text), ['Still stuck', 'Hi, checking', 'From the API']);
      assert.equal(after1[1]!.author.name, 'Maya');
      assert.equal(after1.some((m) => m.internal), false);
    });

    test('a secret in a chat message is redacted by the tickets write path and the notice is numbered too', async () => {
      const { visitor } = await deps.uow((w) => createVisitor(w));
      const { conversation } = await deps.uow((w) => startChat(w, visitor, { clientId: 'a', text: 'Help with login' }));
      const v = { ...visitor, customerId: conversation.customer.id };
      const posted = await deps.uow((w) => postCustomerMessage(w, v, { conversationId: conversation.id, clientId: 's', text: 'my password is Hunter2-Secret-99!' }));
      assert.doesNotMatch(posted.message.text, /Hunter2-Secret-99/);
      assert.deepEqual(posted.numbered.map((m) => [m.seq, m.author.type]), [[2, 'customer'], [3, 'system']]);
      const stored = await listMessages(deps.store.db, conversation.id);
      assert.ok(stored.every((m) => !m.text.includes('Hunter2-Secret-99')));
    });

    test("a visitor cannot write to another visitor's chat", async () => {
      const a = (await deps.uow((w) => createVisitor(w))).visitor;
      const b = (await deps.uow((w) => createVisitor(w))).visitor;
      const { conversation } = await deps.uow((w) => startChat(w, a, { clientId: 'x', text: 'Mine' }));
      await assert.rejects(deps.uow((w) => postCustomerMessage(w, b, { conversationId: conversation.id, clientId: 'y', text: 'Hijack' })), (e: AppError) => e.code === 'not_found');
      assert.equal(await openConversationOf(deps.store.db, b.id), null);
    });

    test('closing solves the ticket, mails the transcript to a known address and refuses new customer messages', async () => {
      const { visitor } = await deps.uow((w) => createVisitor(w));
      const { conversation } = await deps.uow((w) => startChat(w, visitor, { clientId: 'a', text: 'Billing question', email: `ann-${dialect}@example.org` }));
      const closed = await deps.uow((w) => closeChat(w, deps.outbox, conversation.id, { type: 'customer', id: conversation.customer.id }));
      assert.equal(closed.closed, true);
      assert.equal(closed.conversation.status, 'closed');
      const mails = await deps.store.db.selectFrom('outbound_emails').selectAll().where('ticket_id', '=', conversation.id).execute();
      assert.equal(mails.length, 1);
      assert.match(mails[0]!.subject, new RegExp(conversation.reference));
      assert.match(mails[0]!.text, /Billing question/);
      const v = { ...visitor, customerId: conversation.customer.id };
      await assert.rejects(deps.uow((w) => postCustomerMessage(w, v, { conversationId: conversation.id, clientId: 'late', text: 'hello?' })), (e: AppError) => e.code === 'conflict');
      assert.equal((await deps.uow((w) => closeChat(w, deps.outbox, conversation.id, { type: 'system' }))).closed, false);
    });

    test('signed identities: JWT and HMAC verify, expired and forged ones are refused, a rotated secret stops the old', async () => {
      const now = new Date();
      const { identitySecret } = await getChatSettings(deps.store.db, now.toISOString());
      const key = new TextEncoder().encode(identitySecret);
      const exp = Math.floor(now.getTime() / 1000) + 600;
      const jwt = await new SignJWT({ email: 'Ann@Example.org', name: 'Ann' }).setProtectedHeader({ alg: 'HS256' }).setSubject('42').setExpirationTime(exp).sign(key);
      assert.deepEqual(await verifyChatIdentity(identitySecret, { jwt }, now), { userId: '42', email: 'ann@example.org', name: 'Ann' });
      const expired = await new SignJWT({ email: 'ann@example.org' }).setProtectedHeader({ alg: 'HS256' }).setSubject('42').setExpirationTime(exp - 1200).sign(key);
      await assert.rejects(verifyChatIdentity(identitySecret, { jwt: expired }, now), /expired/);
      const signature = signChatIdentity(identitySecret, '42', 'ann@example.org', exp);
      assert.equal((await verifyChatIdentity(identitySecret, { user_id: '42', email: 'ann@example.org', expires: exp, signature }, now)).userId, '42');
      await assert.rejects(verifyChatIdentity(identitySecret, { user_id: '43', email: 'ann@example.org', expires: exp, signature }, now), IdentityError);
      await assert.rejects(verifyChatIdentity(identitySecret, { user_id: '42', email: 'ann@example.org', expires: exp - 1200, signature: signChatIdentity(identitySecret, '42', 'ann@example.org', exp - 1200) }, now), /expired/);
      const rotated = await rotateIdentitySecret(deps.store.db, now.toISOString());
      assert.notEqual(rotated.identitySecret, identitySecret);
      await assert.rejects(verifyChatIdentity(rotated.identitySecret, { jwt }, now), IdentityError);
    });

    test('a verified identity links the visitor to the customer; a token tied to someone else gets a fresh visitor', async () => {
      const { visitor } = await deps.uow((w) => createVisitor(w));
      const linked = await deps.uow((w) => linkVerifiedIdentity(w, visitor, { userId: '7', email: `bo-${dialect}@example.org`, name: 'Bo' }, async () => (await createVisitor(w)).visitor));
      assert.equal(linked.id, visitor.id);
      assert.equal(linked.verified, true);
      const identity = await deps.store.db.selectFrom('customer_identities').selectAll().where('value', '=', `bo-${dialect}@example.org`).executeTakeFirstOrThrow();
      assert.equal(identity.verified, 1);
      assert.equal(identity.customer_id, linked.customerId);
      const other = await deps.uow((w) => linkVerifiedIdentity(w, linked, { userId: '8', email: `cy-${dialect}@example.org`, name: null }, async () => (await createVisitor(w)).visitor));
      assert.notEqual(other.id, visitor.id);
      assert.notEqual(other.customerId, linked.customerId);
    });
  });
}
