import { describe, test } from 'node:test';
import { assertRedacted, assertUntouched, title, type Positive } from './test-kit.ts';

const M = (text: string, secret: string, keeps?: string[]): Positive => ({ text, secrets: [secret], kind: 'master_password', label: '[master password removed]', keeps });

const POSITIVE: Positive[] = [
  M('I am locked out, my master password is Horse-Battery-9 and it worked yesterday', 'Horse-Battery-9', ['and it worked yesterday']),
  M('Master password: Tr0ub4dor&3', 'Tr0ub4dor&3'),
  M('The main password = Apfel#Baum7 on both devices', 'Apfel#Baum7', ['on both devices']),
  M("the vault password I use is 'open sesame 42' I think", 'open sesame 42', ['I think']),
  M('Mein Masterpasswort ist Sonnenschein2020, was nun?', 'Sonnenschein2020', ['was nun?']),
  M('I changed my master password to Spring!2026 last night', 'Spring!2026', ['last night']),
  M('Master-Passwort: Kaffee&Kuchen9', 'Kaffee&Kuchen9'),
  M('Mon mot de passe principal est Lune2025 depuis hier', 'Lune2025', ['depuis hier']),
];

const NEGATIVE = [
  'I forgot my master password and I have no emergency kit',
  'my master password is not accepted on the new phone',
  'Can I change my master password from the browser extension?',
  'Where is the master password reset option?',
  'master password: ********',
  'it says the master password is required',
  'Masterpasswort ist falsch',
  'Is my master password stored on your servers?',
];

describe('master passwords', () => {
  for (const c of POSITIVE) test(`removes: ${title(c.text)}`, () => void assertRedacted(c));
  for (const text of NEGATIVE) test(`keeps: ${title(text)}`, () => assertUntouched(text));
});
