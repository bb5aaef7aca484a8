import { describe, test } from 'node:test';
import { assertRedacted, assertUntouched, title, type Positive } from './test-kit.ts';

const P = (text: string, secret: string, keeps?: string[]): Positive => ({ text, secrets: [secret], kind: 'password', label: '[password removed]', keeps });

const POSITIVE: Positive[] = [
  P('Hi, my password is hunter2 and it stopped working after the update', 'hunter2', ['and it stopped working after the update']),
  P('Login keeps failing. password: Tr0ub4dor&3', 'Tr0ub4dor&3', ['Login keeps failing.']),
  P('support asked for it so here: pw: s3cret!!', 's3cret!!'),
  P('the desktop app sends pwd=Qwerty123 in the logs', 'Qwerty123', ['in the logs']),
  P('My passcode is 482915, the app asks for it every time', '482915', ['the app asks for it every time']),
  P('The password I use is "correct horse battery staple" everywhere', 'correct horse battery staple', ['everywhere']),
  P("My password was 'Summer 2024!' before the reset", 'Summer 2024!', ['before the reset']),
  P('Mein Passwort ist Geheim!42, bitte helfen Sie mir', 'Geheim!42', ['bitte helfen']),
  P('Bonjour, mon mot de passe est Soleil2024 et il ne marche plus', 'Soleil2024', ['et il ne marche plus']),
  P('Hola, mi contraseña es Gato#2023 pero no funciona', 'Gato#2023', ['pero no funciona']),
  P('username/password: ada@example.org / R3dFox!', 'R3dFox!', ['ada@example.org']),
  P('I changed my password to Winter!2025 yesterday and now sync fails', 'Winter!2025', ['yesterday']),
  P('Account details\nPassword:\nBlue-Sky-77\nThanks', 'Blue-Sky-77', ['Thanks']),
  P('my password is now Autumn#99.', 'Autumn#99', ['my password is now']),
  P('Das Passwort lautet: Kaffee&Kuchen9', 'Kaffee&Kuchen9'),
  P('Wifi details\nPassword - Summer2024\nNetwork - Office', 'Summer2024', ['Network - Office']),
  P('He told me "my password is Zebra-77". Is that safe?', 'Zebra-77', ['". Is that safe?']),
];

const NEGATIVE = [
  'my password is not working since yesterday',
  'It keeps telling me the password is wrong',
  'The form says password is too long',
  'I forgot my password, can you help?',
  'How do I reset password on Android?',
  'Is the password manager down for everyone?',
  'Password: ******',
  'it says password is incorrect even though I typed it carefully',
  'My password is 12 characters long',
  'Passwort ist falsch, sagt die App',
  'my password is [password removed]',
  'The password reset link expired',
  'the password field is empty after autofill',
  'Your password is case-sensitive.',
  'my password was changed by someone else',
  'the password is still not accepted',
  'Password - not working on iOS',
];

describe('passwords', () => {
  for (const c of POSITIVE) test(`removes: ${title(c.text)}`, () => void assertRedacted(c));
  for (const text of NEGATIVE) test(`keeps: ${title(text)}`, () => assertUntouched(text));
});
