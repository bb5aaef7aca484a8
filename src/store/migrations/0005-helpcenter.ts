import { sql, type Kysely } from 'kysely';
import { isPostgres, withId } from './helpers.ts';

/**
 * The help center: categories, articles (one row per slug and locale), every saved revision,
 * feedback, admin-managed synonyms, search analytics, and the search index. The index keeps
 * each published article's analyzed terms (made in TypeScript, identical on both dialects) in
 * `helpcenter_search_docs`, a vocabulary with document frequencies for ranking and spelling,
 * and per-locale statistics; SQLite matches through an FTS5 table, PostgreSQL through weighted
 * tsvector columns (all fields; title, description and tags) with GIN indexes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  await withId(db, db.schema.createTable('helpcenter_categories'))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('names', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('helpcenter_articles'))
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('category_id', 'integer', (c) => c.references('helpcenter_categories.id'))
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('view_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('helpful_yes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('helpful_no', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('published_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('helpcenter_articles_slug_locale', ['slug', 'locale'])
    .execute();
  await db.schema.createIndex('helpcenter_articles_category').on('helpcenter_articles').columns(['category_id', 'locale']).execute();

  await withId(db, db.schema.createTable('helpcenter_revisions'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('helpcenter_articles.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('helpcenter_revisions_number', ['article_id', 'number'])
    .execute();

  await withId(db, db.schema.createTable('helpcenter_feedback'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('helpcenter_articles.id').onDelete('cascade'))
    .addColumn('helpful', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('helpcenter_feedback_article').on('helpcenter_feedback').columns(['article_id', 'id']).execute();

  await withId(db, db.schema.createTable('helpcenter_synonyms'))
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('phrase', 'text', (c) => c.notNull())
    .addColumn('expansions', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('helpcenter_synonyms_phrase', ['locale', 'phrase'])
    .execute();

  await withId(db, db.schema.createTable('helpcenter_searches'))
    .addColumn('query', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('result_count', 'integer', (c) => c.notNull())
    .addColumn('top_slug', 'text')
    .addColumn('session_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('helpcenter_searches_created').on('helpcenter_searches').column('created_at').execute();

  await withId(db, db.schema.createTable('helpcenter_views'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('helpcenter_articles.id').onDelete('cascade'))
    .addColumn('session_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('helpcenter_views_created').on('helpcenter_views').column('created_at').execute();

  await withId(db, db.schema.createTable('helpcenter_contact_events'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('helpcenter_contact_events_session').on('helpcenter_contact_events').columns(['created_at', 'session_id']).execute();

  await db.schema
    .createTable('helpcenter_search_docs')
    .addColumn('article_id', 'integer', (c) => c.primaryKey().references('helpcenter_articles.id').onDelete('cascade'))
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('title_terms', 'text', (c) => c.notNull())
    .addColumn('description_terms', 'text', (c) => c.notNull())
    .addColumn('tag_terms', 'text', (c) => c.notNull())
    .addColumn('body_terms', 'text', (c) => c.notNull())
    .addColumn('lengths', 'text', (c) => c.notNull())
    .addColumn('words', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('helpcenter_search_docs_locale').on('helpcenter_search_docs').columns(['locale', 'slug']).execute();

  await db.schema
    .createTable('helpcenter_vocabulary')
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('df', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('helpcenter_vocabulary_pk', ['locale', 'kind', 'term'])
    .execute();

  await db.schema
    .createTable('helpcenter_search_stats')
    .addColumn('locale', 'text', (c) => c.primaryKey())
    .addColumn('docs', 'integer', (c) => c.notNull())
    .addColumn('title_length', 'integer', (c) => c.notNull())
    .addColumn('description_length', 'integer', (c) => c.notNull())
    .addColumn('tag_length', 'integer', (c) => c.notNull())
    .addColumn('body_length', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();

  if (pg) {
    await sql`alter table helpcenter_search_docs add column tsv tsvector not null`.execute(db);
    await sql`alter table helpcenter_search_docs add column tsv_meta tsvector not null`.execute(db);
    await sql`create index helpcenter_search_docs_tsv on helpcenter_search_docs using gin (tsv)`.execute(db);
    await sql`create index helpcenter_search_docs_tsv_meta on helpcenter_search_docs using gin (tsv_meta)`.execute(db);
  } else {
    await sql`create virtual table helpcenter_fts using fts5(locale, title, description, tags, body, content='', contentless_delete=1, tokenize="unicode61 remove_diacritics 0 tokenchars '_'")`.execute(db);
  }
}
