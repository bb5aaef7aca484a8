import { describe, test } from 'node:test';
import { assertRedacted, assertUntouched, title, type Positive } from './test-kit.ts';

// Armour lines are assembled at run time so secret scanners do not flag this file; the bodies are random filler.
const armour = (label: string, lines: string[]) =>
  [`-----BEGIN ${label}-----`, ...lines, `-----END ${label}-----`].join('\n');
const BODY = ['MIIEowIBAAKCAQEAx7k9QzVbXkqF2nL0pR3sT4uV5wX6yZ7aB8cD9eF0gH1iJ2kL', '3mN4oP5qR6sT7uV8wX9yZ0aB1cD2eF3gH4iJ5kL6mN7oP8qR9sT0uV1wX2yZ3aB4c', 'D5eF6gH7iJ8kL9mN0oP1qR2sT3uV4w=='];
const PRIVATE = ' PRIVATE KEY';
const RSA = armour('RSA' + PRIVATE, BODY);
const OPENSSH = armour('OPENSSH' + PRIVATE, BODY);
const EC = armour('EC' + PRIVATE, BODY);
const PKCS8 = armour(PRIVATE.trim(), BODY);
const ENCRYPTED = armour('ENCRYPTED' + PRIVATE, BODY);
const PGP = armour('PGP' + PRIVATE + ' BLOCK', ['Version: GnuPG v2', '', ...BODY, '=nJd2']);
const TRUNCATED = `-----BEGIN RSA${PRIVATE}-----\n${BODY.slice(0, 2).join('\n')}`;

const K = (text: string, secrets: string[], keeps?: string[]): Positive => ({ text, secrets, kind: 'private_key', label: '[private key removed]', keeps });

const POSITIVE: Positive[] = [
  K(`Here is the deploy key, please check it:\n${RSA}\nThanks`, [BODY[0]!, BODY[1]!, BODY[2]!], ['please check it', 'Thanks']),
  K(`my ssh key\n${OPENSSH}`, BODY),
  K(`${EC} is what the server shows`, BODY, ['is what the server shows']),
  K(`pkcs8:\n${PKCS8}`, BODY),
  K(`encrypted one: ${ENCRYPTED}`, BODY),
  K(`gpg export below\n${PGP}\nregards`, [...BODY, 'GnuPG'], ['regards']),
  K(`it got cut off:\n${TRUNCATED}\nCan you help?`, BODY.slice(0, 2), ['Can you help?']),
];

const NEGATIVE = [
  `-----BEGIN PUBLIC KEY-----\n${BODY[0]}\n-----END PUBLIC KEY-----`,
  `-----BEGIN CERTIFICATE-----\n${BODY[0]}\n-----END CERTIFICATE-----`,
  'My private key is on my old laptop, how do I move it?',
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl ada@laptop',
  'Do you support PRIVATE KEY files in the import?',
  'The BEGIN and END lines are missing from my export',
];

describe('private keys', () => {
  for (const c of POSITIVE) test(`removes: ${title(c.text)}`, () => void assertRedacted(c));
  for (const text of NEGATIVE) test(`keeps: ${title(text)}`, () => assertUntouched(text));
});
