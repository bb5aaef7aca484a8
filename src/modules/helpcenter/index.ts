/**
 * The help center: articles in English and German with revisions, categories, feedback,
 * related articles, images, search (SQLite FTS5 or PostgreSQL full text behind one port, with
 * the same ranking, spelling, synonyms and snippets on both), analytics, import and export.
 *
 * Writes take a `Work` from `deps.uow(...)` so the search index changes in the same
 * transaction as the article; reads take `deps.store.db`. A public site needs only:
 * getArticle, articleUrl, listArticles/listCategories (status 'published'), relatedArticles,
 * searchArticles/suggestArticles, recordFeedback, and analyticsFor(...).recordView /
 * recordSearch / recordContactEvent.
 */
export * from './model.ts';
export { listCategories, findCategoryById, saveCategory, categoryName } from './categories.ts';
export { findArticleById, findArticleBySlug, listArticles, type ArticleFilter } from './articles.ts';
export { createArticle, updateArticle, contentOf, type NewArticle, type ArticlePatch } from './save-article.ts';
export { publishArticle, unpublishArticle, restoreRevision } from './publish-article.ts';
export { listRevisions, getRevision, diffRevisions } from './revisions.ts';
export { getArticle, articleUrl, type ArticleView } from './get-article.ts';
export { recordFeedback, listFeedback, MAX_FEEDBACK_COMMENT, type Feedback } from './feedback.ts';
export { relatedArticles, type RelatedArticle } from './related.ts';
export { saveImage, storedImage, imageNameOf, IMAGE_DIR, IMAGE_URL_PATH, IMAGE_TYPES, MAX_IMAGE_BYTES, type SavedImage } from './images.ts';
export { renderMarkdown } from './markdown.ts';
export { listSynonyms, createSynonym, updateSynonym, deleteSynonym, upsertSynonyms, parseSynonymsJson, type Synonym, type SynonymInput } from './synonyms.ts';
export { searchArticles, suggestArticles, MAX_QUERY_CHARS, type SearchHit, type SearchQuery, type Suggestion } from './search/search.ts';
export { DEFAULT_RANKING, type RankParams } from './search/rank.ts';
export { HelpCenterAnalytics, analyticsFor, CONTACT_EVENT_KINDS, type ContactEventKind, type SearchRecord } from './analytics/recorder.ts';
export { analyticsReport, type AnalyticsReport } from './analytics/report.ts';
export { importArticles, findArticleFiles, type ImportReport, type ImportOutcome, type ImportOptions } from './import-articles.ts';
export { exportArticles, exportPath, type ExportOptions } from './export-articles.ts';
export { parseArticleFile, formatArticleFile, ArticleFileError, type ArticleFile } from './front-matter.ts';
