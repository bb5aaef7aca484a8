import type { Message, Status, Ticket } from '../../../src/modules/tickets/index.ts';
import { html, type Html } from '../html.ts';
import { layout, type Site } from '../layout.ts';

const META = { locale: 'en' as const, canonicalPath: '/track', noindex: true };

function page(site: Site, title: string, description: string, content: Html): string {
  return layout(site, { ...META, title, description }, content);
}

/** /track: a reference and an email address; the link goes to that address only. */
export function trackRequestPage(site: Site, d: { csrfToken: string; reference?: string; email?: string; error?: string }): string {
  return page(site, 'Follow your request', 'Get a link to see the status of your support request and answer it.', html`<h1>Follow your request</h1>
<p class="lead">Enter your request’s reference and the email address you wrote from. We will email you a link to see its status and our replies, and to answer.</p>
${d.error ? html`<div class="error-summary" role="alert"><p>${d.error}</p></div>` : ''}
<form class="contact-form" method="post" action="/track">
  <input type="hidden" name="_csrf" value="${d.csrfToken}">
  <div class="field"><label for="field-reference">Reference</label>
  <p class="hint" id="field-reference-hint">It looks like CL-7KQ20M11 and is in the subject of our emails.</p>
  <input id="field-reference" name="reference" type="text" maxlength="20" required autocomplete="off" aria-describedby="field-reference-hint" value="${d.reference ?? ''}"></div>
  <div class="field"><label for="field-email">Your email address</label>
  <input id="field-email" name="email" type="email" maxlength="254" required autocomplete="email" value="${d.email ?? ''}"></div>
  <button type="submit">Email me a link</button>
</form>`);
}

/** The one answer to a tracking request, matched or not, so the form tells nobody which pairs exist. */
export function trackSentPage(site: Site): string {
  return page(site, 'Check your email', 'If the reference and address match, a link is on its way.', html`<div class="message">
<h1>Check your email</h1>
<p class="lead">If the reference and the email address match one of our requests, we sent a link to that address. It works once, for 30 minutes.</p>
<p>No email after a few minutes? Check the reference in the subject of our emails, and your spam folder.</p>
<p><a href="/track">Try again</a> · <a href="/help">Back to the Help Center</a></p>
</div>`);
}

/** GET /track/{token}: one button, because mail scanners open links and must not use them up. */
export function trackLinkPage(site: Site, d: { action: string; csrfToken: string }): string {
  return page(site, 'View your request', 'Open your support request.', html`<div class="message">
<h1>View your request</h1>
<p class="lead">This link opens your support request in this browser for one hour.</p>
<form method="post" action="${d.action}"><input type="hidden" name="_csrf" value="${d.csrfToken}"><button type="submit">View my request</button></form>
</div>`);
}

const TRACK_LINK_PROBLEMS = {
  used: { title: 'This link was already used', body: 'Each link opens your request once. Ask for a new one below.' },
  expired: { title: 'This link has expired', body: 'Links work for 30 minutes. Ask for a new one below.' },
  unknown: { title: 'This link does not work', body: 'Check that you opened the whole link from the email, or ask for a new one below.' },
  session: { title: 'Your session has ended', body: 'For your privacy a request stays open for one hour. Ask for a new link below.' },
  form: { title: 'Your form expired', body: 'The page was opened in another browser or too long ago. Open the link from the email again, or ask for a new one.' },
} as const;

/** A tracking link or session that cannot be used, and the way to a new one. */
export function trackProblemPage(site: Site, problem: keyof typeof TRACK_LINK_PROBLEMS): string {
  const p = TRACK_LINK_PROBLEMS[problem];
  return page(site, p.title, p.body, html`<div class="message">
<h1>${p.title}</h1>
<p class="lead">${p.body}</p>
<p><a href="/track">Get a new link</a></p>
</div>`);
}

const STATUS_WORDS: Record<Status, string> = {
  new: 'Received: waiting for our team',
  open: 'Open: our team is working on it',
  pending: 'Waiting for your answer',
  on_hold: 'On hold: we are waiting on someone else',
  solved: 'Solved',
  closed: 'Closed',
};

function entry(m: Message): Html {
  const who = m.author.type === 'customer' ? 'You' : m.author.type === 'agent' ? (m.author.name ?? 'Support') : 'Careline';
  return html`<article class="thread-message thread-${m.author.type}">
  <header><strong>${who}</strong> · <time datetime="${m.createdAt}">${m.createdAt.slice(0, 16).replace('T', ' ')} UTC</time></header>
  <div class="thread-text">${m.text.split(/\n{2,}/).map((para) => html`<p>${para}</p>`)}</div>
</article>`;
}

/** The customer's view of one ticket: status, the public thread (never notes) and a reply form. */
export function trackThreadPage(site: Site, d: { ticket: Ticket; messages: Message[]; csrfToken: string; replyError?: string; replied?: boolean }): string {
  const { ticket } = d;
  const canReply = ticket.status !== 'closed';
  return page(site, `${ticket.reference}: ${ticket.subject}`, 'Your support request.', html`<h1>${ticket.subject}</h1>
<p class="lead">Reference <strong class="reference">${ticket.reference}</strong> · Status: <strong class="status">${STATUS_WORDS[ticket.status]}</strong></p>
${d.replied ? html`<p class="notice" role="status">Your reply was added. We will answer by email.</p>` : ''}
<section aria-label="Messages" class="thread">${d.messages.map(entry)}</section>
${canReply ? html`<h2>Reply</h2>
${d.replyError ? html`<div class="error-summary" role="alert"><p>${d.replyError}</p></div>` : ''}
<form class="contact-form" method="post" action="/track/request/${ticket.reference}/reply">
  <input type="hidden" name="_csrf" value="${d.csrfToken}">
  <div class="field"><label for="field-text">Your message</label>
  <textarea id="field-text" name="text" rows="6" maxlength="10000" required></textarea></div>
  <p class="note">We will never ask for your master password, recovery codes or card number. Please don’t send them.</p>
  <button type="submit">Send reply</button>
</form>` : html`<p>This request is closed. To continue, <a href="/contact">send a new request</a>.</p>`}`);
}
