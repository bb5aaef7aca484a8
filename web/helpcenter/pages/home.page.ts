import type { Locale } from '../../../src/modules/helpcenter/index.ts';
import { articleList, type ArticleLink } from '../components.ts';
import { html } from '../html.ts';
import { stringsFor } from '../i18n.ts';
import { layout, searchForm, type Site } from '../layout.ts';
import { paths } from '../paths.ts';

/** What the home page shows: topics with their article counts and the most read articles. */
export type HomeData = { categories: Array<{ slug: string; name: string; count: number }>; popular: ArticleLink[] };

/** /help and /de/help: a big search box, topics with counts, popular articles. */
export function homePage(site: Site, locale: Locale, data: HomeData): string {
  const s = stringsFor(locale);
  const content = html`<section class="hero" aria-labelledby="home-title">
  <h1 id="home-title">${s.homeTitle}</h1>
  <p class="lead">${s.homeLead}</p>
  ${searchForm(locale, 'home-search', '', true)}
</section>
<section aria-labelledby="topics-title">
  <h2 id="topics-title">${s.browseTopics}</h2>
  <ul class="cards">
${data.categories.map((c) => html`    <li><a class="card" href="${paths.category(locale, c.slug)}"><span class="card-title">${c.name}</span><span class="card-count">${s.articleCount(c.count)}</span></a></li>\n`)}  </ul>
</section>
${data.popular.length > 0 ? html`<section aria-labelledby="popular-title">
  <h2 id="popular-title">${s.popular}</h2>
  ${articleList(locale, data.popular)}
</section>` : ''}`;
  return layout(site, {
    locale,
    title: s.homeTitle,
    description: s.homeDescription,
    canonicalPath: paths.home(locale),
    alternates: [{ hreflang: 'en', path: paths.home('en') }, { hreflang: 'de', path: paths.home('de') }, { hreflang: 'x-default', path: paths.home('en') }],
    switchPath: paths.home(s.otherLanguage.locale),
    headerSearch: false,
  }, content);
}
