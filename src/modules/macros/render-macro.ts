import { badRequest } from '../../kernel/errors.ts';

/** The placeholders a macro body may use, as agents type them: {{customer.first_name}}. */
export const PLACEHOLDERS = ['customer.first_name', 'customer.name', 'customer.email', 'ticket.reference', 'ticket.subject', 'agent.first_name', 'agent.name'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** `{{ name }}` or `{{ name | fallback }}`: the fallback stands in when the value is unknown. */
const PATTERN = /\{\{\s*([a-z_.]+)\s*(?:\|\s*([^{}]*?)\s*)?\}\}/g;

/** Throws a validation error naming the placeholders a body uses that do not exist. */
export function checkPlaceholders(body: string): void {
  const unknown = [...body.matchAll(PATTERN)].map((m) => m[1]!).filter((name) => !(PLACEHOLDERS as readonly string[]).includes(name));
  if (unknown.length) {
    throw badRequest(`Unknown placeholder ${[...new Set(unknown)].map((u) => `{{${u}}}`).join(', ')}; use ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}`, { body: 'unknown placeholder' });
  }
}

export type MacroContext = {
  customer: { name: string | null; email: string | null };
  ticket: { reference: string; subject: string };
  agent: { name: string } | null;
};

const firstName = (name: string | null | undefined): string | null => name?.trim().split(/\s+/)[0] || null;

function valueOf(name: Placeholder, c: MacroContext): string | null {
  switch (name) {
    case 'customer.first_name': return firstName(c.customer.name);
    case 'customer.name': return c.customer.name?.trim() || null;
    case 'customer.email': return c.customer.email;
    case 'ticket.reference': return c.ticket.reference;
    case 'ticket.subject': return c.ticket.subject;
    case 'agent.first_name': return firstName(c.agent?.name);
    case 'agent.name': return c.agent?.name ?? null;
  }
}

/**
 * Fills a macro body's placeholders with the ticket's values as plain text. Callers that show
 * it as HTML escape the whole result (textToHtml): a customer named `<img onerror>` stays text.
 * @example renderMacro('Hi {{customer.first_name | there}},', ctx) // 'Hi Anna,'
 */
export function renderMacro(body: string, context: MacroContext): string {
  return body.replace(PATTERN, (whole, name: string, fallback: string | undefined) => {
    if (!(PLACEHOLDERS as readonly string[]).includes(name)) return whole;
    return valueOf(name as Placeholder, context) ?? fallback ?? '';
  });
}
