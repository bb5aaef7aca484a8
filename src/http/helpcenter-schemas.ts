import { articleUrl, LOCALES, type Article, type ArticleView, type Category, type Revision, type Synonym, categoryName, type Locale } from '../modules/helpcenter/index.ts';
import { nullable, Timestamp, Type } from './schemas.ts';

/** Help center shapes of the API (TypeBox, so they feed validation and OpenAPI) and the presenters that fill them. */
export const LocaleSchema = Type.Enum([...LOCALES]);
export const Slug = Type.String({ minLength: 1, maxLength: 120, pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$' });
const HelpfulCounts = Type.Object({ yes: Type.Integer(), no: Type.Integer() });
const CategoryRef = nullable(Type.Object({ slug: Type.String(), name: Type.String() }));

export const ArticleSchema = Type.Object(
  {
    id: Type.Integer(),
    slug: Type.String(),
    locale: LocaleSchema,
    title: Type.String(),
    description: Type.String(),
    body: Type.String({ description: 'Markdown source' }),
    html: Type.String({ description: 'Rendered and sanitized HTML' }),
    category: CategoryRef,
    tags: Type.Array(Type.String()),
    status: Type.Enum(['draft', 'published']),
    revision: Type.Integer(),
    view_count: Type.Integer(),
    helpful: HelpfulCounts,
    url: Type.String(),
    published_at: nullable(Timestamp),
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { $id: 'HelpCenterArticle' },
);

export const PublicArticleSchema = Type.Object(
  {
    slug: Type.String(),
    locale: LocaleSchema,
    requested_locale: LocaleSchema,
    fallback: Type.Boolean({ description: 'true when the requested locale has no translation and English is served' }),
    translations: Type.Array(LocaleSchema),
    title: Type.String(),
    description: Type.String(),
    html: Type.String(),
    category: CategoryRef,
    tags: Type.Array(Type.String()),
    helpful: HelpfulCounts,
    url: Type.String(),
    published_at: nullable(Timestamp),
    updated_at: Timestamp,
    related: Type.Array(Type.Object({ slug: Type.String(), title: Type.String(), url: Type.String(), reason: Type.String() })),
  },
  { $id: 'HelpCenterPublicArticle' },
);

export const RevisionSchema = Type.Object({
  number: Type.Integer(),
  title: Type.String(),
  description: Type.String(),
  body: Type.String(),
  category: nullable(Type.String()),
  tags: Type.Array(Type.String()),
  note: nullable(Type.String()),
  actor: Type.Object({ type: Type.String(), id: nullable(Type.Integer()) }),
  created_at: Timestamp,
});

export const CategorySchema = Type.Object({ slug: Type.String(), name: Type.String(), names: Type.Record(Type.String(), Type.String()), position: Type.Integer() });

export const SynonymSchema = Type.Object({ id: Type.Integer(), locale: LocaleSchema, phrase: Type.String(), expansions: Type.Array(Type.String()), created_at: Timestamp, updated_at: Timestamp });

export const articleJson = (a: Article, publicUrl: string) => ({
  id: a.id,
  slug: a.slug,
  locale: a.locale,
  title: a.title,
  description: a.description,
  body: a.body,
  html: a.html,
  category: a.category ? { slug: a.category.slug, name: a.category.name } : null,
  tags: a.tags,
  status: a.status,
  revision: a.revision,
  view_count: a.viewCount,
  helpful: a.helpful,
  url: articleUrl(publicUrl, a.slug, a.locale),
  published_at: a.publishedAt,
  created_at: a.createdAt,
  updated_at: a.updatedAt,
});

export const publicArticleJson = (v: ArticleView, publicUrl: string, related: Array<{ slug: string; locale: Locale; title: string; reason: string }>) => ({
  slug: v.article.slug,
  locale: v.article.locale,
  requested_locale: v.requestedLocale,
  fallback: v.fallback,
  translations: v.translations,
  title: v.article.title,
  description: v.article.description,
  html: v.article.html,
  category: v.article.category ? { slug: v.article.category.slug, name: v.article.category.name } : null,
  tags: v.article.tags,
  helpful: v.article.helpful,
  url: articleUrl(publicUrl, v.article.slug, v.article.locale),
  published_at: v.article.publishedAt,
  updated_at: v.article.updatedAt,
  related: related.map((r) => ({ slug: r.slug, title: r.title, url: articleUrl(publicUrl, r.slug, r.locale), reason: r.reason })),
});

export const revisionJson = (r: Revision) => ({
  number: r.number,
  title: r.title,
  description: r.description,
  body: r.body,
  category: r.category,
  tags: r.tags,
  note: r.note,
  actor: r.actor,
  created_at: r.createdAt,
});

export const categoryJson = (c: Category, locale: Locale) => ({ slug: c.slug, name: categoryName(c, locale), names: c.names as Record<string, string>, position: c.position });

export const synonymJson = (s: Synonym) => ({ id: s.id, locale: s.locale, phrase: s.phrase, expansions: s.expansions, created_at: s.createdAt, updated_at: s.updatedAt });
