import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Deps } from '../../deps.ts';
import { notFound } from '../../kernel/errors.ts';
import {
  analyticsFor, articleUrl, getArticle, listCategories, MAX_FEEDBACK_COMMENT, MAX_QUERY_CHARS, recordFeedback, relatedArticles, searchArticles, suggestArticles,
} from '../../modules/helpcenter/index.ts';
import { categoryJson, CategorySchema, LocaleSchema, PublicArticleSchema, publicArticleJson, Slug } from '../helpcenter-schemas.ts';
import { errorResponses, Type } from '../schemas.ts';

const Session = Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'the visitor session, for analytics' }));
const Query = Type.String({ minLength: 1, maxLength: MAX_QUERY_CHARS });
const SearchResult = Type.Object({ slug: Type.String(), locale: LocaleSchema, title: Type.String(), snippet: Type.String({ description: 'HTML-safe; matches in <mark>' }), url: Type.String(), score: Type.Number() });

/** The public help center API: search, type-ahead, articles, feedback, categories. Search and feedback are rate limited per IP. */
export function helpcenterRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<TypeBoxTypeProvider>();
    const analytics = analyticsFor(deps.store, deps.clock, deps.log);
    app.addHook('onClose', async () => analytics.flush());
    const publicUrl = deps.config.publicUrl;

    r.get('/helpcenter/search', {
      config: { access: 'public', rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        tags: ['helpcenter'],
        summary: 'Search published articles, best first',
        description: 'Ranks by BM25 over title, description, tags and body, tolerates typos, applies admin synonyms, matches error codes and versions exactly. Readers of German also get untranslated English articles.',
        querystring: Type.Object({ q: Query, locale: Type.Optional(LocaleSchema), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })), session: Session }, { additionalProperties: false }),
        response: { 200: Type.Object({ results: Type.Array(SearchResult) }), ...errorResponses },
      },
    }, async (request) => {
      const { q, locale = 'en', limit = 10, session } = request.query;
      const hits = await searchArticles(deps.store.db, { q, locale, limit });
      analytics.recordSearch({ query: q, locale, resultCount: hits.length, topSlug: hits[0]?.slug ?? null, sessionId: session ?? null });
      return { results: hits.map((h) => ({ slug: h.slug, locale: h.locale, title: h.title, snippet: h.snippet, url: articleUrl(publicUrl, h.slug, h.locale), score: h.score })) };
    });

    r.get('/helpcenter/suggest', {
      config: { access: 'public', rateLimit: { max: 600, timeWindow: '1 minute' } },
      schema: {
        tags: ['helpcenter'],
        summary: 'Type-ahead: article titles matching what has been typed so far',
        querystring: Type.Object({ q: Query, locale: Type.Optional(LocaleSchema), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, default: 8 })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ suggestions: Type.Array(Type.Object({ slug: Type.String(), locale: LocaleSchema, title: Type.String(), url: Type.String() })) }), ...errorResponses },
      },
    }, async (request) => {
      const { q, locale = 'en', limit = 8 } = request.query;
      const found = await suggestArticles(deps.store.db, { q, locale, limit });
      return { suggestions: found.map((s) => ({ slug: s.slug, locale: s.locale, title: s.title, url: articleUrl(publicUrl, s.slug, s.locale) })) };
    });

    r.get('/helpcenter/articles/:slug', {
      config: { access: 'public' },
      schema: {
        tags: ['helpcenter'],
        summary: 'A published article in a locale, falling back to English, with related articles',
        params: Type.Object({ slug: Slug }),
        querystring: Type.Object({ locale: Type.Optional(LocaleSchema), session: Session }, { additionalProperties: false }),
        response: { 200: PublicArticleSchema, ...errorResponses },
      },
    }, async (request) => {
      const view = await getArticle(deps.store.db, request.params.slug, request.query.locale ?? 'en');
      if (!view) throw notFound(`Article "${request.params.slug}"`);
      analytics.recordView(view.article.id, request.query.session ?? null);
      return publicArticleJson(view, publicUrl, await relatedArticles(deps.store.db, view.article.id, 5));
    });

    r.post('/helpcenter/articles/:slug/feedback', {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['helpcenter'],
        summary: 'Say whether an article helped, with an optional comment',
        params: Type.Object({ slug: Slug }),
        querystring: Type.Object({ locale: Type.Optional(LocaleSchema) }, { additionalProperties: false }),
        body: Type.Object({ helpful: Type.Boolean(), comment: Type.Optional(Type.String({ maxLength: MAX_FEEDBACK_COMMENT })) }, { additionalProperties: false }),
        response: { 201: Type.Object({ helpful: Type.Object({ yes: Type.Integer(), no: Type.Integer() }) }), ...errorResponses },
      },
    }, async (request, reply) => {
      const view = await getArticle(deps.store.db, request.params.slug, request.query.locale ?? 'en');
      if (!view) throw notFound(`Article "${request.params.slug}"`);
      const counts = await deps.uow((work) => recordFeedback(work, view.article.id, { helpful: request.body.helpful, comment: request.body.comment ?? null }));
      return reply.code(201).send({ helpful: counts });
    });

    r.get('/helpcenter/categories', {
      config: { access: 'public' },
      schema: {
        tags: ['helpcenter'],
        summary: 'Categories in display order, named in a locale',
        querystring: Type.Object({ locale: Type.Optional(LocaleSchema) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(CategorySchema) }), ...errorResponses },
      },
    }, async (request) => ({ items: (await listCategories(deps.store.db)).map((c) => categoryJson(c, request.query.locale ?? 'en')) }));
  };
}
