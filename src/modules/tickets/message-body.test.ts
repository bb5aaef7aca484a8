import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeBody } from './message-body.ts';

test('deeply nested HTML becomes a body without overflowing the stack', () => {
  const deep = '<div>'.repeat(20_000) + 'inside' + '</div>'.repeat(20_000);
  const body = makeBody({ html: deep });
  assert.equal(typeof body.text, 'string');
  const tags = '<a><b><i>'.repeat(6_000) + 'x';
  assert.equal(typeof makeBody({ html: tags }).text, 'string');
});

test('plain text becomes escaped paragraphs', () => {
  const body = makeBody({ text: 'a <b>\n\nsecond' });
  assert.equal(body.html, '<p>a &lt;b&gt;</p>\n<p>second</p>');
});
