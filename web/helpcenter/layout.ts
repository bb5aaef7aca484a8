import type { Locale } from '../../src/modules/helpcenter/index.ts';
import { html, raw, type Html } from './html.ts';
import { stringsFor } from './i18n.ts';
import { incidentBanner } from './incident-banner.ts';
import { paths } from './paths.ts';

/** What every page needs from the deployment: its public URL and the versioned asset URLs. */
export type Site = { publicUrl: string; assets: { css: string; js: string } };

/** A page's head and chrome: title, description, canonical path, alternates, and which search box to show. */
export type PageMeta = {
  locale: Locale;
  title: string;
  description: string;
  /** Site-relative path (with query if it matters) the canonical URL is made from. */
  canonicalPath: string;
  /** hreflang alternates, site-relative. */
  alternates?: Array<{ hreflang: string; path: string }>;
  /** Where the language link goes; the other locale's home when absent. */
  switchPath?: string;
  ogType?: 'website' | 'article';
  noindex?: boolean;
  /** False on pages whose main content has its own search box (home, search results). */
  headerSearch?: boolean;
  query?: string;
};

const OG_LOCALE: Record<Locale, string> = { en: 'en_US', de: 'de_DE' };

/** The search form: a labelled input the type-ahead script enhances into a combobox. */
export function searchForm(locale: Locale, id: string, query = '', big = false): Html {
  const s = stringsFor(locale);
  return html`<form class="search${big ? ' search-big' : ''}" role="search" action="${paths.search(locale)}" method="get">
  <label for="${id}">${s.searchLabel}</label>
  <div class="search-row">
    <input id="${id}" type="search" name="q" value="${query}" maxlength="200" autocomplete="off" placeholder="${s.searchPlaceholder}" data-suggest="${locale}" data-suggest-label="${s.suggestionsLabel}">
    <button type="submit">${s.searchButton}</button>
  </div>
</form>`;
}

/** A whole HTML document: head (title, description, canonical, Open Graph, hreflang), skip link, header, main, footer. */
export function layout(site: Site, meta: PageMeta, content: Html): string {
  const s = stringsFor(meta.locale);
  const abs = (path: string): string => `${site.publicUrl}${path}`;
  const title = `${meta.title} · ${s.siteName}`;
  const other = s.otherLanguage;
  const page = html`<!doctype html>
<html lang="${meta.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<meta name="description" content="${meta.description}">
<link rel="canonical" href="${abs(meta.canonicalPath)}">
${(meta.alternates ?? []).map((a) => html`<link rel="alternate" hreflang="${a.hreflang}" href="${abs(a.path)}">\n`)}${meta.noindex ? html`<meta name="robots" content="noindex">\n` : ''}<meta property="og:type" content="${meta.ogType ?? 'website'}">
<meta property="og:site_name" content="${s.siteName}">
<meta property="og:title" content="${meta.title}">
<meta property="og:description" content="${meta.description}">
<meta property="og:url" content="${abs(meta.canonicalPath)}">
<meta property="og:locale" content="${OG_LOCALE[meta.locale]}">
<meta name="twitter:card" content="summary">
<meta name="color-scheme" content="light dark">
<link rel="stylesheet" href="${site.assets.css}">
<script src="${site.assets.js}" defer></script>
</head>
<body>
<a class="skip-link" href="#main">${s.skipLink}</a>
<div id="incident-banner" role="status">${raw(incidentBanner())}</div>
<header class="site-header">
  <div class="wrap header-row">
    <a class="brand" href="${paths.home(meta.locale)}">${s.siteName}</a>
    <nav aria-label="${s.mainNav}">
      <ul>
        <li><a href="${paths.home(meta.locale)}">${s.home}</a></li>
        <li><a href="${paths.contact(meta.locale)}">${s.contact}</a></li>
        <li><a href="${meta.switchPath ?? paths.home(other.locale)}" hreflang="${other.locale}" lang="${other.locale}">${other.name}</a></li>
      </ul>
    </nav>
  </div>
  ${meta.headerSearch === false ? '' : html`<div class="wrap">${searchForm(meta.locale, 'header-search', meta.query)}</div>`}
</header>
<main id="main" tabindex="-1">
<div class="wrap">
${content}
</div>
</main>
<footer class="site-footer">
  <div class="wrap">
    <p>${s.footerAsk} <a href="${paths.contact(meta.locale)}">${s.contactLink}</a></p>
    <p><a href="${paths.home('en')}" hreflang="en" lang="en">English</a> · <a href="${paths.home('de')}" hreflang="de" lang="de">Deutsch</a></p>
  </div>
</footer>
</body>
</html>
`;
  return page.value;
}
