import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SECRET_NOTICE, redactText } from './index.ts';

describe('redactText', () => {
  test('a message with a card and a password loses both and keeps the rest', () => {
    const text = 'Hi team,\n\nI was billed twice on 4242 4242 4242 4242. To check, my password is Tr0ub4dor&3 and my email is ada@example.org.\n\nThanks, Ada';
    const r = redactText(text);
    assert.equal(
      r.text,
      'Hi team,\n\nI was billed twice on [card ending 4242 removed]. To check, my password is [password removed] and my email is ada@example.org.\n\nThanks, Ada',
    );
    assert.deepEqual(r.findings, [
      { kind: 'card', label: '[card ending 4242 removed]' },
      { kind: 'password', label: '[password removed]' },
    ]);
    for (const secret of ['4242 4242 4242 4242', 'Tr0ub4dor&3', '4242424242424242']) assert.ok(!r.text.includes(secret));
  });

  test('every family in one message, each removed once', () => {
    const r = redactText([
      'card 5555 5555 5555 4444',
      'master password: Horse-Battery-9',
      'password: hunter2',
      'recovery codes: A1B2-C3D4 E5F6-G7H8',
      'otpauth://totp/X:ada?secret=JBSWY3DPEHPK3PXP',
      'api key: f8e2c91ab04d4e6fa7b1c35d92e0a6b4',
      'IBAN GB29 NWBK 6016 1331 9268 19',
    ].join('\n'));
    assert.deepEqual(r.findings.map((f) => f.kind), ['card', 'master_password', 'password', 'recovery_code', 'totp_seed', 'api_token', 'iban']);
    assert.equal(r.text.split('\n').length, 7);
  });

  test('redacting twice changes nothing more (placeholders are not secrets)', () => {
    const once = redactText('my password is hunter2, card 4111 1111 1111 1111, IBAN DE89 3704 0044 0532 0130 00, secret: JBSWY3DPEHPK3PXP');
    const twice = redactText(once.text);
    assert.equal(twice.text, once.text);
    assert.deepEqual(twice.findings, []);
  });

  test('a master password is reported once, as a master password', () => {
    const r = redactText('my master password is Tr0ub4dor&3');
    assert.deepEqual(r.findings, [{ kind: 'master_password', label: '[master password removed]' }]);
  });

  test('an empty text and a text without secrets come back as they are', () => {
    assert.deepEqual(redactText(''), { text: '', findings: [] });
    assert.deepEqual(redactText('Thanks, that fixed it!'), { text: 'Thanks, that fixed it!', findings: [] });
  });

  test('the notice to the customer names what support never needs and suggests changing it', () => {
    for (const words of ['password', 'master password', 'recovery codes', 'full card number', 'removed', 'changing']) {
      assert.ok(SECRET_NOTICE.includes(words), words);
    }
    assert.ok(SECRET_NOTICE.length < 400);
    assert.deepEqual(redactText(SECRET_NOTICE).findings, []);
  });
});
