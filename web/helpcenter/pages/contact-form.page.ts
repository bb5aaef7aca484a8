import { html } from '../html.ts';
import { layout, type Site } from '../layout.ts';
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
export function contactFormPage(site: Site, d: ContactFormData): string {
  const content = html`<h1>Contact support</h1>
<p class="lead">Topic: <strong>${d.topicLabel}</strong> · <a href="${d.changeHref}">Change topic</a></p>
${d.suggestions.length > 0 ? html`<aside class="before-you-send" aria-label="Articles that may help">${suggestionsRegion(d.suggestions, true)}</aside>` : ''}
${errorSummary(d.fields, d.general)}
<form class="contact-form" method="post" action="/contact">
  <input type="hidden" name="_csrf" value="${d.csrfToken}">
  <input type="hidden" name="cs" value="${d.contactSession}">
  <input type="hidden" name="category" value="${d.topic}">
  <div class="hp" aria-hidden="true">
    <label for="field-website">Leave this field empty</label>
    <input id="field-website" name="website" type="text" tabindex="-1" autocomplete="off">
  </div>
  ${d.fields.map(fieldHtml)}
  <p class="note">We will never ask for your master password, recovery codes or card number. Please don’t send them.</p>
  <button type="submit">Send request</button>
</form>`;
  return layout(site, { locale: 'en', title: 'Contact support', description: 'Send your request to our support team.', canonicalPath: '/contact', noindex: true }, content);
}
