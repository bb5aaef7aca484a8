import type { Locale } from '../../src/modules/helpcenter/index.ts';
import { html, type Html } from './html.ts';
import { stringsFor } from './i18n.ts';

/** An article as lists show it; `lang` is set when it is written in another language than the page. */
export type ArticleLink = { title: string; href: string; description?: string; lang?: Locale };

/** A list of article links with their descriptions; an "English" badge marks fallbacks on German pages. */
export function articleList(locale: Locale, articles: readonly ArticleLink[], className = 'article-list'): Html {
  const s = stringsFor(locale);
  return html`<ul class="${className}">
${articles.map((a) => html`  <li><a href="${a.href}"${a.lang ? html` hreflang="${a.lang}"` : ''}><span${a.lang ? html` lang="${a.lang}"` : ''}>${a.title}</span></a>${a.lang ? html` <span class="badge">${s.english}</span>` : ''}${a.description ? html`<p${a.lang ? html` lang="${a.lang}"` : ''}>${a.description}</p>` : ''}</li>\n`)}</ul>`;
}

/** Breadcrumbs as an ordered list in a labelled nav; the last crumb is the current page. */
export function breadcrumbs(locale: Locale, crumbs: ReadonlyArray<{ label: string; href?: string }>): Html {
  return html`<nav class="breadcrumbs" aria-label="${stringsFor(locale).breadcrumb}"><ol>
${crumbs.map((c) => (c.href ? html`<li><a href="${c.href}">${c.label}</a></li>` : html`<li><span aria-current="page">${c.label}</span></li>`))}
</ol></nav>`;
}
