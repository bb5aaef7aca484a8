import { describe, test } from 'node:test';
import { assertRedacted, assertUntouched, title, type Positive } from './test-kit.ts';

const R = (text: string, secrets: string[], keeps?: string[]): Positive => ({ text, secrets, kind: 'recovery_code', label: '[recovery code removed]', keeps });

const SEED_12 = 'abandon ability able about above absent absorb abstract absurd abuse access accident';
const SEED_24 = [
  'legal', 'winner', 'thank', 'year', 'wave', 'sausage', 'worth', 'useful', 'legal', 'winner', 'thank', 'yellow',
  'orbit', 'train', 'guitar', 'fossil', 'crane', 'rival', 'humble', 'spoon', 'velvet', 'drift', 'planet', 'motion',
];

const POSITIVE: Positive[] = [
  R('Here are my recovery codes: A1B2-C3D4 E5F6-G7H8 J9K1-L2M3 in case you need them', ['A1B2-C3D4', 'E5F6-G7H8', 'J9K1-L2M3'], ['in case you need them']),
  R('backup codes:\n1. 12345678\n2. 23456789\n3. 34567890\nThanks!', ['12345678', '23456789', '34567890'], ['Thanks!']),
  R('my GitHub recovery codes are 4f3a2-9bc81, 7de10-3ab44 and 0c9e1-55d2a', ['4f3a2-9bc81', '7de10-3ab44', '0c9e1-55d2a']),
  R('Recovery key: 123456-234567-345678-456789-567890-678901-789012-890123', ['123456-234567-345678-456789-567890-678901-789012-890123']),
  R('Secret Key: A3-ASWWYB-798JRY-LJVD4-23DC2-86TVM-H43EB from my emergency kit', ['A3-ASWWYB-798JRY-LJVD4-23DC2-86TVM-H43EB'], ['from my emergency kit']),
  R('2FA backup codes: 1234 5678, 2345 6789', ['1234 5678', '2345 6789']),
  R('the recovery code is abcd efgh ijkl mnop, I copied it from the app', ['abcd efgh ijkl mnop'], ['I copied it from the app']),
  R('My Emergency Kit says A3-K2L9QX-MM7TZR-8ZR3P-J5D6K-W2Q8N-Z4T7H', ['A3-K2L9QX-MM7TZR-8ZR3P-J5D6K-W2Q8N-Z4T7H']),
  R('Apple recovery key (from the sheet): ABCD-EFGH-JKLM-NPQR-STUV-WXYZ-2345', ['ABCD-EFGH-JKLM-NPQR-STUV-WXYZ-2345']),
  R(`my seed phrase is ${SEED_12}, please help`, [SEED_12, 'absurd abuse'], ['please help']),
  R(`Recovery phrase:\n${SEED_24.map((w, i) => `${i + 1}. ${w}`).join('\n')}\n\nCan you restore my wallet?`, SEED_24.slice(0, 8).map((w) => `. ${w}`), ['Can you restore my wallet?']),
];

const NEGATIVE = [
  'I lost my recovery codes when my phone died',
  'Where do I find my backup codes?',
  "my recovery code doesn't work anymore",
  'The recovery codes were sent to +1 415 555 0132 by SMS',
  'Is the recovery key 28 characters long?',
  'my recovery phrase is lost and I cannot find it anywhere in my house please help me',
  'backup code: 2024-11-03 is when I generated them',
  'recovery codes for ticket CL-7KQ20M1X',
  'The secret key of the app is shown in the Emergency Kit.',
  'I printed the emergency kit: it is in a drawer at home',
  'Seed phrase backups are a good idea according to the docs I read last week before this happened',
];

describe('recovery codes and seed phrases', () => {
  for (const c of POSITIVE) test(`removes: ${title(c.text)}`, () => void assertRedacted(c));
  for (const text of NEGATIVE) test(`keeps: ${title(text)}`, () => assertUntouched(text));
});
