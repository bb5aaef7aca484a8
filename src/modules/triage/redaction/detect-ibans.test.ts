import { describe, test } from 'node:test';
import { assertRedacted, assertUntouched, title, type Positive } from './test-kit.ts';

const I = (text: string, secret: string, last4: string, keeps?: string[]): Positive => ({ text, secrets: [secret], kind: 'iban', label: `[IBAN ending ${last4} removed]`, keeps });

const POSITIVE: Positive[] = [
  I('Please refund to DE89 3704 0044 0532 0130 00, thanks!', 'DE89 3704 0044 0532 0130 00', '3000', ['thanks!']),
  I('My UK account: GB29NWBK60161331926819', 'GB29NWBK60161331926819', '6819'),
  I('IBAN FR14 2004 1010 0505 0001 3M02 606 (La Banque Postale)', 'FR14 2004 1010 0505 0001 3M02 606', '2606', ['(La Banque Postale)']),
  I('pay it back to NL91ABNA0417164300 please', 'NL91ABNA0417164300', '4300', ['please']),
  I('La cuenta es ES91 2100 0418 4502 0005 1332.', 'ES91 2100 0418 4502 0005 1332', '1332'),
  I('il mio IBAN è IT60 X054 2811 1010 0000 0123 456', 'IT60 X054 2811 1010 0000 0123 456', '3456'),
  I('Belgian account be68 5390 0754 7034 for the refund', 'be68 5390 0754 7034', '7034', ['for the refund']),
  I('CH93 0076 2011 6238 5295 7 and that is all', 'CH93 0076 2011 6238 5295 7', '2957', ['and that is all']),
  I('Konto AT61 1904 3002 3457 3201', 'AT61 1904 3002 3457 3201', '3201'),
  I('Norwegian NO93 8601 1117 947', 'NO93 8601 1117 947', '7947'),
];

const NEGATIVE = [
  'Refund to DE88 3704 0044 0532 0130 00 please (typo in check digits)',
  'ZZ12 3456 7890 1234 5678 90 is not a country',
  'DE89 3704 0044 0532 0130 0012 has too many digits',
  'My ticket is CL-7KQ20M1X',
  'AB12 test unit failed',
  'DE89 3704 is only the start',
  'Model GB29 is on sale',
];

describe('IBANs', () => {
  for (const c of POSITIVE) test(`removes: ${title(c.text)}`, () => void assertRedacted(c));
  for (const text of NEGATIVE) test(`keeps: ${title(text)}`, () => assertUntouched(text));
});
