import type { Locale } from '../../../src/modules/helpcenter/index.ts';
import { html, raw } from '../html.ts';
import { contactStringsFor } from '../i18n-contact.ts';
import { layout, type Site } from '../layout.ts';
import { paths } from '../paths.ts';
import { errorSummary, suggestionsRegion, type ContactSuggestion, type FieldView } from './contact-parts.ts';

/** The first step: the question (with suggestions) and the topics to choose from. */
export type ContactStartData = {
  contactSession: string;
  question: FieldView;
  topics: Array<{ key: string; label: string }>;
  topic: string;
  topicError?: string;
  suggestions: ContactSuggestion[];
  searched: boolean;
};

/**
 * /contact (and /de/contact), step one: "What do you need help with?" Matching articles appear
 * as the customer types (script) or after "Find answers" (no script); "Continue" leads to the topic's form.
 */
export function contactStartPage(site: Site, locale: Locale, d: ContactStartData): string {
  const c = contactStringsFor(locale);
  const action = paths.contact(locale);
  const topicField: FieldView = { name: 'category', label: c.chooseTopic, kind: 'choice', max: 20, required: true, value: d.topic, ...(d.topicError ? { error: d.topicError } : {}) };
  const content = html`<h1>${c.title}</h1>
<p class="lead">${c.startLead}</p>
${errorSummary(locale, [d.question, topicField])}
<form class="contact-start" method="get" action="${action}">
  <input type="hidden" name="cs" value="${d.contactSession}">
  <div class="field${d.question.error ? ' invalid' : ''}">
    <label for="field-q">${d.question.label}</label>
    ${d.question.error ? html`<p class="error" id="field-q-error">${d.question.error}</p>` : ''}
    <div class="search-row">
      <input id="field-q" name="q" type="text" value="${d.question.value}" maxlength="${d.question.max}" autocomplete="off" data-contact-suggest data-contact-session="${d.contactSession}" data-contact-locale="${locale}" data-contact-path="${action}"${d.question.error ? raw(' aria-invalid="true" aria-describedby="field-q-error"') : ''}>
      <button type="submit" name="step" value="answers" class="secondary">${c.findAnswers}</button>
    </div>
  </div>
  ${suggestionsRegion(locale, d.suggestions, d.searched)}
  <fieldset class="field topics${d.topicError ? ' invalid' : ''}" id="field-category"${d.topicError ? raw(' aria-describedby="field-category-error"') : ''}>
    <legend>${c.chooseTopic}</legend>
    ${d.topicError ? html`<p class="error" id="field-category-error">${d.topicError}</p>` : ''}
    <div class="choices">${d.topics.map((t) => html`<label><input type="radio" name="category" value="${t.key}"${t.key === d.topic ? raw(' checked') : ''}> ${t.label}</label>`)}</div>
  </fieldset>
  <button type="submit" name="step" value="details">${c.continue}</button>
</form>`;
  return layout(site, {
    locale, title: c.title, description: c.startDescription, canonicalPath: action, switchPath: paths.contact(locale === 'en' ? 'de' : 'en'),
    alternates: [{ hreflang: 'en', path: paths.contact('en') }, { hreflang: 'de', path: paths.contact('de') }],
  }, content);
}
