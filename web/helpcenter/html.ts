// The one escaping helper of the help-center views: `html` is a tagged template that escapes
// every interpolated value unless it is already `Html` (a nested template or `raw()` markup).

/** Markup a template inserts as is: the result of `html` or `raw()`. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** A value a template may interpolate. */
export type Slot = Html | string | number | boolean | null | undefined | readonly Slot[];

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

function render(value: Slot): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return (value as readonly Slot[]).map(render).join('');
  return escapeHtml(String(value as string | number | boolean));
}

/**
 * Builds markup from a template, escaping every interpolation that is not already Html.
 * Arrays are joined; null, undefined and false render nothing.
 * @example html`<p class="${cls}">${userText}</p>`  // userText cannot inject markup
 */
export function html(strings: TemplateStringsArray, ...values: Slot[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1]!;
  return new Html(out);
}

/** Marks markup as safe to insert unescaped: only for HTML sanitized elsewhere (article bodies, search snippets). */
export function raw(markup: string): Html {
  return new Html(markup);
}
