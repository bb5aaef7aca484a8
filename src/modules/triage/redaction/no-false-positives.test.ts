import { describe, test } from 'node:test';
import { redactFilename, redactHtml } from './index.ts';
import { assertUntouched, title } from './test-kit.ts';

/** Everyday support messages full of numbers, codes and the words "password", "key" and "token": nothing to remove. */
const CLEAN = [
  'Where is order #100234987? It shipped last week.',
  'Please find invoice INV-2024-00042 attached, it was paid on 2024-11-03.',
  'Call me at +1 415 555 0132 or on my German number 030 1234567.',
  'Our London office is on (020) 7946 0958 until 17:30.',
  'It happened on 2024-11-03 and again on 03/11/2024 at 14:32:05 UTC.',
  'My ticket is CL-7KQ20M1X, the previous one was CL-2B9QK4TN.',
  "I'm on version 4.2.1 of the desktop app, v10.15.7 of macOS, build 2024.11.3.",
  'Sync fails with error E-4012 and Windows shows 0x80070005.',
  'Our proxy is 192.168.10.254 and the IPv6 address is 2001:db8::8a2e:370:7334.',
  'The request id was 123e4567-e89b-12d3-a456-426614174000.',
  'UPS tracking 1Z999AA10123456784 and USPS 9400 1000 0000 0000 0000 00 both show delays.',
  'The number on the gift card is 1234 5678 9012 3456, does it work here?',
  'I was charged $59.88 instead of $47.88, and €12,50 for the add-on.',
  'I need a password reset, please.',
  'The help page https://vaultly.example/help/reset-password?lang=en&ref=app does not load.',
  'The fix is in commit 3f786850e387550fdab836ed7e6dc881de23001b, I think.',
  'Which key do I press? The token expired and the key icon is grey.',
  'My password manager says my password is weak and reused.',
  'Does the API token need admin rights? The docs say an api key is optional.',
  'The secret to a good backup is testing your restore.',
  'Recovery codes are shown only once, right?',
  'My master password is long but the app says it is too short.',
  'I have 2 vaults, 14 devices and 1,204 items.',
  'Password hint: the name of my first dog',
  'The seed phrase feature is not available in my country.',
  'Firmware 2.0.14-beta.3 on the YubiKey 5 NFC (serial 12345678).',
  'PIN 1234 is the default on the card reader, right?',
];

describe('no false positives', () => {
  for (const text of CLEAN) test(`text: ${title(text)}`, () => assertUntouched(text));
  for (const text of CLEAN) test(`html: ${title(text)}`, () => assertUntouched(`<p>${text.replace(/&/g, '&amp;')}</p>`, redactHtml));

  const NAMES = [
    'Screenshot 2024-11-03 at 10.45.12.png',
    'invoice_INV-2024-00042.pdf',
    'github-recovery-codes.txt',
    'IMG_20241103_104512.jpg',
    '1Password Emergency Kit.pdf',
    'order-100234987.pdf',
    'vaultly-4.2.1-setup.exe',
    'password-reset-instructions.pdf',
  ];
  for (const name of NAMES) test(`file name: ${name}`, () => assertUntouched(name, redactFilename));
});
