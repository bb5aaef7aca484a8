import { html } from '../html.ts';
import { layout, type Site } from '../layout.ts';
import { SECRET_NOTICE } from '../../../src/modules/triage/index.ts';

/**
 * /contact/sent: the reference of the new request and what happens next; when screening
 * removed a secret from it, the customer is told here that support never needs one.
 */
export function contactSentPage(site: Site, reference: string, secretsRemoved = false): string {
  const notice = secretsRemoved ? html`<p class="notice" role="alert"><strong>${SECRET_NOTICE}</strong></p>` : html``;
  const content = html`<div class="message">
<h1>We received your request</h1>
<p class="lead">Your reference is <strong class="reference">${reference}</strong>.</p>
${notice}
<h2>What happens next</h2>
<ol>
  <li>We sent a confirmation with this reference to your email address.</li>
  <li>A member of our support team reads your request and replies by email, usually within one business day. Security problems are handled first.</li>
  <li>To add details, reply to our email and keep <strong>${reference}</strong> in the subject.</li>
</ol>
<p><a href="/help">Back to the Help Center</a></p>
</div>`;
  return layout(site, { locale: 'en', title: 'We received your request', description: 'Your support request was received.', canonicalPath: '/contact', noindex: true }, content);
}
