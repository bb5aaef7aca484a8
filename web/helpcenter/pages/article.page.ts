import type { ArticleView, Locale, RelatedArticle } from '../../../src/modules/helpcenter/index.ts';
import { breadcrumbs } from '../components.ts';
import { html, raw } from '../html.ts';
import { formatDate, stringsFor } from '../i18n.ts';
import { layout, type Site } from '../layout.ts';
import { paths } from '../paths.ts';

const LANGUAGE: Record<Locale, string> = { en: 'English', de: 'Deutsch' };

/**
 * /articles/:slug and /de/articles/:slug: breadcrumbs, the sanitized body, last update,
 * translations (hreflang), a note when English stands in for a missing translation, related
 * articles, and a "Was this helpful?" form that works without JavaScript.
 */
export function articlePage(site: Site, view: ArticleView, related: readonly RelatedArticle[]): string {
  const { article, requestedLocale: locale, fallback } = view;
  const s = stringsFor(locale);
  const lang = fallback ? html` lang="${article.locale}"` : '';
  const others = view.translations.filter((l) => l !== article.locale);
  const crumbs = [{ label: s.home, href: paths.home(locale) }];
  if (article.category) crumbs.push({ label: article.category.name, href: paths.category(locale, article.category.slug) });
  const content = html`${breadcrumbs(locale, [...crumbs, { label: article.title }])}
<article class="article"${lang}>
  <h1>${article.title}</h1>
  <p class="meta">${s.lastUpdated} <time datetime="${article.updatedAt}">${formatDate(article.updatedAt, locale)}</time>${others.length > 0 ? html` · ${s.alsoIn} ${others.map((l, i) => html`${i > 0 ? ', ' : ''}<a href="${paths.article(l, article.slug)}" hreflang="${l}" lang="${l}">${LANGUAGE[l]}</a>`)}` : ''}</p>
  ${fallback ? html`<p class="note" lang="${locale}">${s.fallbackNote}</p>` : ''}
  <div class="article-body">
${raw(article.html)}
  </div>
</article>
<section class="feedback" aria-labelledby="feedback-title">
  <form method="post" action="${paths.feedback(locale, article.slug)}">
    <h2 id="feedback-title">${s.helpfulQuestion}</h2>
    <label for="feedback-comment">${s.commentLabel}</label>
    <textarea id="feedback-comment" name="comment" rows="2" maxlength="2000"></textarea>
    <div class="buttons">
      <button type="submit" name="helpful" value="yes">${s.yes}</button>
      <button type="submit" name="helpful" value="no" class="secondary">${s.no}</button>
    </div>
  </form>
</section>
${related.length > 0 ? html`<section class="related" aria-labelledby="related-title">
  <h2 id="related-title">${s.related}</h2>
  <ul>${related.map((r) => html`<li><a href="${paths.article(locale, r.slug)}">${r.title}</a></li>`)}</ul>
</section>` : ''}`;
  const alternates = view.translations.map((l) => ({ hreflang: l as string, path: paths.article(l, article.slug) }));
  if (view.translations.includes('en')) alternates.push({ hreflang: 'x-default', path: paths.article('en', article.slug) });
  return layout(site, {
    locale,
    title: article.title,
    description: article.description || article.title,
    canonicalPath: paths.article(article.locale, article.slug),
    alternates,
    switchPath: paths.article(s.otherLanguage.locale, article.slug),
    ogType: 'article',
  }, content);
}
