import { html, raw, type Html } from '../html.ts';

/** One form field as the contact views show it: its question, the value typed so far, and its error. */
export type FieldView = {
  name: string;
  label: string;
  kind: 'text' | 'email' | 'textarea' | 'choice';
  max: number;
  required: boolean;
  hint?: string;
  options?: readonly string[];
  autocomplete?: string;
  value: string;
  error?: string;
};

/** An article the contact flow suggests; its link carries the contact session for the deflection funnel. */
export type ContactSuggestion = { title: string; href: string; snippet?: string };

/** The suggestions region: server-rendered results, replaced live by the script as the customer types. */
export function suggestionsRegion(suggestions: readonly ContactSuggestion[], searched: boolean): Html {
  const list = suggestions.length > 0
    ? html`<h2 id="contact-suggestions-title">These articles may answer your question</h2>
<ul class="suggestions">${suggestions.map((s) => html`<li><a href="${s.href}">${s.title}</a>${s.snippet ? html`<p>${raw(s.snippet)}</p>` : ''}</li>`)}</ul>`
    : searched ? html`<p>We found no article for that. Choose a topic below and tell us more.</p>` : '';
  return html`<section id="contact-suggestions" class="contact-suggestions" aria-live="polite">${list}</section>`;
}

/** A labelled input, textarea or radio group with its hint and error, wired with aria-describedby. */
export function fieldHtml(f: FieldView): Html {
  const id = `field-${f.name.replace(/_/g, '-')}`;
  const described = [f.hint ? `${id}-hint` : '', f.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const aria = html`${described ? html` aria-describedby="${described}"` : ''}${f.error ? raw(' aria-invalid="true"') : ''}`;
  const hint = f.hint ? html`<p class="hint" id="${id}-hint">${f.hint}</p>` : '';
  const error = f.error ? html`<p class="error" id="${id}-error">${f.error}</p>` : '';
  const req = f.required ? raw(' required') : '';
  if (f.kind === 'choice') {
    return html`<fieldset class="field${f.error ? ' invalid' : ''}" id="${id}"${described ? html` aria-describedby="${described}"` : ''}>
  <legend>${f.label}${f.required ? '' : ' (optional)'}</legend>${hint}${error}
  <div class="choices">${(f.options ?? []).map((o, i) => html`<label><input type="radio" name="${f.name}" value="${o}"${o === f.value ? raw(' checked') : ''}${i === 0 ? req : ''}> ${o}</label>`)}</div>
</fieldset>`;
  }
  const control = f.kind === 'textarea'
    ? html`<textarea id="${id}" name="${f.name}" rows="4" maxlength="${f.max}"${req}${aria}>${f.value}</textarea>`
    : html`<input id="${id}" name="${f.name}" type="${f.kind}" value="${f.value}" maxlength="${f.max}"${f.autocomplete ? html` autocomplete="${f.autocomplete}"` : ''}${req}${aria}>`;
  return html`<div class="field${f.error ? ' invalid' : ''}">
  <label for="${id}">${f.label}${f.required ? '' : ' (optional)'}</label>${hint}${error}
  ${control}
</div>`;
}

/** The list of problems at the top of a form that failed, each linking to its field. */
export function errorSummary(fields: readonly FieldView[], general?: string): Html {
  const bad = fields.filter((f) => f.error);
  if (bad.length === 0 && !general) return html``;
  return html`<div class="error-summary" role="alert" tabindex="-1" id="error-summary">
  <h2>There is a problem</h2>
  ${general ? html`<p>${general}</p>` : ''}
  <ul>${bad.map((f) => html`<li><a href="#field-${f.name.replace(/_/g, '-')}">${f.error}</a></li>`)}</ul>
</div>`;
}
