import { phraseDetector } from './password-phrases.ts';

/** Names of a password in English, German, French, Spanish, Dutch, Portuguese, Swedish and Polish. */
const PASSWORD_NAMES = [
  'pass[ _-]?word', 'passwd', 'passcode', 'passphrase', 'pwd', 'pw', 'passwort', 'kennwort', 'mot[ \\t]de[ \\t]passe',
  'mdp', 'contraseña', 'contrasena', 'wachtwoord', 'senha', 'lösenord', 'hasło', 'haslo',
].join('|');

/** Passwords given away in a sentence: "my password is X", "pwd=X", "Passwort ist X", "user/password: u / X". */
export const passwords = phraseDetector({
  kind: 'password',
  label: '[password removed]',
  names: PASSWORD_NAMES,
  colonOnlyNames: 'pass',
  userPairs: true,
});
