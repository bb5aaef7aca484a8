import type { Locale } from '../../../src/modules/helpcenter/index.ts';
import { articleList, breadcrumbs, type ArticleLink } from '../components.ts';
import { html } from '../html.ts';
import { stringsFor } from '../i18n.ts';
import { layout, type Site } from '../layout.ts';
import { paths } from '../paths.ts';

/** A topic and its published articles (German pages include untranslated English ones, marked). */
export type CategoryData = { slug: string; name: string; articles: ArticleLink[] };

/** /help/categories/:slug: breadcrumbs, the topic's name and its articles by title. */
export function categoryPage(site: Site, locale: Locale, data: CategoryData): string {
  const s = stringsFor(locale);
  const content = html`${breadcrumbs(locale, [{ label: s.home, href: paths.home(locale) }, { label: data.name }])}
<h1>${data.name}</h1>
<p class="lead">${s.articleCount(data.articles.length)}</p>
${data.articles.length > 0 ? articleList(locale, data.articles) : html`<p>${s.noArticles}</p>`}`;
  return layout(site, {
    locale,
    title: data.name,
    description: s.categoryDescription(data.name),
    canonicalPath: paths.category(locale, data.slug),
    alternates: [
      { hreflang: 'en', path: paths.category('en', data.slug) },
      { hreflang: 'de', path: paths.category('de', data.slug) },
      { hreflang: 'x-default', path: paths.category('en', data.slug) },
    ],
    switchPath: paths.category(s.otherLanguage.locale, data.slug),
  }, content);
}
