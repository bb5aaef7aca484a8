import { articleUrl, listArticles, LOCALES, type Locale } from '../../modules/helpcenter/index.ts';
import type { Db } from '../../store/database.ts';
import { escapeHtml as xml } from '../../../web/helpcenter/html.ts';
import { paths } from '../../../web/helpcenter/paths.ts';

type Entry = { loc: string; lastmod?: string; alternates?: Array<{ locale: Locale; href: string }> };

function entryXml(e: Entry): string {
  const links = (e.alternates ?? []).map((a) => `\n    <xhtml:link rel="alternate" hreflang="${a.locale}" href="${xml(a.href)}"/>`).join('');
  return `  <url>\n    <loc>${xml(e.loc)}</loc>${e.lastmod ? `\n    <lastmod>${e.lastmod}</lastmod>` : ''}${links}\n  </url>`;
}

/**
 * sitemap.xml: the help-center home and every topic page in each locale, and every published
 * article in every locale it is written in, with hreflang links between translations.
 */
export async function sitemapXml(db: Db, publicUrl: string): Promise<string> {
  const articles = await listArticles(db, { status: 'published', limit: 50_000, order: 'title' });
  const bySlug = new Map<string, Locale[]>();
  for (const a of articles) bySlug.set(a.slug, [...(bySlug.get(a.slug) ?? []), a.locale]);
  const categories = [...new Set(articles.flatMap((a) => (a.category ? [a.category.slug] : [])))].sort();
  const entries: Entry[] = [];
  for (const locale of LOCALES) {
    entries.push({ loc: `${publicUrl}${paths.home(locale)}` });
    for (const slug of categories) entries.push({ loc: `${publicUrl}${paths.category(locale, slug)}` });
  }
  for (const a of articles) {
    const translations = bySlug.get(a.slug)!;
    entries.push({
      loc: articleUrl(publicUrl, a.slug, a.locale),
      lastmod: a.updatedAt.slice(0, 10),
      ...(translations.length > 1 ? { alternates: translations.map((l) => ({ locale: l, href: articleUrl(publicUrl, a.slug, l) })) } : {}),
    });
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
${entries.map(entryXml).join('\n')}
</urlset>
`;
}

/** robots.txt: everything but the API, search results and form posts may be crawled; where the sitemap is. */
export function robotsTxt(publicUrl: string): string {
  return ['User-agent: *', 'Disallow: /api/', 'Disallow: /search', 'Disallow: /de/search', 'Allow: /', '', `Sitemap: ${publicUrl}/sitemap.xml`, ''].join('\n');
}
