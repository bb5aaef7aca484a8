import type { Locale } from '../../../src/modules/helpcenter/index.ts';
import { html, type Html } from '../html.ts';
import { stringsFor } from '../i18n.ts';
import { layout, type Site } from '../layout.ts';
import { paths } from '../paths.ts';

/** A short page with a heading, a message and links: not found, errors, thank-yous. */
export function messagePage(site: Site, locale: Locale, page: { title: string; body: string; path: string; links?: Array<{ label: string; href: string }>; extra?: Html }): string {
  const content = html`<div class="message">
<h1>${page.title}</h1>
<p class="lead">${page.body}</p>
${page.extra ?? ''}
${page.links?.length ? html`<ul class="links">${page.links.map((l) => html`<li><a href="${l.href}">${l.label}</a></li>`)}</ul>` : ''}
</div>`;
  return layout(site, { locale, title: page.title, description: page.body, canonicalPath: page.path, noindex: true }, content);
}

/** The HTML 404 of the site: what happened and where to go instead. */
export function notFoundPage(site: Site, locale: Locale, path: string): string {
  const s = stringsFor(locale);
  return messagePage(site, locale, {
    title: s.notFoundTitle,
    body: s.notFoundBody,
    path,
    links: [{ label: s.home, href: paths.home(locale) }, { label: s.contactLink, href: paths.contact(locale) }],
  });
}

/** The page for a failed request: too many requests, or something broke on our side. */
export function errorPage(site: Site, locale: Locale, path: string, status: number): string {
  const s = stringsFor(locale);
  const tooMany = status === 429;
  return messagePage(site, locale, { title: tooMany ? s.tooManyTitle : s.errorTitle, body: tooMany ? s.tooManyBody : s.errorBody, path, links: [{ label: s.home, href: paths.home(locale) }] });
}

/** The answer to "Was this helpful?": thanks, and a way back (plus contact when it did not help). */
export function feedbackThanksPage(site: Site, locale: Locale, slug: string, helpful: boolean): string {
  const s = stringsFor(locale);
  const links = [{ label: s.backToArticle, href: paths.article(locale, slug) }];
  if (!helpful) links.push({ label: s.contactLink, href: paths.contact(locale) });
  return messagePage(site, locale, { title: s.feedbackThanks, body: helpful ? s.feedbackGlad : s.feedbackSorry, path: paths.article(locale, slug), links });
}
