import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/email/', import.meta.url));

/** A fixture from test/fixtures/email/ as raw bytes, with `{{name}}` placeholders filled in. */
export function fixture(name: string, vars: Record<string, string> = {}): Buffer {
  let raw = readFileSync(`${FIXTURES}${name}`);
  for (const [key, value] of Object.entries(vars)) raw = Buffer.from(raw.toString('latin1').split(`{{${key}}}`).join(value), 'latin1');
  return raw;
}

/** A small RFC 5322 message for tests: plain text, headers as given. */
export function buildEmail(over: { from?: string; to?: string; subject?: string; messageId?: string; body?: string; headers?: Record<string, string> } = {}): Buffer {
  const headers: Record<string, string> = {
    From: over.from ?? 'Test Sender <sender@customer.example>',
    To: over.to ?? 'support@example.com',
    Subject: over.subject ?? 'Help with my vault',
    'Message-ID': `<${over.messageId ?? `${Math.random().toString(36).slice(2)}@customer.example`}>`,
    'MIME-Version': '1.0',
    'Content-Type': 'text/plain; charset=utf-8',
    ...over.headers,
  };
  const head = Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\r\n');
  return Buffer.from(`${head}\r\n\r\n${(over.body ?? 'My vault does not open.').replace(/\r?\n/g, '\r\n')}\r\n`);
}
