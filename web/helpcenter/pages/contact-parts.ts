import type { Locale } from '../../../src/modules/helpcenter/index.ts';
import { html, raw, type Html } from '../html.ts';
import { contactStringsFor } from '../i18n-contact.ts';

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
export type ContactSuggestion = { title: string; href: string; snippet?: string; lang?: Locale };

/** The suggestions region: server-rendered results, replaced live by the script as the customer types. */
export function suggestionsRegion(locale: Locale, suggestions: readonly ContactSuggestion[], searched: boolean): Html {
  const c = contactStringsFor(locale);
  const list = suggestions.length > 0
    ? html`<h2 id="contact-suggestions-title">${c.suggestionsTitle}</h2>
<ul class="suggestions">${suggestions.map((s) => html`<li${s.lang ? html` lang="${s.lang}"` : ''}><a href="${s.href}">${s.title}</a>${s.snippet ? html`<p>${raw(s.snippet)}</p>` : ''}</li>`)}</ul>`
    : searched ? html`<p>${c.noSuggestions}</p>` : '';
  return html`<section id="contact-suggestions" class="contact-suggestions" aria-live="polite" data-heading="${c.suggestionsTitle}" data-none="${c.noSuggestions}">${list}</section>`;
}

/** A labelled input, textarea or radio group with its hint and error, wired with aria-describedby. */
export function fieldHtml(locale: Locale, f: FieldView): Html {
  const c = contactStringsFor(locale);
  const id = `field-${f.name.replace(/_/g, '-')}`;
  const described = [f.hint ? `${id}-hint` : '', f.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const aria = html`${described ? html` aria-describedby="${described}"` : ''}${f.error ? raw(' aria-invalid="true"') : ''}`;
  const hint = f.hint ? html`<p class="hint" id="${id}-hint">${f.hint}</p>` : '';
  const error = f.error ? html`<p class="error" id="${id}-error">${f.error}</p>` : '';
  const req = f.required ? raw(' required') : '';
  const optional = f.required ? '' : ` ${c.optional}`;
  if (f.kind === 'choice') {
    return html`<fieldset class="field${f.error ? ' invalid' : ''}" id="${id}"${described ? html` aria-describedby="${described}"` : ''}>
  <legend>${f.label}${optional}</legend>${hint}${error}
  <div class="choices">${(f.options ?? []).map((o, i) => html`<label><input type="radio" name="${f.name}" value="${o}"${o === f.value ? raw(' checked') : ''}${i === 0 ? req : ''}> ${c.options[o] ?? o}</label>`)}</div>
</fieldset>`;
  }
  const control = f.kind === 'textarea'
    ? html`<textarea id="${id}" name="${f.name}" rows="4" maxlength="${f.max}"${req}${aria}>${f.value}</textarea>`
    : html`<input id="${id}" name="${f.name}" type="${f.kind}" value="${f.value}" maxlength="${f.max}"${f.autocomplete ? html` autocomplete="${f.autocomplete}"` : ''}${req}${aria}>`;
  return html`<div class="field${f.error ? ' invalid' : ''}">
  <label for="${id}">${f.label}${optional}</label>${hint}${error}
  ${control}
</div>`;
}

/** The list of problems at the top of a form that failed, each linking to its field. */
export function errorSummary(locale: Locale, fields: readonly FieldView[], general?: string): Html {
  const bad = fields.filter((f) => f.error);
  if (bad.length === 0 && !general) return html``;
  return html`<div class="error-summary" role="alert" tabindex="-1" id="error-summary">
  <h2>${contactStringsFor(locale).problem}</h2>
  ${general ? html`<p>${general}</p>` : ''}
  <ul>${bad.map((f) => html`<li><a href="#field-${f.name.replace(/_/g, '-')}">${f.error}</a></li>`)}</ul>
</div>`;
}
