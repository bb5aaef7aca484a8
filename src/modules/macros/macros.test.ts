import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AppError } from '../../kernel/errors.ts';
import { buildTicket, testDeps } from '../../../test/support/builders.ts';
import { DIALECTS, dialectSkip } from '../../../test/support/stores.ts';
import { createAgent } from '../identity/index.ts';
import { findTicket, ticketEvents } from '../tickets/index.ts';
import { applyMacro, checkPlaceholders, createMacro, deleteMacro, getMacro, listMacros, renderMacro, updateMacro } from './index.ts';

const context = {
  customer: { name: 'Anna Lindqvist', email: 'anna@example.org' },
  ticket: { reference: 'CL-7KQ20M11', subject: 'Cannot unlock' },
  agent: { name: 'Sam Rivera' },
};

test('placeholders fill in; fallbacks stand in for unknown values; unknown names are refused at save', () => {
  assert.equal(
    renderMacro('Hi {{customer.first_name}} ({{ customer.email }}), about {{ticket.reference}} "{{ticket.subject}}" — {{agent.first_name}} / {{agent.name}}', context),
    'Hi Anna (anna@example.org), about CL-7KQ20M11 "Cannot unlock" — Sam / Sam Rivera',
  );
  assert.equal(renderMacro('Hi {{customer.first_name | there}},', { ...context, customer: { name: null, email: null } }), 'Hi there,');
  assert.equal(renderMacro('Hi {{customer.name}}!', { ...context, customer: { name: null, email: null } }), 'Hi !');
  assert.throws(() => checkPlaceholders('Hi {{customer.password}} and {{ticket.secret}}'), (e: unknown) => e instanceof AppError && /customer\.password.*ticket\.secret/.test(e.message));
  assert.doesNotThrow(() => checkPlaceholders('Literal {braces} and {{ agent.name | us }}'));
});

test('rendered values are text: a customer name with markup stays text once escaped for HTML', () => {
  const text = renderMacro('Hi {{customer.name}}', { ...context, customer: { name: '<img src=x onerror=alert(1)>', email: null } });
  assert.equal(text, 'Hi <img src=x onerror=alert(1)>', 'the text is what the agent will edit, unchanged');
});

