import { describe, test } from 'node:test';
import { assertRedacted, assertUntouched, title, type Positive } from './test-kit.ts';

const T = (text: string, secret: string, keeps?: string[]): Positive => ({ text, secrets: [secret], kind: 'totp_seed', label: '[TOTP secret removed]', keeps });

const URI = 'otpauth://totp/Vaultly:ada@example.org?secret=JBSWY3DPEHPK3PXP&issuer=Vaultly&digits=6';
const HOTP = 'otpauth://hotp/Acme:bob?secret=GEZDGNBVGY3TQOJQ&counter=3';
const MIGRATION = 'otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGGFkYUBleGFtcGxlLm9yZxoHVmF1bHRseSABKAEwAhABGAEgAA%3D%3D';

const POSITIVE: Positive[] = [
  T(`The QR code decodes to ${URI} if that helps`, URI, ['if that helps']),
  T(`hardware token uri ${HOTP}`, HOTP),
  T('my 2FA secret is JBSWY3DPEHPK3PXP, the codes never match', 'JBSWY3DPEHPK3PXP', ['the codes never match']),
  T('Google showed the setup key: jbsw y3dp ehpk 3pxp and I typed it in', 'jbsw y3dp ehpk 3pxp', ['and I typed it in']),
  T('Authenticator key = GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'),
  T('TOTP seed JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP, can you reset it?', 'JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP', ['can you reset it?']),
  T(`exported from Google Authenticator: ${MIGRATION}`, MIGRATION),
  T('secret: KRSXG5CTMVRXEZLUKN2XAZLSNF2GK43U', 'KRSXG5CTMVRXEZLUKN2XAZLSNF2GK43U'),
];

const NEGATIVE = [
  "It's no secret that the app has been slow lately",
  'The secret ingredient is patience',
  'That is a top secret responsibilities list',
  'What is a setup key and where do I find it?',
  'The codes from the authenticator app do not match the website',
  'the secret is out: you are launching passkeys',
  'Where do I paste the 2FA key?',
];

describe('TOTP seeds', () => {
  for (const c of POSITIVE) test(`removes: ${title(c.text)}`, () => void assertRedacted(c));
  for (const text of NEGATIVE) test(`keeps: ${title(text)}`, () => assertUntouched(text));
});
