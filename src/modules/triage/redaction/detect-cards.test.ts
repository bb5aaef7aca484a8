import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { redactText } from './index.ts';
import { assertRedacted, assertUntouched, title, type Positive } from './test-kit.ts';

const POSITIVE: Positive[] = [
  { text: 'Hi, I was charged twice on my card 4242 4242 4242 4242, can you refund one?', secrets: ['4242 4242 4242 4242'], kind: 'card', label: '[card ending 4242 removed]', keeps: ['charged twice', ', can you refund one?'] },
  { text: 'The Visa is 4111-1111-1111-1111 exp 09/27, please update billing.', secrets: ['4111-1111-1111-1111'], kind: 'card', label: '[card ending 1111 removed]', keeps: ['exp 09/27'] },
  { text: 'Use the company Amex 3782 822463 10005 (the business one).', secrets: ['3782 822463 10005'], kind: 'card', label: '[card ending 0005 removed]', keeps: ['(the business one)'] },
  { text: 'My Mastercard number: 5555555555554444 and the CVC is on the back', secrets: ['5555555555554444'], kind: 'card', label: '[card ending 4444 removed]' },
  { text: 'Discover 6011 1111 1111 1117 was declined at checkout', secrets: ['6011 1111 1111 1117'], kind: 'card', keeps: ['was declined'] },
  { text: 'Can you charge my JCB 3530111333300000.', secrets: ['3530111333300000'], kind: 'card', label: '[card ending 0000 removed]', keeps: ['my JCB [card ending 0000 removed].'] },
  { text: 'Diners card 3056 930902 5904 please', secrets: ['3056 930902 5904'], kind: 'card', label: '[card ending 5904 removed]' },
  { text: 'UnionPay 6200 0000 0000 0005 from my trip', secrets: ['6200 0000 0000 0005'], kind: 'card' },
  { text: 'new Mastercard 2223 0031 2200 3222 replaces the old one', secrets: ['2223 0031 2200 3222'], kind: 'card', label: '[card ending 3222 removed]' },
  { text: 'card:4012888888881881', secrets: ['4012888888881881'], kind: 'card' },
  { text: 'card 4111 1111 1111 1111 123 (cvc)', secrets: ['4111 1111 1111 1111'], kind: 'card', keeps: ['123 (cvc)'] },
  { text: 'no-break spaces: 4242\u00A04242\u00A04242\u00A04242', secrets: ['4242\u00A04242\u00A04242\u00A04242'], kind: 'card' },
  { text: 'Maestro 6759 6498 2643 8453 and old Visa 4222222222222', secrets: ['6759 6498 2643 8453', '4222222222222'], kind: 'card' },
  { text: 'a 19-digit Visa 4000 0000 0000 0000 006 works too', secrets: ['4000 0000 0000 0000 006'], kind: 'card', label: '[card ending 0006 removed]' },
];

const NEGATIVE = [
  'My card 4242 4242 4242 4241 does not pass the checksum',
  'The serial on the box is 1234 5678 9012 3456.',
  'Where is order #100234987? It was placed on 2024-11-03.',
  'Call me on +62 812 3456 7890 after 5pm',
  'Reference 9999 9999 9999 9995 has no card issuer',
  'Invoice INV-4242-4242-4242-4242 is attached',
  'Token ABC4242424242424242 is glued to letters',
  'Tracking: 9400 1000 0000 0000 0000 00',
  'Request 12345678-1234-5678-1234-567812345678 failed',
  'The amount was 4242424242424242.50 in the test ledger',
];

describe('cards', () => {
  for (const c of POSITIVE) test(`removes: ${title(c.text)}`, () => void assertRedacted(c));
  for (const text of NEGATIVE) test(`keeps: ${title(text)}`, () => assertUntouched(text));

  test('two cards in one message are two findings, in order', () => {
    const r = redactText('old 4111 1111 1111 1111, new 5555 5555 5555 4444');
    assert.deepEqual(r.findings.map((f) => f.label), ['[card ending 1111 removed]', '[card ending 4444 removed]']);
  });
});
