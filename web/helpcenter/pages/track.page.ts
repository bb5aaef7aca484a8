import type { Locale } from '../../../src/modules/helpcenter/index.ts';
import type { Message, Ticket } from '../../../src/modules/tickets/index.ts';
import { html, type Html } from '../html.ts';
import { trackStringsFor, type TrackStrings } from '../i18n-track.ts';
import { layout, type Site } from '../layout.ts';
import { localePrefix, paths } from '../paths.ts';

/** The tracking page of a locale: /track, /de/track. */
export const trackPath = (locale: Locale): string => `${localePrefix(locale)}/track`;

function page(site: Site, locale: Locale, title: string, description: string, content: Html): string {
  const other: Locale = locale === 'en' ? 'de' : 'en';
  return layout(site, { locale, canonicalPath: trackPath(locale), noindex: true, switchPath: trackPath(other), title, description }, content);
}

/** /track: a reference and an email address; the link goes to that address only. */
export function trackRequestPage(site: Site, locale: Locale, d: { csrfToken: string; reference?: string; email?: string; error?: string }): string {
  const s = trackStringsFor(locale);
  return page(site, locale, s.requestTitle, s.requestDescription, html`<h1>${s.requestTitle}</h1>
<p class="lead">${s.requestLead}</p>
${d.error ? html`<div class="error-summary" role="alert"><p>${d.error}</p></div>` : ''}
<form class="contact-form" method="post" action="${trackPath(locale)}">
  <input type="hidden" name="_csrf" value="${d.csrfToken}">
  <div class="field"><label for="field-reference">${s.reference}</label>
  <p class="hint" id="field-reference-hint">${s.referenceHint}</p>
  <input id="field-reference" name="reference" type="text" maxlength="20" required autocomplete="off" aria-describedby="field-reference-hint" value="${d.reference ?? ''}"></div>
  <div class="field"><label for="field-email">${s.email}</label>
  <input id="field-email" name="email" type="email" maxlength="254" required autocomplete="email" value="${d.email ?? ''}"></div>
  <button type="submit">${s.sendLink}</button>
</form>`);
}

/** The one answer to a tracking request, matched or not, so the form tells nobody which pairs exist. */
export function trackSentPage(site: Site, locale: Locale): string {
  const s = trackStringsFor(locale);
  return page(site, locale, s.sentTitle, s.sentDescription, html`<div class="message">
<h1>${s.sentTitle}</h1>
<p class="lead">${s.sentLead}</p>
<p>${s.sentHelp}</p>
<p><a href="${trackPath(locale)}">${s.tryAgain}</a> · <a href="${paths.home(locale)}">${s.backHome}</a></p>
</div>`);
}

/** GET /track/{token}: one button, because mail scanners open links and must not use them up. */
export function trackLinkPage(site: Site, locale: Locale, d: { action: string; csrfToken: string }): string {
  const s = trackStringsFor(locale);
  return page(site, locale, s.linkTitle, s.linkDescription, html`<div class="message">
<h1>${s.linkTitle}</h1>
<p class="lead">${s.linkLead}</p>
<form method="post" action="${d.action}"><input type="hidden" name="_csrf" value="${d.csrfToken}"><button type="submit">${s.viewRequest}</button></form>
</div>`);
}

/** Why a tracking link or session cannot be used. */
export type TrackProblem = keyof TrackStrings['problems'];

/** A tracking link or session that cannot be used, and the way to a new one. */
export function trackProblemPage(site: Site, locale: Locale, problem: TrackProblem): string {
  const s = trackStringsFor(locale);
  const p = s.problems[problem];
  return page(site, locale, p.title, p.body, html`<div class="message">
<h1>${p.title}</h1>
<p class="lead">${p.body}</p>
<p><a href="${trackPath(locale)}">${s.newLink}</a></p>
</div>`);
}

function entry(s: TrackStrings, m: Message): Html {
  const who = m.author.type === 'customer' ? s.you : m.author.type === 'agent' ? (m.author.name ?? s.support) : 'Careline';
  return html`<article class="thread-message thread-${m.author.type}">
  <header><strong>${who}</strong> · <time datetime="${m.createdAt}">${m.createdAt.slice(0, 16).replace('T', ' ')} UTC</time></header>
  <div class="thread-text">${m.text.split(/\n{2,}/).map((para) => html`<p>${para}</p>`)}</div>
</article>`;
}

/** The customer's view of one ticket: status, the public thread (never notes) and a reply form. */
export function trackThreadPage(site: Site, locale: Locale, d: { ticket: Ticket; messages: Message[]; csrfToken: string; replyError?: string; replied?: boolean }): string {
  const s = trackStringsFor(locale);
  const { ticket } = d;
  const canReply = ticket.status !== 'closed';
  return page(site, locale, `${ticket.reference}: ${ticket.subject}`, s.threadDescription, html`<h1>${ticket.subject}</h1>
<p class="lead">${s.referenceLabel} <strong class="reference">${ticket.reference}</strong> · ${s.statusLabel}: <strong class="status">${s.statuses[ticket.status]}</strong></p>
${d.replied ? html`<p class="notice" role="status">${s.replied}</p>` : ''}
<section aria-label="${s.messages}" class="thread">${d.messages.map((m) => entry(s, m))}</section>
${canReply ? html`<h2>${s.replyHeading}</h2>
${d.replyError ? html`<div class="error-summary" role="alert"><p>${d.replyError}</p></div>` : ''}
<form class="contact-form" method="post" action="${trackPath(locale)}/request/${ticket.reference}/reply">
  <input type="hidden" name="_csrf" value="${d.csrfToken}">
  <div class="field"><label for="field-text">${s.yourMessage}</label>
  <textarea id="field-text" name="text" rows="6" maxlength="10000" required></textarea></div>
  <p class="note">${s.neverAsk}</p>
  <button type="submit">${s.sendReply}</button>
</form>` : html`<p>${s.closedBefore} <a href="${paths.contact(locale)}">${s.closedLink}</a>.</p>`}`);
}