for (const dialect of DIALECTS) {
  describe(`macros on ${dialect}`, { skip: await dialectSkip(dialect) }, () => {
    let deps: Awaited<ReturnType<typeof testDeps>>;
    const now = (): string => new Date().toISOString();
    before(async () => {
      deps = await testDeps(dialect);
    });
    after(() => deps.close());

    test('create, read, update, list and delete; titles are unique regardless of case; bad input changes nothing', async () => {
      const db = deps.store.db;
      const made = await createMacro(db, { title: '  Refund   issued ', body: 'Hi {{customer.first_name | there}}, the refund is on its way.', actions: { status: 'solved', addTags: ['Refund', 'refund', 'billing'] } }, now());
      assert.equal(made.title, 'Refund issued');
      assert.deepEqual(made.actions, { status: 'solved', addTags: ['billing', 'refund'] });
      await assert.rejects(createMacro(db, { title: 'REFUND ISSUED', body: 'x' }, now()), (e: unknown) => e instanceof AppError && e.code === 'conflict');
      await assert.rejects(createMacro(db, { title: 'Bad', body: 'Hi {{customer.ssn}}' }, now()), (e: unknown) => e instanceof AppError && e.code === 'validation_failed');
      await assert.rejects(createMacro(db, { title: 'Bad tag', body: 'x', actions: { addTags: ['no spaces allowed here!'] } }, now()), (e: unknown) => e instanceof AppError && e.code === 'validation_failed');
      await assert.rejects(updateMacro(db, made.id, { body: 'Now {{nope}}' }, now()), (e: unknown) => e instanceof AppError && e.code === 'validation_failed');
      assert.deepEqual(await getMacro(db, made.id), made, 'a refused update changes nothing');
      const changed = await updateMacro(db, made.id, { actions: { priority: 'low' } }, now());
      assert.deepEqual(changed.actions, { priority: 'low' });
      assert.equal(changed.body, made.body);
      assert.ok((await listMacros(db)).some((m) => m.id === made.id));
      await deleteMacro(db, made.id);
      await assert.rejects(getMacro(db, made.id), (e: unknown) => e instanceof AppError && e.code === 'not_found');
      await assert.rejects(deleteMacro(db, made.id), (e: unknown) => e instanceof AppError && e.code === 'not_found');
    });

    test('applying a macro changes fields through updateTicket (one ticket.updated event) and renders the reply', async () => {
      const agent = await createAgent(deps.store.db, { email: `macro-${dialect}-${process.pid}@careline.test`, name: 'Sam Rivera', role: 'agent' }, now());
      const ticket = await buildTicket(deps, { customer: { identity: { kind: 'email', value: `lena-${dialect}-${process.pid}@example.org` }, name: 'Lena <b>Berg</b>' }, tags: ['vip'] });
      const macro = await createMacro(deps.store.db, {
        title: `Need app version ${dialect}`,
        body: 'Hi {{customer.first_name}},\n\nwhich app version do you use for {{ticket.reference}}?\n\n{{agent.first_name}}',
        actions: { status: 'pending', priority: 'high', assignee: 'me', addTags: ['needs-info'] },
      }, now());
      const applied = await deps.uow((work) => applyMacro(work, macro.id, ticket.reference, { actor: { type: 'agent', id: agent.id }, agentId: agent.id }));
      assert.equal(applied.ticket.status, 'pending');
      assert.equal(applied.ticket.priority, 'high');
      assert.equal(applied.ticket.assigneeId, agent.id);
      assert.deepEqual(applied.ticket.tags, ['needs-info', 'vip']);
      assert.equal(applied.text, `Hi Lena,\n\nwhich app version do you use for ${ticket.reference}?\n\nSam`);
      assert.match(applied.html, /^<p>Hi Lena,<\/p>/);
      const updates = (await ticketEvents(deps.store.db, ticket.id)).filter((e) => e.type === 'ticket.updated');
      assert.equal(updates.length, 1);
      assert.deepEqual(updates[0]!.actor, { type: 'agent', id: agent.id });
      assert.deepEqual(Object.keys((updates[0]!.data as { changes: object }).changes).sort(), ['assigneeId', 'priority', 'status', 'tags']);

      const escaping = await createMacro(deps.store.db, { title: `Greeting ${dialect}`, body: 'Hi {{customer.name}}' }, now());
      const greeted = await deps.uow((work) => applyMacro(work, escaping.id, ticket.reference, { actor: { type: 'token', id: 1 }, agentId: null }));
      assert.equal(greeted.html, '<p>Hi Lena &lt;b&gt;Berg&lt;/b&gt;</p>', 'customer data is escaped in the HTML');

      const solve = await createMacro(deps.store.db, { title: `Close it ${dialect}`, body: 'Done', actions: { status: 'closed', assignee: 'me' } }, now());
      await assert.rejects(deps.uow((work) => applyMacro(work, solve.id, ticket.reference, { actor: { type: 'token', id: 1 }, agentId: null })), (e: unknown) => e instanceof AppError && e.code === 'validation_failed');
      const bad = await createMacro(deps.store.db, { title: `Bad transition ${dialect}`, body: 'x', actions: { status: 'new', priority: 'low' } }, now());
      await assert.rejects(deps.uow((work) => applyMacro(work, bad.id, ticket.reference, { actor: { type: 'agent', id: agent.id }, agentId: agent.id })), (e: unknown) => e instanceof AppError && e.code === 'invalid_transition');
      const after = await findTicket(deps.store.db, ticket.reference);
      assert.equal(after.priority, 'high', 'a refused macro changes nothing');
      assert.equal(after.status, 'pending');
    });
  });
}
