import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { acknowledgementBody, acknowledgementSubject, bracketed, outboundHeaders, replyBody, replySubject, threadHeaders, unbracketed } from './compose.ts';
import { taskFor, taskKey } from './outbound-task.ts';
import type { StoredEvent } from '../../../kernel/events.ts';

describe('outbound email headers', () => {
  test('a reply subject names the reference once and does not stack Re:', () => {
    assert.equal(replySubject('Vault will not unlock', 'CL-AB12CD34'), 'Re: Vault will not unlock [CL-AB12CD34]');
    assert.equal(replySubject('RE: Aw: Vault will not unlock', 'CL-AB12CD34'), 'Re: Vault will not unlock [CL-AB12CD34]');
    assert.equal(replySubject('Vault [CL-AB12CD34] again', 'CL-AB12CD34'), 'Re: Vault [CL-AB12CD34] again');
    assert.equal(replySubject('  ', 'CL-AB12CD34'), 'Re: (no subject) [CL-AB12CD34]');
  });

  test('an acknowledgement subject starts with the reference', () => {
    assert.equal(acknowledgementSubject('Vault will not unlock', 'CL-AB12CD34'), '[CL-AB12CD34] We received your request: Vault will not unlock');
  });

  test('threading answers the newest customer id and references the latest ten, oldest first, bracketed', () => {
    assert.deepEqual(threadHeaders([]), { inReplyTo: null, references: [] });
    assert.deepEqual(threadHeaders(['a@x', '<b@x>']), { inReplyTo: '<b@x>', references: ['<a@x>', '<b@x>'] });
    const many = Array.from({ length: 12 }, (_, i) => `m${i}@x`);
    const t = threadHeaders(many);
    assert.equal(t.references.length, 10);
    assert.deepEqual([t.references[0], t.inReplyTo], ['<m2@x>', '<m11@x>']);
    assert.deepEqual(threadHeaders(['bad id with spaces', 'ok@x']).references, ['<ok@x>']);
    assert.equal(bracketed('<a@x>'), '<a@x>');
    assert.equal(unbracketed('<a@x>'), 'a@x');
  });

  test('every mail carries the loop header; machine-written mail says Auto-Submitted: auto-replied', () => {
    assert.deepEqual(outboundHeaders({ host: 'help.example', reference: 'CL-AB12CD34', automatic: false }), { 'X-Careline-Loop': 'help.example; CL-AB12CD34' });
    const auto = outboundHeaders({ host: 'help.example', reference: 'CL-AB12CD34', automatic: true });
    assert.equal(auto['Auto-Submitted'], 'auto-replied');
    assert.equal(auto['X-Careline-Loop'], 'help.example; CL-AB12CD34');
  });

  test('bodies: the acknowledgement names the reference and escapes the customer name in HTML; a reply gets a footer', () => {
    const ack = acknowledgementBody({ name: '<Eve>', reference: 'CL-AB12CD34', subject: 'Locked out' });
    assert.match(ack.text, /Its reference is CL-AB12CD34/);
    assert.match(ack.text, /What happens next/);
    assert.ok(ack.html.includes('&lt;Eve&gt;') && !ack.html.includes('<Eve>'));
    assert.doesNotMatch(ack.text, /\/track/);
    const tracked = acknowledgementBody({ name: null, reference: 'CL-AB12CD34', subject: 'Locked out', trackingUrl: 'https://help.example/track' });
    assert.match(tracked.text, /To follow your request and answer on the web, go to https:\/\/help\.example\/track with its reference/);
    const reply = replyBody({ text: 'Try this.', html: '<p>Try this.</p>', reference: 'CL-AB12CD34' });
    assert.match(reply.text, /^Try this\.\n\n--\nReference: CL-AB12CD34/);
    assert.ok(reply.html.startsWith('<p>Try this.</p>'));
  });

  test('events become tasks: new email tickets and public agent/system replies only, one key each', () => {
    const base = { id: 1, createdAt: '', ticketId: 7, customerId: 3, actor: { type: 'system' as const } };
    const created = { ...base, type: 'ticket.created', data: { reference: 'CL-AB12CD34', subject: 's', channel: 'email', status: 'new', category: 'general', priority: 'normal' } } as StoredEvent;
    const reply = (kind: 'reply' | 'note', authorType: string) => ({ ...base, type: 'message.created', data: { reference: 'CL-AB12CD34', messageId: 9, kind, authorType, channel: 'api' } }) as StoredEvent;
    assert.deepEqual(taskFor(created), { what: 'acknowledgement', ticketId: 7 });
    assert.equal(taskFor({ ...created, data: { ...(created.data as object), channel: 'web' } } as StoredEvent), null);
    assert.deepEqual(taskFor(reply('reply', 'agent')), { what: 'reply', messageId: 9 });
    assert.deepEqual(taskFor(reply('reply', 'system')), { what: 'reply', messageId: 9 });
    assert.equal(taskFor(reply('note', 'agent')), null);
    assert.equal(taskFor(reply('reply', 'customer')), null);
    assert.equal(taskKey({ what: 'reply', messageId: 9 }), 'email-out:reply:9');
    assert.equal(taskKey({ what: 'acknowledgement', ticketId: 7 }), 'email-out:ack:7');
  });
});
