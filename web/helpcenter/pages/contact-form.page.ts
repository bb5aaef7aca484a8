import type { Locale } from '../../../src/modules/helpcenter/index.ts';
import { html } from '../html.ts';
import { contactStringsFor } from '../i18n-contact.ts';
import { layout, type Site } from '../layout.ts';
import { paths } from '../paths.ts';
import { errorSummary, fieldHtml, suggestionsRegion, type ContactSuggestion, type FieldView } from './contact-parts.ts';

/** The second step: the topic's questions, the hidden tokens, and what went wrong last time. */
export type ContactFormData = {
  topic: string;
  topicLabel: string;
  contactSession: string;
  csrfToken: string;
  fields: FieldView[];
  /** A problem with the whole form (an expired token), shown above the field errors. */
  general?: string;
  suggestions: ContactSuggestion[];
  changeHref: string;
};

/**
 * /contact, step two: the form of the chosen topic, posted without script. Carries the
 * double-submit CSRF token, the contact session and a honeypot field people never see.
 */
export function contactFormPage(site: Site, locale: Locale, d: ContactFormData): string {
  const c = contactStringsFor(locale);
  const content = html`<h1>${c.title}</h1>
<p class="lead">${c.topic}: <strong>${d.topicLabel}</strong> · <a href="${d.changeHref}">${c.changeTopic}</a></p>
${d.suggestions.length > 0 ? html`<aside class="before-you-send" aria-label="${c.maybeHelpful}">${suggestionsRegion(locale, d.suggestions, true)}</aside>` : ''}
${errorSummary(locale, d.fields, d.general)}
<form class="contact-form" method="post" action="${paths.contact(locale)}">
  <input type="hidden" name="_csrf" value="${d.csrfToken}">
  <input type="hidden" name="cs" value="${d.contactSession}">
  <input type="hidden" name="category" value="${d.topic}">
  <div class="hp" aria-hidden="true">
    <label for="field-website">${c.honeypot}</label>
    <input id="field-website" name="website" type="text" tabindex="-1" autocomplete="off">
  </div>
  ${d.fields.map((f) => fieldHtml(locale, f))}
  <p class="note">${c.neverAsk}</p>
  <button type="submit">${c.send}</button>
</form>`;
  return layout(site, { locale, title: c.title, description: c.formDescription, canonicalPath: paths.contact(locale), noindex: true }, content);
}
