import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { redactFilename } from './index.ts';
import { assertRedacted, type Positive } from './test-kit.ts';

const CASES: (Positive & { expected: string })[] = [
  { text: 'recovery-codes-ABCD-EFGH-IJKL.txt', secrets: ['ABCD-EFGH-IJKL'], kind: 'recovery_code', expected: 'recovery-codes-[recovery code removed].txt' },
  { text: 'card 4242424242424242.png', secrets: ['4242424242424242'], kind: 'card', expected: 'card [card ending 4242 removed].png' },
  { text: 'card_4242-4242-4242-4242.jpg', secrets: ['4242-4242-4242-4242'], kind: 'card', expected: 'card_[card ending 4242 removed].jpg' },
  { text: 'IBAN_DE89370400440532013000.pdf', secrets: ['DE89370400440532013000'], kind: 'iban', expected: 'IBAN_[IBAN ending 3000 removed].pdf' },
  { text: 'backup_codes_12345678_23456789.txt', secrets: ['12345678', '23456789'], kind: 'recovery_code', expected: 'backup_codes_[recovery code removed].txt' },
  { text: 'password=hunter2.txt', secrets: ['hunter2'], kind: 'password', expected: 'password=[password removed].txt' },
  { text: 'aws-AKIAIOSFODNN7EXAMPLE.csv', secrets: ['AKIAIOSFODNN7EXAMPLE'], kind: 'api_token', expected: 'aws-[API token removed].csv' },
  { text: '2fa secret JBSWY3DPEHPK3PXP', secrets: ['JBSWY3DPEHPK3PXP'], kind: 'totp_seed', expected: '2fa secret [TOTP secret removed]' },
];

describe('redactFilename', () => {
  for (const c of CASES) {
    test(`${c.text} → ${c.expected}`, () => {
      const r = assertRedacted(c, redactFilename);
      assert.equal(r.text, c.expected);
    });
  }
});
