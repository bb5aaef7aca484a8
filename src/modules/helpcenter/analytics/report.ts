import { sql } from 'kysely';
import type { Db } from '../../../store/database.ts';
import type { Locale } from '../model.ts';

/**
 * What admins read: the most frequent searches, searches that found nothing (articles to
 * write), articles readers found unhelpful, the most read articles, and the contact-form
 * deflection rate (visits that opened an article and did not submit, over all visits).
 */
export type AnalyticsReport = {
  since: string;
  searches: number;
  topSearches: Array<{ query: string; count: number }>;
  noResultSearches: Array<{ query: string; count: number }>;
  unhelpfulArticles: Array<{ articleId: number; slug: string; locale: Locale; title: string; helpful: number; unhelpful: number }>;
  topArticles: Array<{ articleId: number; slug: string; locale: Locale; title: string; views: number }>;
  deflection: { visits: number; openedArticle: number; submitted: number; deflected: number; rate: number | null };
};

/** The analytics report for everything recorded since a time (default: the last 30 days). */
export async function analyticsReport(db: Db, options: { since?: string; limit?: number; now?: Date } = {}): Promise<AnalyticsReport> {
  const since = options.since ?? new Date((options.now ?? new Date()).getTime() - 30 * 86_400_000).toISOString();
  const limit = options.limit ?? 20;
  const searches = db.selectFrom('helpcenter_searches').where('created_at', '>=', since);
  const [total, top, empty, unhelpful, read, flow] = await Promise.all([
    searches.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    searches.select(['query', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('query').orderBy('n', 'desc').orderBy('query').limit(limit).execute(),
    searches.where('result_count', '=', 0).select(['query', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('query').orderBy('n', 'desc').orderBy('query').limit(limit).execute(),
    sql<{ id: number; slug: string; locale: string; title: string; yes: number; no: number }>`
      select a.id, a.slug, a.locale, a.title, sum(f.helpful) as yes, sum(1 - f.helpful) as no
      from helpcenter_feedback f join helpcenter_articles a on a.id = f.article_id
      where f.created_at >= ${since}
      group by a.id, a.slug, a.locale, a.title
      having sum(1 - f.helpful) > 0
      order by sum(1 - f.helpful) - sum(f.helpful) desc, sum(1 - f.helpful) desc, a.id
      limit ${limit}`.execute(db),
    sql<{ id: number; slug: string; locale: string; title: string; n: number }>`
      select a.id, a.slug, a.locale, a.title, count(*) as n
      from helpcenter_views v join helpcenter_articles a on a.id = v.article_id
      where v.created_at >= ${since}
      group by a.id, a.slug, a.locale, a.title
      order by count(*) desc, a.id
      limit ${limit}`.execute(db),
    sql<{ visits: number | null; opened: number | null; submitted: number | null; deflected: number | null }>`
      select sum(v) as visits, sum(v * o) as opened, sum(v * s) as submitted, sum(v * o * (1 - s)) as deflected
      from (select session_id,
              max(case when kind = 'visit' then 1 else 0 end) as v,
              max(case when kind = 'article_opened' then 1 else 0 end) as o,
              max(case when kind = 'submitted' then 1 else 0 end) as s
            from helpcenter_contact_events where created_at >= ${since} group by session_id) sessions`.execute(db),
  ]);
  const f = flow.rows[0];
  const visits = Number(f?.visits ?? 0);
  const deflected = Number(f?.deflected ?? 0);
  return {
    since,
    searches: Number(total.n),
    topSearches: top.map((r) => ({ query: r.query, count: Number(r.n) })),
    noResultSearches: empty.map((r) => ({ query: r.query, count: Number(r.n) })),
    unhelpfulArticles: unhelpful.rows.map((r) => ({ articleId: Number(r.id), slug: r.slug, locale: r.locale as Locale, title: r.title, helpful: Number(r.yes), unhelpful: Number(r.no) })),
    topArticles: read.rows.map((r) => ({ articleId: Number(r.id), slug: r.slug, locale: r.locale as Locale, title: r.title, views: Number(r.n) })),
    deflection: { visits, openedArticle: Number(f?.opened ?? 0), submitted: Number(f?.submitted ?? 0), deflected, rate: visits > 0 ? Math.round((deflected / visits) * 1000) / 1000 : null },
  };
}
