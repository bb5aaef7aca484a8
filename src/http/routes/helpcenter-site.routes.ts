import { readFile } from 'node:fs/promises';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.ts';
import { badRequest, notFound } from '../../kernel/errors.ts';
import {
  analyticsFor, getArticle, IMAGE_URL_PATH, LOCALES, MAX_QUERY_CHARS, recordFeedback, relatedArticles, searchArticles, SLUG_PATTERN, storedImage, type HelpCenterAnalytics, type Locale,
} from '../../modules/helpcenter/index.ts';
import type { Site } from '../../../web/helpcenter/layout.ts';
import { paths } from '../../../web/helpcenter/paths.ts';
import { articlePage } from '../../../web/helpcenter/pages/article.page.ts';
import { categoryPage } from '../../../web/helpcenter/pages/category.page.ts';
import { homePage } from '../../../web/helpcenter/pages/home.page.ts';
import { feedbackThanksPage } from '../../../web/helpcenter/pages/message.page.ts';
import { searchPage } from '../../../web/helpcenter/pages/search.page.ts';
import { loadSiteAssets } from '../site/assets.ts';
import { findCategory, homeCatalog, readableArticles, topicName } from '../site/catalog.ts';
import { acceptForms, one, sendPage, siteErrorHandler, type FormBody } from '../site/site-http.ts';
import { robotsTxt, sitemapXml } from '../site/sitemap.ts';
import { isSessionId, VisitorGuard } from '../site/visitor.ts';
import { contactRoutes } from './contact.routes.ts';
import { trackRoutes } from './track.routes.ts';

const SLUG = new RegExp(SLUG_PATTERN);
const PUBLIC = { access: 'public' as const };
const HIDDEN = { hide: true };
const SEARCH_LIMIT = 20;

type Ctx = { deps: Deps; site: Site; analytics: HelpCenterAnalytics; guard: VisitorGuard };

/** A slug from the URL, or not found: anything else cannot name an article or a topic. */
function slugParam(params: unknown): string {
  const slug = one((params as { slug?: unknown }).slug);
  if (!SLUG.test(slug) || slug.length > 120) throw notFound('No such page');
  return slug;
}

/** The pages of one locale: home, topics, articles (with feedback), search. */
function localePages(app: FastifyInstance, { deps, site, analytics, guard }: Ctx, locale: Locale): void {
  const db = deps.store.db;
  const prefix = locale === 'en' ? '' : `/${locale}`;

  app.get(`${prefix}/help`, { config: PUBLIC, schema: HIDDEN }, async (_request, reply) => {
    const { categories, popular } = await homeCatalog(db, locale);
    return sendPage(reply, 200, homePage(site, locale, {
      categories: categories.map((c) => ({ slug: c.category.slug, name: c.name, count: c.count })),
      popular: popular.map((a) => ({ title: a.title, href: paths.article(locale, a.slug), description: a.description, ...(a.locale !== locale ? { lang: a.locale } : {}) })),
    }));
  });

  app.get(`${prefix}/help/categories/:slug`, { config: PUBLIC, schema: HIDDEN }, async (request, reply) => {
    const slug = slugParam(request.params);
    const category = await findCategory(db, slug);
    if (!category) throw notFound(`Topic ${slug}`);
    const articles = (await readableArticles(db, locale, slug)).sort((a, b) => a.title.localeCompare(b.title, locale));
    const name = topicName(category, locale);
    return sendPage(reply, 200, categoryPage(site, locale, {
      slug, name,
      articles: articles.map((a) => ({ title: a.title, href: paths.article(locale, a.slug), description: a.description, ...(a.locale !== locale ? { lang: a.locale } : {}) })),
    }));
  });

  app.get(`${prefix}/articles/:slug`, { config: PUBLIC, schema: HIDDEN }, async (request, reply) => {
    const view = await getArticle(db, slugParam(request.params), locale);
    if (!view) throw notFound('No such article');
    const topic = view.article.category && (await findCategory(db, view.article.category.slug));
    if (topic) view.article.category = { ...view.article.category!, name: topicName(topic, locale) };
    const query = request.query as Record<string, unknown>;
    const contactSession = one(query.from) === 'contact' && isSessionId(query.cs) ? query.cs : null;
    analytics.recordView(view.article.id, contactSession);
    if (contactSession) {
      analytics.recordContactEvent('article_opened', contactSession);
      guard.markOpened(reply, contactSession);
    }
    return sendPage(reply, 200, articlePage(site, view, await relatedArticles(db, view.article.id, 5)));
  });

  app.post(`${prefix}/articles/:slug/feedback`, {
    config: { ...PUBLIC, rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: HIDDEN,
  }, async (request, reply) => {
    const slug = slugParam(request.params);
    const view = await getArticle(db, slug, locale);
    if (!view) throw notFound('No such article');
    const form = (request.body ?? {}) as FormBody;
    const verdict = one(form.helpful);
    if (verdict !== 'yes' && verdict !== 'no') throw badRequest('Answer yes or no', { helpful: 'missing' });
    const helpful = verdict === 'yes';
    await deps.uow((work) => recordFeedback(work, view.article.id, { helpful, comment: one(form.comment) || null }));
    return sendPage(reply, 200, feedbackThanksPage(site, locale, slug, helpful), 'private');
  });

  app.get(`${prefix}/search`, { config: PUBLIC, schema: HIDDEN }, async (request, reply) => {
    const q = one((request.query as Record<string, unknown>).q).replace(/\s+/g, ' ').trim().slice(0, MAX_QUERY_CHARS);
    const hits = q ? await searchArticles(db, { q, locale, limit: SEARCH_LIMIT }) : [];
    if (q) analytics.recordSearch({ query: q, locale, resultCount: hits.length, topSlug: hits[0]?.slug ?? null });
    return sendPage(reply, 200, searchPage(site, locale, q, hits, SEARCH_LIMIT));
  });

  const missing = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const [path, query] = request.url.split('?');
    if (path === `${prefix}/help/`) return reply.redirect(`${prefix}/help${query ? `?${query}` : ''}`, 301);
    throw notFound('No such page');
  };
  app.get(`${prefix}/help/*`, { config: PUBLIC, schema: HIDDEN }, missing);
  app.get(`${prefix}/articles/*`, { config: PUBLIC, schema: HIDDEN }, missing);
}

