import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { guardReply } from './index.ts';

/** Replies that ask for a secret, with the kind of secret the guard must name. */
const BLOCKED: ReadonlyArray<[string, string]> = [
  ['Please send us your master password.', 'master_password'],
  ["What's your password?", 'password'],
  ['Reply with your recovery codes so we can restore access.', 'recovery_code'],
  ['We need the full card number to find the charge.', 'card_number'],
  ['Confirm your password below.', 'password'],
  ['Could you share the master password you use for the vault?', 'master_password'],
  ['To speed things up, please provide your 2FA secret.', 'two_factor_secret'],
  ['Kindly email us your backup codes.', 'recovery_code'],
  ['What is your TOTP secret?', 'two_factor_secret'],
  ['Can you give me your PIN?', 'password'],
  ['We will need your recovery key to continue.', 'recovery_code'],
  ['If the app does not open, send us your master password.', 'master_password'],
  ['Type your password here and we will check it.', 'password'],
  ['Please send us your logs and your password', 'password'],
  ['Please send the last four digits of your card and the CVV.', 'card_number'],
  ['Hi Ana,\n\nthanks for writing. Please include your secret key in your reply.\n\nBest, Sam', 'recovery_code'],
  ['Bitte senden Sie uns Ihr Master-Passwort.', 'master_password'],
  ['Wie lautet Ihr Passwort?', 'password'],
  ['Können Sie uns Ihre Wiederherstellungscodes mitteilen?', 'recovery_code'],
  ['Por favor, envíenos su contraseña maestra.', 'master_password'],
  ['¿Cuál es su contraseña?', 'password'],
  ['Necesitamos el número completo de su tarjeta.', 'card_number'],
  ['Merci de nous envoyer votre mot de passe principal.', 'master_password'],
  ['Quel est votre mot de passe ?', 'password'],
  ['Nous avons besoin de vos codes de récupération.', 'recovery_code'],
];

/** Replies that mention secrets without asking for them: warnings, instructions, features. */
const ALLOWED: readonly string[] = [
  'We will never ask for your master password.',
  'Never send your password to anyone, including us.',
  'You can reset your password here: https://vaultly.example/reset',
  'Your password manager keeps every login encrypted.',
  'Please tell us the last four digits of your card so we can find the charge.',
  'Please send us the last 4 digits of the card you were charged on.',
  "Don't share your recovery codes with anyone.",
  'Please do not reply with your password.',
  'Enter your master password in the desktop app and tell us what error you see.',
  'Type your master password in the app, not in this chat.',
  'Can you tell me whether your master password changed recently?',
  'Let us know if your password reset link works.',
  'You can share passwords with your partner using Vaultly Sharing.',
  'Our agents will never ask you to share your master password.',
  'Please tell us the 6-digit code we emailed you.',
  'Your recovery codes were created when you turned on two-step login.',
  'Please send us a screenshot of the error, but hide your password.',
  'If anyone asks you to send your password, it is a scam.',
  'Please enter your master password to unlock the vault.',
  'Please confirm that you can sign in with your new master password.',
  'Please tell us which device you use to enter your master password.',
  'Tell us what happens when you enter your password.',
  'Print your recovery codes and keep them somewhere safe.',
  'What is the password policy for Family accounts?',
  'Your master password is never sent to our servers, so we cannot recover it.',
  '> What is your password?\nThat message did not come from us; we never ask for it.',
  'Hi María, since the desktop app is still unlocked you can add your new phone under Settings → Two-step login. Before that, we will verify it is really you: please reply from this address and we will send a one-time code.',
  'Wir werden Sie niemals nach Ihrem Passwort fragen.',
  'Teilen Sie Ihr Master-Passwort niemals mit anderen.',
  'Sie können Ihr Passwort in der App zurücksetzen.',
  'Nunca le pediremos su contraseña maestra.',
  'No comparta su contraseña con nadie.',
  'Nous ne vous demanderons jamais votre mot de passe.',
  'Ne partagez jamais votre mot de passe principal.',
  'Votre gestionnaire de mots de passe chiffre tout.',
];

describe('outbound guard', () => {
  test(`blocks ${BLOCKED.length} replies that ask for a secret, naming the secret and the words that ask`, () => {
    assert.ok(BLOCKED.length >= 15);
    for (const [text, secret] of BLOCKED) {
      const verdict = guardReply(text);
      assert.equal(verdict.blocked, true, `should block: ${text}`);
      if (!verdict.blocked) continue;
      assert.equal(verdict.secret, secret, text);
      assert.ok(verdict.phrase.length > 0 && text.replace(/\s+/g, ' ').includes(verdict.phrase), `${verdict.phrase} is from: ${text}`);
    }
  });

  test(`lets ${ALLOWED.length} replies through that warn, point elsewhere or only mention secrets`, () => {
    assert.ok(ALLOWED.length >= 15);
    for (const text of ALLOWED) assert.deepEqual(guardReply(text), { blocked: false }, `should allow: ${text}`);
  });

  test('names the phrase that triggered', () => {
    assert.deepEqual(guardReply('Thanks! Please send us your master password.'), { blocked: true, secret: 'master_password', label: 'master password', phrase: 'send us your master password' });
    assert.equal(guardReply('Quick question: what is your recovery key?').blocked, true);
  });

  test('finishes quickly on long and hostile input', () => {
    const long = `${'password '.repeat(20_000)} ${"don'".repeat(20_000)} ${'a'.repeat(100_000)}`;
    const cpu = process.cpuUsage();
    guardReply(long);
    guardReply('send '.repeat(40_000));
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    assert.ok(cpuMs < 2000, `took ${Math.round(cpuMs)} ms of CPU`);
  });
});
