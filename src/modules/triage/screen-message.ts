import { redactHtml, redactText, type Finding } from './redaction/index.ts';

/** A message after screening: what may be stored, and what was removed from it. */
export type Screened = { subject: string | null; text: string; html: string; findings: Finding[] };

/**
 * Removes secrets from a message's subject, text and HTML: the one gate every message passes
 * before it is stored, indexed, logged or sent on. Findings name what was removed, never the secret.
 */
export function screenMessage(input: { subject?: string | null; text: string; html: string }): Screened {
  const subject = input.subject != null ? redactText(input.subject) : null;
  const text = redactText(input.text);
  const html = redactHtml(input.html);
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const f of [...(subject?.findings ?? []), ...text.findings, ...html.findings]) {
    const key = `${f.kind}:${f.label}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push(f);
  }
  return { subject: subject?.text ?? null, text: text.text, html: html.text, findings };
}
