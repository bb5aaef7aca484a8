import type { Clock } from '../../../kernel/clock.ts';
import type { Logger } from '../../../kernel/logger.ts';
import type { Store, Tx } from '../../../store/database.ts';
import type { Locale } from '../model.ts';

/** What the contact flow reports: a visit to the contact form, an article opened from it, a request submitted. */
export const CONTACT_EVENT_KINDS = ['visit', 'article_opened', 'submitted'] as const;
export type ContactEventKind = (typeof CONTACT_EVENT_KINDS)[number];

/** One search as analytics keeps it. */
export type SearchRecord = { query: string; locale: Locale; resultCount: number; topSlug: string | null; sessionId?: string | null };

type Pending = {
  searches: Array<{ query: string; locale: string; result_count: number; top_slug: string | null; session_id: string | null; created_at: string }>;
  views: Array<{ article_id: number; session_id: string | null; created_at: string }>;
  contacts: Array<{ kind: string; session_id: string; created_at: string }>;
};

const session = (id: string | null | undefined): string | null => (id ? id.trim().slice(0, 100) || null : null);
const CHUNK = 200;

/**
 * Records searches, article views and contact-flow events without a write per request:
 * rows are buffered and written in one transaction every `flushMs` (and on flush()/close()),
 * view counts included. A crash loses at most the last interval of analytics, never content.
 */
export class HelpCenterAnalytics {
  private pending: Pending = { searches: [], views: [], contacts: [] };
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly log: Pick<Logger, 'error'> | null = null,
    private readonly flushMs = 1000,
  ) {}

  /** Notes a search: what was asked, in which locale, how many results, which came first. */
  recordSearch(r: SearchRecord): void {
    const query = r.query.trim().toLowerCase().replace(/\s+/g, ' ').slice(0, 200);
    if (query === '') return;
    this.add('searches', { query, locale: r.locale, result_count: r.resultCount, top_slug: r.topSlug, session_id: session(r.sessionId), created_at: this.now() });
  }

  /** Notes that an article was read (and counts it on the article). */
  recordView(articleId: number, sessionId?: string | null): void {
    this.add('views', { article_id: articleId, session_id: session(sessionId), created_at: this.now() });
  }

  /** Notes a step of the contact flow for the deflection rate; the site calls this. */
  recordContactEvent(kind: ContactEventKind, sessionId: string): void {
    const id = session(sessionId);
    if (id) this.add('contacts', { kind, session_id: id, created_at: this.now() });
  }

  /** Writes everything buffered so far; resolves when it is committed. */
  flush(): Promise<void> {
    const batch = this.pending;
    this.pending = { searches: [], views: [], contacts: [] };
    this.flushing = this.flushing.then(() => this.write(batch)).catch((error: unknown) => this.log?.error({ err: error }, 'writing help center analytics failed'));
    return this.flushing;
  }

  /** Stops the timer and writes what is left. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }

  private now(): string {
    return this.clock.now().toISOString();
  }

  private add<K extends keyof Pending>(kind: K, row: Pending[K][number]): void {
    (this.pending[kind] as Array<Pending[K][number]>).push(row);
    if (!this.timer) {
      this.timer = setInterval(() => void this.flush(), this.flushMs);
      this.timer.unref();
    }
  }

  private async write(batch: Pending): Promise<void> {
    if (batch.searches.length + batch.views.length + batch.contacts.length === 0) return;
    await this.store.transaction(async (trx: Tx) => {
      for (let i = 0; i < batch.searches.length; i += CHUNK) await trx.insertInto('helpcenter_searches').values(batch.searches.slice(i, i + CHUNK)).execute();
      for (let i = 0; i < batch.views.length; i += CHUNK) await trx.insertInto('helpcenter_views').values(batch.views.slice(i, i + CHUNK)).execute();
      for (let i = 0; i < batch.contacts.length; i += CHUNK) await trx.insertInto('helpcenter_contact_events').values(batch.contacts.slice(i, i + CHUNK)).execute();
      const counts = new Map<number, number>();
      for (const v of batch.views) counts.set(v.article_id, (counts.get(v.article_id) ?? 0) + 1);
      for (const [id, n] of [...counts].sort((a, b) => a[0] - b[0])) {
        await trx.updateTable('helpcenter_articles').set((eb) => ({ view_count: eb('view_count', '+', n) })).where('id', '=', id).execute();
      }
    });
  }
}

const recorders = new WeakMap<Store, HelpCenterAnalytics>();

/** The analytics recorder of a store, one per process, so the API and the site share its buffer. */
export function analyticsFor(store: Store, clock: Clock, log: Pick<Logger, 'error'> | null = null): HelpCenterAnalytics {
  let recorder = recorders.get(store);
  if (!recorder) recorders.set(store, (recorder = new HelpCenterAnalytics(store, clock, log)));
  return recorder;
}