/**
 * GET /help/images/NAME: an uploaded article image. The name holds the content hash, so the
 * URL never changes meaning and may be cached for a year; the type comes from the bytes checked
 * at upload, never from sniffing, and the image may not run or embed anything.
 */
function imageRoute(app: FastifyInstance, dataDir: string): void {
  app.get(`${IMAGE_URL_PATH}/:name`, { config: PUBLIC, schema: HIDDEN }, async (request, reply) => {
    const image = storedImage(dataDir, one((request.params as { name?: unknown }).name));
    if (!image) throw notFound('No such image');
    const cache = { 'cache-control': 'public, max-age=31536000, immutable', etag: image.etag };
    if (request.headers['if-none-match'] === image.etag) return reply.code(304).headers(cache).send();
    let bytes: Buffer;
    try {
      bytes = await readFile(image.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw notFound('No such image');
      throw error;
    }
    return reply
      .headers({ ...cache, 'x-content-type-options': 'nosniff', 'content-security-policy': "default-src 'none'; sandbox", 'content-disposition': 'inline' })
      .type(image.contentType)
      .send(bytes);
  });
}

/**
 * The public help center, server-rendered: /help (and /de/help), topics, articles, search,
 * "Was this helpful?", the contact form that deflects, sitemap.xml, robots.txt and the static
 * assets. Errors on these routes answer as HTML pages, not problem+json.
 */
export function helpcenterSiteRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const assets = loadSiteAssets();
    const site: Site = { publicUrl: deps.config.publicUrl, assets: assets.urls };
    const analytics = analyticsFor(deps.store, deps.clock, deps.log);
    const guard = new VisitorGuard(deps.config.secrets.sessionKey, deps.config.publicUrl.startsWith('https:'));
    app.addHook('onClose', async () => analytics.flush());
    acceptForms(app);
    app.setErrorHandler(siteErrorHandler(site));
    await app.register(assets.plugin);
    imageRoute(app, deps.config.dataDir);
    for (const locale of LOCALES) localePages(app, { deps, site, analytics, guard }, locale);
    app.get('/de', { config: PUBLIC, schema: HIDDEN }, async (_request, reply) => reply.redirect(paths.home('de')));
    app.get('/de/*', { config: PUBLIC, schema: HIDDEN }, async () => {
      throw notFound('No such page');
    });
    app.get('/sitemap.xml', { config: PUBLIC, schema: HIDDEN }, async (_request, reply) =>
      reply.header('cache-control', 'public, max-age=3600').type('application/xml; charset=utf-8').send(await sitemapXml(deps.store.db, deps.config.publicUrl)));
    app.get('/robots.txt', { config: PUBLIC, schema: HIDDEN }, async (_request, reply) =>
      reply.header('cache-control', 'public, max-age=86400').type('text/plain; charset=utf-8').send(robotsTxt(deps.config.publicUrl)));
    await app.register(contactRoutes(deps, { site, analytics, guard }));
    await app.register(trackRoutes(deps, { site, guard }));
  };
}
