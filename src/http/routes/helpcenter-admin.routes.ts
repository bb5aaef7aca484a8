import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Deps } from '../../deps.ts';
import { analyticsFor, analyticsReport, createSynonym, deleteSynonym, listSynonyms, saveCategory, updateSynonym } from '../../modules/helpcenter/index.ts';
import { categoryJson, CategorySchema, LocaleSchema, Slug, SynonymSchema, synonymJson } from '../helpcenter-schemas.ts';
import { errorResponses, Id, nullable, Timestamp, Type } from '../schemas.ts';

const Phrase = Type.String({ minLength: 1, maxLength: 100 });
const Expansions = Type.Array(Phrase, { minItems: 1, maxItems: 20 });
const Named = Type.Object({ slug: Type.String(), locale: LocaleSchema, title: Type.String(), article_id: Type.Integer() });

const ReportSchema = Type.Object({
  since: Timestamp,
  searches: Type.Integer(),
  top_searches: Type.Array(Type.Object({ query: Type.String(), count: Type.Integer() })),
  no_result_searches: Type.Array(Type.Object({ query: Type.String(), count: Type.Integer() })),
  unhelpful_articles: Type.Array(Type.Intersect([Named, Type.Object({ helpful: Type.Integer(), unhelpful: Type.Integer() })])),
  top_articles: Type.Array(Type.Intersect([Named, Type.Object({ views: Type.Integer() })])),
  deflection: Type.Object({
    visits: Type.Integer(), opened_article: Type.Integer(), submitted: Type.Integer(), deflected: Type.Integer(),
    rate: nullable(Type.Number({ description: 'visits that opened an article and did not submit, over visits' })),
  }),
});

/** Help center settings for admins: search synonyms, categories, and the analytics report. */
export function helpcenterAdminRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['helpcenter admin'];

    r.get('/helpcenter/synonyms', {
      config: { access: 'helpcenter:admin' },
      schema: { tags, summary: 'Search synonyms', querystring: Type.Object({ locale: Type.Optional(LocaleSchema) }, { additionalProperties: false }), response: { 200: Type.Object({ items: Type.Array(SynonymSchema) }), ...errorResponses } },
    }, async (request) => ({ items: (await listSynonyms(deps.store.db, request.query.locale)).map(synonymJson) }));

    r.post('/helpcenter/synonyms', {
      config: { access: 'helpcenter:admin' },
      schema: {
        tags,
        summary: 'Add a synonym: queries containing the phrase are also searched as each expansion',
        body: Type.Object({ phrase: Phrase, expansions: Expansions, locale: Type.Optional(LocaleSchema) }, { additionalProperties: false }),
        response: { 201: SynonymSchema, ...errorResponses },
      },
    }, async (request, reply) => reply.code(201).send(synonymJson(await deps.uow((work) => createSynonym(work.trx, request.body, work.now)))));

    r.patch('/helpcenter/synonyms/:id', {
      config: { access: 'helpcenter:admin' },
      schema: {
        tags,
        summary: "Change a synonym's phrase or expansions",
        params: Type.Object({ id: Id }),
        body: Type.Object({ phrase: Type.Optional(Phrase), expansions: Type.Optional(Expansions) }, { additionalProperties: false, minProperties: 1 }),
        response: { 200: SynonymSchema, ...errorResponses },
      },
    }, async (request) => synonymJson(await deps.uow((work) => updateSynonym(work.trx, request.params.id, request.body, work.now))));

    r.delete('/helpcenter/synonyms/:id', {
      config: { access: 'helpcenter:admin' },
      schema: { tags, summary: 'Remove a synonym', params: Type.Object({ id: Id }), response: { 204: Type.Null(), ...errorResponses } },
    }, async (request, reply) => {
      await deps.uow((work) => deleteSynonym(work.trx, request.params.id));
      return reply.code(204).send(null);
    });

    r.put('/helpcenter/categories/:slug', {
      config: { access: 'helpcenter:admin' },
      schema: {
        tags,
        summary: 'Create or rename a category (names per locale) or move it',
        params: Type.Object({ slug: Slug }),
        body: Type.Object({ names: Type.Optional(Type.Partial(Type.Object({ en: Phrase, de: Phrase }), { additionalProperties: false })), position: Type.Optional(Type.Integer({ minimum: 0 })) }, { additionalProperties: false }),
        response: { 200: CategorySchema, ...errorResponses },
      },
    }, async (request) => categoryJson(await deps.uow((work) => saveCategory(work.trx, { slug: request.params.slug, ...request.body }, work.now)), 'en'));

    r.get('/helpcenter/analytics', {
      config: { access: 'helpcenter:admin' },
      schema: {
        tags,
        summary: 'Top searches, searches with no results, unhelpful articles, most read articles and the contact deflection rate',
        querystring: Type.Object({ since: Type.Optional(Timestamp), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })) }, { additionalProperties: false }),
        response: { 200: ReportSchema, ...errorResponses },
      },
    }, async (request) => {
      await analyticsFor(deps.store, deps.clock, deps.log).flush();
      const report = await analyticsReport(deps.store.db, { ...(request.query.since ? { since: request.query.since } : {}), limit: request.query.limit ?? 20, now: deps.clock.now() });
      const named = (a: { articleId: number; slug: string; locale: 'en' | 'de'; title: string }) => ({ article_id: a.articleId, slug: a.slug, locale: a.locale, title: a.title });
      return {
        since: report.since,
        searches: report.searches,
        top_searches: report.topSearches,
        no_result_searches: report.noResultSearches,
        unhelpful_articles: report.unhelpfulArticles.map((a) => ({ ...named(a), helpful: a.helpful, unhelpful: a.unhelpful })),
        top_articles: report.topArticles.map((a) => ({ ...named(a), views: a.views })),
        deflection: { visits: report.deflection.visits, opened_article: report.deflection.openedArticle, submitted: report.deflection.submitted, deflected: report.deflection.deflected, rate: report.deflection.rate },
      };
    });
  };
}
