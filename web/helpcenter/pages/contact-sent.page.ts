import type { Locale } from '../../../src/modules/helpcenter/index.ts';
import { html } from '../html.ts';
import { contactStringsFor } from '../i18n-contact.ts';
import { layout, type Site } from '../layout.ts';
import { paths } from '../paths.ts';
import { SECRET_NOTICE } from '../../../src/modules/triage/index.ts';

/**
 * /contact/sent: the reference of the new request and what happens next; when screening
 * removed a secret from it, the customer is told here that support never needs one.
 */
export function contactSentPage(site: Site, locale: Locale, reference: string, secretsRemoved = false): string {
  const c = contactStringsFor(locale);
  const notice = secretsRemoved ? html`<p class="notice" role="alert"><strong>${c.secretNotice ?? SECRET_NOTICE}</strong></p>` : html``;
  const content = html`<div class="message">
<h1>${c.sentTitle}</h1>
<p class="lead">${c.sentLead} <strong class="reference">${reference}</strong>.</p>
${notice}
<h2>${c.nextSteps}</h2>
<ol>${c.sentSteps(reference).map((step) => html`\n  <li>${step}</li>`)}
</ol>
<p><a href="${paths.home(locale)}">${c.backHome}</a></p>
</div>`;
  return layout(site, { locale, title: c.sentTitle, description: c.sentDescription, canonicalPath: paths.contact(locale), noindex: true }, content);
}
