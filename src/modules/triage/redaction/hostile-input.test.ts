import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { redactFilename, redactHtml, redactText } from './index.ts';
import type { Redaction } from './index.ts';

/**
 * Every detector must stay linear on hostile input (no catastrophic backtracking). The budget is
 * on CPU time, which backtracking burns and which other processes on a busy machine do not
 * inflate; wall time is printed beside it. Both are generous so CI does not flake. Detectors
 * are warmed up first, as in a running server: V8 interprets a regex on its first run and
 * compiles it afterwards, a one-time cost that is not what these tests are about.
 */
const BUDGET_MS = 1000;

/** Deterministic pseudo-random characters from `alphabet`. */
function noise(length: number, alphabet: string, seed = 7): string {
  let x = seed;
  let out = '';
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out += alphabet[x % alphabet.length];
  }
  return out;
}

const KB = 1024;
const MB = 1024 * KB;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

const INPUTS: { name: string; input: () => string; redact?: (s: string) => Redaction }[] = [
  { name: '1 MB of whitespace', input: () => ' \t\n  \r\n'.repeat(MB / 7) },
  { name: '1 MB of digits and spaces', input: () => noise(MB, '0123456789012345678901234567890123456789 ') },
  { name: '200 KB of "password is "', input: () => 'password is '.repeat((200 * KB) / 12) },
  { name: '100 KB of base32-like text', input: () => noise(100 * KB, BASE32 + BASE32 + '  ') },
  { name: '1 MB of "4242 " (a card every four groups)', input: () => '4242 '.repeat(MB / 5) },
  { name: '1 MB of one digit run', input: () => '4'.repeat(MB) },
  { name: '"password" then 1 MB of spaces', input: () => `password${' '.repeat(MB)}` },
  { name: '200 KB of BEGIN lines with no END', input: () => '-----BEGIN RSA PRIVATE KEY-----\n'.repeat((200 * KB) / 32) },
  { name: '200 KB of JWT-like prefixes', input: () => 'eyJa.eyJb.'.repeat((200 * KB) / 10) },
  { name: '200 KB of "recovery codes: "', input: () => 'recovery codes: '.repeat((200 * KB) / 16) },
  { name: '"secret: " then 100 KB of base32 groups', input: () => `secret: ${noise(100 * KB, BASE32.repeat(4) + ' ')}` },
  { name: '"seed phrase: " then 100 KB of words', input: () => `seed phrase: ${'abandon '.repeat((100 * KB) / 8)}` },
  { name: '200 KB of unclosed quotes after "password is"', input: () => 'password is "'.repeat((200 * KB) / 13) },
  { name: '100 KB of IBAN starts', input: () => 'DE89 '.repeat((100 * KB) / 5) },
  { name: '1 MB of HTML with tags and entities', input: () => '<p>4242 <b>4242</b>&nbsp;&amp; password is <i>x</i></p>'.repeat(MB / 56), redact: redactHtml },
  { name: '100 KB file name of digits and dashes', input: () => noise(100 * KB, '0123456789-_'), redact: redactFilename },
];

describe('hostile input stays linear', () => {
  redactText('warm-up: card 4242 4242 4242 4242, password: x1, recovery codes: A1B2-C3D4, secret: JBSWY3DPEHPK3PXP, DE89 3704 0044 0532 0130 00');
  redactHtml('<p>warm-up: my password is <b>x1</b></p>');

  for (const { name, input, redact = redactText } of INPUTS) {
    test(name, (t) => {
      const text = input();
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      const r = redact(text);
      const wallMs = performance.now() - started;
      const cpu = process.cpuUsage(cpuBefore);
      const cpuMs = (cpu.user + cpu.system) / 1000;
      const line = `${name}: ${(text.length / KB).toFixed(0)} KB, ${cpuMs.toFixed(1)} ms CPU, ${wallMs.toFixed(1)} ms wall, ${r.findings.length} findings`;
      t.diagnostic(line);
      console.log(`  ${line}`);
      assert.ok(cpuMs < BUDGET_MS, `${name} took ${cpuMs.toFixed(0)} ms of CPU`);
      assert.ok(wallMs < 5 * BUDGET_MS, `${name} took ${wallMs.toFixed(0)} ms`);
    });
  }
});
