import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Deps } from '../../deps.ts';
import {
  createArticle, diffRevisions, findArticleById, listArticles, listFeedback, listRevisions, MAX_ARTICLE_BODY, MAX_DESCRIPTION, MAX_TITLE, publishArticle, restoreRevision,
  unpublishArticle, updateArticle,
} from '../../modules/helpcenter/index.ts';
import { principalOf } from '../auth.ts';
import { ArticleSchema, articleJson, LocaleSchema, RevisionSchema, revisionJson, Slug } from '../helpcenter-schemas.ts';
import { errorResponses, Id, nullable, Timestamp, Type } from '../schemas.ts';

const Title = Type.String({ minLength: 1, maxLength: MAX_TITLE });
const Description = Type.String({ maxLength: MAX_DESCRIPTION });
const Markdown = Type.String({ maxLength: MAX_ARTICLE_BODY, description: 'Markdown' });
const Category = nullable(Type.String({ minLength: 1, maxLength: 100, description: 'a category slug or name; unknown ones are created' }));
const Tags = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 30 });
const Params = Type.Object({ id: Id });
const Status = Type.Enum(['draft', 'published']);

/** /api/v1/helpcenter/articles for agents and admins: list, create, edit, publish, revisions and their diffs, restore. */
export function helpcenterArticleRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<TypeBoxTypeProvider>();
    const json = (a: Parameters<typeof articleJson>[0]) => articleJson(a, deps.config.publicUrl);
    const tags = ['helpcenter admin'];

    r.get('/helpcenter/articles', {
      config: { access: 'helpcenter:manage' },
      schema: {
        tags,
        summary: 'Articles in any status, recently updated first',
        querystring: Type.Object({
          locale: Type.Optional(LocaleSchema), status: Type.Optional(Status), category: Type.Optional(Slug), tag: Type.Optional(Type.String({ maxLength: 64 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })), offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
        }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(ArticleSchema) }), ...errorResponses },
      },
    }, async (request) => {
      const q = request.query;
      const items = await listArticles(deps.store.db, { ...q, limit: q.limit ?? 50, offset: q.offset ?? 0 });
      return { items: items.map(json) };
    });

    r.post('/helpcenter/articles', {
      config: { access: 'helpcenter:manage' },
      schema: {
        tags,
        summary: 'Write a new article (a draft unless status says published); its first revision is kept',
        body: Type.Object({
          title: Title, description: Type.Optional(Description), body: Markdown, category: Type.Optional(Category), tags: Type.Optional(Tags),
          slug: Type.Optional(Slug), locale: Type.Optional(LocaleSchema), status: Type.Optional(Status),
        }, { additionalProperties: false }),
        response: { 201: ArticleSchema, ...errorResponses },
      },
    }, async (request, reply) => {
      const b = request.body;
      const article = await deps.uow((work) => createArticle(work, {
        title: b.title, description: b.description ?? '', body: b.body, category: b.category ?? null, tags: b.tags ?? [],
        ...(b.slug ? { slug: b.slug } : {}), ...(b.locale ? { locale: b.locale } : {}), ...(b.status ? { status: b.status } : {}),
      }, principalOf(request).actor));
      return reply.code(201).header('location', `/api/v1/helpcenter/articles/by-id/${article.id}`).send(json(article));
    });

    r.get('/helpcenter/articles/by-id/:id', {
      config: { access: 'helpcenter:manage' },
      schema: { tags, summary: 'One article by id, drafts included', params: Params, response: { 200: ArticleSchema, ...errorResponses } },
    }, async (request) => json(await findArticleById(deps.store.db, request.params.id)));

    r.patch('/helpcenter/articles/:id', {
      config: { access: 'helpcenter:manage' },
      schema: {
        tags,
        summary: 'Edit an article; a change keeps a new revision and updates search at once',
        params: Params,
        body: Type.Object({
          title: Type.Optional(Title), description: Type.Optional(Description), body: Type.Optional(Markdown), category: Type.Optional(Category),
          tags: Type.Optional(Tags), slug: Type.Optional(Slug), note: Type.Optional(Type.String({ maxLength: 200, description: 'kept with the revision' })),
        }, { additionalProperties: false, minProperties: 1 }),
        response: { 200: ArticleSchema, ...errorResponses },
      },
    }, async (request) => {
      const { article } = await deps.uow((work) => updateArticle(work, request.params.id, request.body, principalOf(request).actor));
      return json(article);
    });

    for (const [action, run] of [['publish', publishArticle], ['unpublish', unpublishArticle]] as const) {
      r.post(`/helpcenter/articles/:id/${action}`, {
        config: { access: 'helpcenter:manage' },
        schema: { tags, summary: action === 'publish' ? 'Publish: public and searchable' : 'Back to draft: hidden and out of search', params: Params, response: { 200: ArticleSchema, ...errorResponses } },
      }, async (request) => json(await deps.uow((work) => run(work, request.params.id))));
    }

    r.get('/helpcenter/articles/:id/revisions', {
      config: { access: 'helpcenter:manage' },
      schema: { tags, summary: "The article's revisions, newest first", params: Params, response: { 200: Type.Object({ items: Type.Array(RevisionSchema) }), ...errorResponses } },
    }, async (request) => {
      await findArticleById(deps.store.db, request.params.id);
      return { items: (await listRevisions(deps.store.db, request.params.id)).map(revisionJson) };
    });

    r.get('/helpcenter/articles/:id/revisions/diff', {
      config: { access: 'helpcenter:manage' },
      schema: {
        tags,
        summary: 'A unified text diff between two revisions',
        params: Params,
        querystring: Type.Object({ from: Id, to: Id }, { additionalProperties: false }),
        response: { 200: Type.Object({ from: Type.Integer(), to: Type.Integer(), diff: Type.String() }), ...errorResponses },
      },
    }, async (request) => {
      const { from, to } = request.query;
      return { from, to, diff: await diffRevisions(deps.store.db, request.params.id, from, to) };
    });

    r.post('/helpcenter/articles/:id/revisions/:number/restore', {
      config: { access: 'helpcenter:manage' },
      schema: {
        tags,
        summary: 'Make an old revision current again (as a new revision)',
        params: Type.Object({ id: Id, number: Id }),
        response: { 200: Type.Object({ changed: Type.Boolean(), article: ArticleSchema }), ...errorResponses },
      },
    }, async (request) => {
      const { article, changed } = await deps.uow((work) => restoreRevision(work, request.params.id, request.params.number, principalOf(request).actor));
      return { changed, article: json(article) };
    });

    r.get('/helpcenter/articles/:id/feedback', {
      config: { access: 'helpcenter:manage' },
      schema: {
        tags,
        summary: "Readers' feedback on an article, newest first",
        params: Params,
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ helpful: Type.Boolean(), comment: nullable(Type.String()), created_at: Timestamp })) }), ...errorResponses },
      },
    }, async (request) => {
      await findArticleById(deps.store.db, request.params.id);
      return { items: (await listFeedback(deps.store.db, request.params.id)).map((f) => ({ helpful: f.helpful, comment: f.comment, created_at: f.createdAt })) };
    });
  };
}
