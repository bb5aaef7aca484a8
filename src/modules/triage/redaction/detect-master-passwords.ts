import { phraseDetector } from './password-phrases.ts';

/** Names of the one password that opens a vault, in English, German, French and Spanish. */
const MASTER_NAMES = [
  'master[ _-]?(?:pass[ _-]?word|passwort|passphrase|pass|pw|key)', 'main[ _-]?password', 'vault[ _-]?(?:password|passwort)',
  'haupt[ _-]?passwort', 'mot[ \\t]de[ \\t]passe[ \\t](?:principal|ma[îi]tre)', 'contrase(?:ñ|n)a[ \\t](?:maestra|principal)',
].join('|');

/** Master passwords: the password phrases with "master password", "main password", "vault password", "Masterpasswort". */
export const masterPasswords = phraseDetector({
  kind: 'master_password',
  label: '[master password removed]',
  names: MASTER_NAMES,
});
