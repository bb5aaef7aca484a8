// Helpers for the redaction tests (not a test file itself). Each case is a real-sounding
// customer sentence; a positive case names the secrets that must be gone afterwards.
import assert from 'node:assert/strict';
import { redactText } from './index.ts';
import type { Redaction, SecretKind } from './index.ts';

/** A sentence holding secrets of one kind, what must be gone, and what must stay. */
export type Positive = {
  text: string;
  secrets: string[];
  kind: SecretKind;
  /** The placeholder expected in the output, when the case pins it. */
  label?: string;
  /** Text around the secret that must survive (the secret must not eat the sentence). */
  keeps?: string[];
};

/** Redacts `c.text` and checks that every secret is gone, every finding is of `c.kind` and its placeholder is in place. */
export function assertRedacted(c: Positive, redact: (s: string) => Redaction = redactText): Redaction {
  const r = redact(c.text);
  for (const secret of c.secrets) {
    assert.ok(!r.text.includes(secret), `secret ${JSON.stringify(secret)} survived in ${JSON.stringify(r.text)}`);
    for (const f of r.findings) assert.ok(!f.label.includes(secret), `label ${f.label} leaks ${secret}`);
  }
  assert.ok(r.findings.length > 0, `nothing found in ${JSON.stringify(c.text)}`);
  for (const f of r.findings) {
    assert.equal(f.kind, c.kind, `${JSON.stringify(c.text)} gave ${f.kind}: ${r.text}`);
    assert.ok(r.text.includes(f.label), `label ${f.label} missing from ${r.text}`);
  }
  if (c.label !== undefined) assert.ok(r.text.includes(c.label), `expected ${c.label} in ${r.text}`);
  for (const kept of c.keeps ?? []) assert.ok(r.text.includes(kept), `${JSON.stringify(kept)} was lost from ${JSON.stringify(r.text)}`);
  return r;
}

/** Checks that `text` comes back unchanged, with no findings. */
export function assertUntouched(text: string, redact: (s: string) => Redaction = redactText): void {
  const r = redact(text);
  assert.deepEqual(r.findings, [], `false positive in ${JSON.stringify(text)}: ${r.text}`);
  assert.equal(r.text, text);
}

/** Short name for a case in the test list. */
export function title(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 70 ? `${flat.slice(0, 67)}...` : flat;
}
