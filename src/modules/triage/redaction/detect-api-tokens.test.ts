import { describe, test } from 'node:test';
import { assertRedacted, assertUntouched, title, type Positive } from './test-kit.ts';

// Token-shaped test values are assembled at run time so that secret scanners on the repository
// do not mistake this file for a leak. None of them is a real credential.
const body = (n: number) => 'a1B2c3D4e5F6g7H8i9J0'.repeat(10).slice(0, n);
const GITHUB = ['ghp', body(36)].join('_');
const GITHUB_PAT = ['github', 'pat', `11ABCDEFG0${body(12)}`, body(59)].join('_');
const SLACK = ['xox' + 'b', '1234567890', '1234567890123', body(24)].join('-');
const STRIPE = ['sk', 'live', body(24)].join('_');
const GOOGLE = 'AI' + 'za' + 'Sy' + body(33);
const OPENAI = ['sk', 'proj', body(48)].join('-');
const AWS_ID = 'AK' + 'IA' + 'IOSFODNN7EXAMPLE';
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const JWT = ['eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9', 'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkFkYSJ9', 'dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'].join('.');
const CARELINE = ['clt', 'Xy3_' + body(39)].join('_');
const GENERIC = 'f8e2c91ab04d4e6fa7b1c35d92e0a6b4';
// The shortest each format allows: the quick check for a long enough run must still let them through.
const SLACK_SHORTEST = ['xox' + 'p', body(10)].join('-');
const JWT_SHORTEST = ['eyJ' + body(5), 'eyJ' + body(2), ''].join('.');

const A = (text: string, secret: string, keeps?: string[]): Positive => ({ text, secrets: [secret], kind: 'api_token', label: '[API token removed]', keeps });

const POSITIVE: Positive[] = [
  A(`our CI uses ${AWS_ID} for the backup bucket`, AWS_ID, ['for the backup bucket']),
  A(`aws_secret_access_key = ${AWS_SECRET}`, AWS_SECRET),
  A(`I pasted ${GITHUB} into the integration and it failed`, GITHUB, ['and it failed']),
  A(`new fine-grained token ${GITHUB_PAT}`, GITHUB_PAT),
  A(`Slack bot token is ${SLACK} if you need it`, SLACK, ['if you need it']),
  A(`our Stripe key ${STRIPE} was rejected`, STRIPE, ['was rejected']),
  A(`maps key ${GOOGLE}`, GOOGLE),
  A(`OPENAI_API_KEY=${OPENAI}`, OPENAI),
  A(`the session cookie holds ${JWT}; is that normal?`, JWT, ['is that normal?']),
  A(`Careline token ${CARELINE} stopped working`, CARELINE, ['stopped working']),
  A(`api key: ${GENERIC} for the staging workspace`, GENERIC, ['for the staging workspace']),
  A(`curl -H "Authorization: Bearer ${GENERIC}" fails`, GENERIC, ['fails']),
  A(`{"api_key": "${GENERIC}"}`, GENERIC),
  A(`old token ${SLACK_SHORTEST} still works`, SLACK_SHORTEST, ['still works']),
  A(`the header was ${JWT_SHORTEST} and nothing else`, JWT_SHORTEST, ['and nothing else']),
];

const NEGATIVE = [
  'I need an API key for the Zapier integration',
  'the token expired yesterday and the key icon is grey',
  'The config uses key: value pairs',
  'See commit 3f786850e387550fdab836ed7e6dc881de23001b for the fix',
  'Bearer token authentication fails with 401',
  'api key: abcdefghijklmnopqrstuvwxyz (placeholder from the docs)',
  'sk-learn is a machine learning library',
  'token: 12345',
  'What does AKIA mean in the AWS console?',
];

describe('API tokens', () => {
  for (const c of POSITIVE) test(`removes: ${title(c.text)}`, () => void assertRedacted(c));
  for (const text of NEGATIVE) test(`keeps: ${title(text)}`, () => assertUntouched(text));
});
