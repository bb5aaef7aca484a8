import type { Locale, SearchHit } from '../../../src/modules/helpcenter/index.ts';
import { html, raw } from '../html.ts';
import { stringsFor } from '../i18n.ts';
import { layout, searchForm, type Site } from '../layout.ts';
import { paths } from '../paths.ts';

/**
 * /search?q=: the query in a search box, the result count (or "the N best" when capped), each result with its highlighted
 * snippet (HTML-safe from the search module), and help with a contact link when nothing matched.
 */
export function searchPage(site: Site, locale: Locale, q: string, hits: readonly SearchHit[], limit: number): string {
  const s = stringsFor(locale);
  const title = q ? s.searchTitle(q) : s.searchButton;
  const results = q === ''
    ? html`<p>${s.searchPrompt}</p>`
    : hits.length === 0
      ? html`<div class="empty">
  <p><strong>${s.noResults}</strong></p>
  <p>${s.noResultsHelp}</p>
  <p><a class="button" href="${paths.contact(locale, q)}">${s.contactLink}</a></p>
</div>`
      : html`<ol class="results">
${hits.map((h) => html`  <li${h.locale !== locale ? html` lang="${h.locale}"` : ''}>
    <h2><a href="${paths.article(locale, h.slug)}">${h.title}</a>${h.locale !== locale ? html` <span class="badge" lang="${locale}">${s.english}</span>` : ''}</h2>
    <p>${raw(h.snippet)}</p>
  </li>\n`)}</ol>`;
  const content = html`<h1>${title}</h1>
${searchForm(locale, 'search-page', q, true)}
${q ? html`<p class="count">${hits.length >= limit ? s.bestMatches(hits.length) : s.resultCount(hits.length)}</p>` : ''}
${results}`;
  return layout(site, {
    locale,
    title,
    description: s.homeDescription,
    canonicalPath: paths.search(locale, q),
    switchPath: paths.search(s.otherLanguage.locale, q),
    noindex: true,
    headerSearch: false,
  }, content);
}
