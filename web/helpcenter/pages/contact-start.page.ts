import { html, raw } from '../html.ts';
import { layout, type Site } from '../layout.ts';
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
 * /contact, step one: "What do you need help with?" Matching articles appear as the customer
 * types (script) or after "Find answers" (no script); "Continue" leads to the topic's form.
 */
export function contactStartPage(site: Site, d: ContactStartData): string {
  const topicField: FieldView = { name: 'category', label: 'Choose a topic', kind: 'choice', max: 20, required: true, value: d.topic, ...(d.topicError ? { error: d.topicError } : {}) };
  const content = html`<h1>Contact support</h1>
<p class="lead">Tell us what you need help with. We will show articles that may answer it right away; if they don’t, send us your request.</p>
${errorSummary([d.question, topicField])}
<form class="contact-start" method="get" action="/contact">
  <input type="hidden" name="cs" value="${d.contactSession}">
  <div class="field${d.question.error ? ' invalid' : ''}">
    <label for="field-q">${d.question.label}</label>
    ${d.question.error ? html`<p class="error" id="field-q-error">${d.question.error}</p>` : ''}
    <div class="search-row">
      <input id="field-q" name="q" type="text" value="${d.question.value}" maxlength="${d.question.max}" autocomplete="off" data-contact-suggest data-contact-session="${d.contactSession}"${d.question.error ? raw(' aria-invalid="true" aria-describedby="field-q-error"') : ''}>
      <button type="submit" name="step" value="answers" class="secondary">Find answers</button>
    </div>
  </div>
  ${suggestionsRegion(d.suggestions, d.searched)}
  <fieldset class="field topics${d.topicError ? ' invalid' : ''}" id="field-category"${d.topicError ? raw(' aria-describedby="field-category-error"') : ''}>
    <legend>Still need help? Choose a topic</legend>
    ${d.topicError ? html`<p class="error" id="field-category-error">${d.topicError}</p>` : ''}
    <div class="choices">${d.topics.map((t) => html`<label><input type="radio" name="category" value="${t.key}"${t.key === d.topic ? raw(' checked') : ''}> ${t.label}</label>`)}</div>
  </fieldset>
  <button type="submit" name="step" value="details">Continue</button>
</form>`;
  return layout(site, { locale: 'en', title: 'Contact support', description: 'Ask our support team for help: find answers right away or send us your request.', canonicalPath: '/contact' }, content);
}
