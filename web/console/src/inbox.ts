import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, isMissing, messageOf } from './api.ts';
import { ago, agentName, label, teamName, useDirectory } from './directory.ts';
import { useKeys } from './keyboard.ts';
import { live } from './live.ts';
import { navigate } from './router.ts';
import { CATEGORIES, CHANNELS, STATUSES, type Counts, type Page, type Ticket } from './types.ts';
import { VirtualList } from './virtual-list.ts';

const OPEN = 'new,open,pending,on_hold';
const PAGE = 100;
const ROW = 58;
/** The performance mark set once the inbox list is first painted. */
const PAINTED = 'careline:inbox-painted';

/** The API filters a view stands for: "mine", "status:pending", "team:3", … */
function filtersOf(view: string): Record<string, string> {
  const [kind, value = ''] = view.split(':');
  switch (kind) {
    case 'mine': return { assignee: 'me', status: OPEN };
    case 'unassigned': return { assignee: 'none', status: OPEN };
    case 'all': return {};
    case 'status': return { status: value };
    case 'channel': return { channel: value, status: OPEN };
    case 'category': return { category: value, status: OPEN };
    case 'team': return { team: value, status: OPEN };
    default: return { status: OPEN };
  }
}

/** The API query of a view's page: its filters, the search, the cursor. */
function pageQuery(view: string, q: string, cursor: string | null): string {
  const p = new URLSearchParams({ ...filtersOf(view), limit: String(PAGE) });
  if (q) {
    p.set('q', q);
    if (view === 'open') p.delete('status');
  }
  if (cursor) p.set('cursor', cursor);
  return p.toString();
}

let prefetched: { query: string; page: Promise<Page<Ticket>> } | null = null;

/**
 * Starts loading the first page of the inbox the URL shows while the app is still checking
 * the session, so the list does not wait for one more round trip.
 */
export function prefetchInbox(search: URLSearchParams): void {
  const query = pageQuery(search.get('view') ?? 'open', search.get('q') ?? '', null);
  const page = api<Page<Ticket>>('GET', `/tickets?${query}`, undefined, { quiet401: true });
  page.catch(() => undefined);
  prefetched = { query, page };
}

type ListState = { key: string; items: Ticket[]; cursor: string | null; done: boolean; selected: number; scrollTop: number };
/** The last list shown, so coming back from a ticket is instant and keeps the place. */
let kept: ListState | null = null;

/** Inbox: views with counts, search, and the virtualized, cursor-paged ticket list. */
export function Inbox({ query }: { query: URLSearchParams }) {
  const dir = useDirectory();
  const view = query.get('view') ?? 'open';
  const q = query.get('q') ?? '';
  const key = `${view}|${q}`;
  const [state, setState] = useState<ListState>(() => (kept?.key === key ? kept : { key, items: [], cursor: null, done: false, selected: 0, scrollTop: 0 }));
  const [counts, setCounts] = useState<Counts | null>(null);
  const [countsMissing, setCountsMissing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [search, setSearch] = useState(q);
  const loading = useRef(false);
  const stateRef = useRef(state);
  stateRef.current = state;
  kept = state;

  const params = (cursor: string | null): string => pageQuery(view, q, cursor);

  const loadMore = async (): Promise<void> => {
    const s = stateRef.current;
    if (loading.current || s.done || s.key !== key) return;
    loading.current = true;
    try {
      const query = params(s.cursor);
      const early = prefetched?.query === query ? prefetched.page : null;
      prefetched = null;
      const page = await (early ?? Promise.reject(new Error('none'))).catch(() => api<Page<Ticket>>('GET', `/tickets?${query}`));
      setState((prev) => (prev.key !== key ? prev : { ...prev, items: [...prev.items, ...page.items.filter((t) => !prev.items.some((p) => p.id === t.id))], cursor: page.next_cursor, done: page.next_cursor === null }));
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      loading.current = false;
    }
  };

  /** New and changed tickets at the top: the first page again, merged over what is shown. */
  const refreshTop = async (): Promise<void> => {
    try {
      const page = await api<Page<Ticket>>('GET', `/tickets?${params(null)}`);
      setState((prev) => {
        if (prev.key !== key) return prev;
        const fresh = new Set(page.items.map((t) => t.id));
        const selectedId = prev.items[prev.selected]?.id;
        const items = [...page.items, ...prev.items.filter((t) => !fresh.has(t.id))];
        const selected = Math.max(0, items.findIndex((t) => t.id === selectedId));
        return { ...prev, items, selected, ...(prev.items.length === 0 ? { cursor: page.next_cursor, done: page.next_cursor === null } : {}) };
      });
    } catch {
      // the next event or scroll tries again
    }
  };

  const loadCounts = (): void => {
    api<Counts>('GET', '/tickets/counts')
      .then(setCounts)
      .catch((e: unknown) => setCountsMissing(isMissing(e) || (e as { status?: number }).status === 400));
  };

  useEffect(() => {
    setSearch(q);
    if (stateRef.current.key !== key) setState({ key, items: [], cursor: null, done: false, selected: 0, scrollTop: 0 });
    else if (stateRef.current.items.length > 0) void refreshTop();
  }, [key]);
  useEffect(() => {
    if (state.items.length === 0 && !state.done) void loadMore();
    // For bench/console.ts: when the first rows are on screen (the frame after they render).
    else if (state.items.length > 0 && performance.getEntriesByName(PAINTED).length === 0) requestAnimationFrame(() => performance.mark(PAINTED));
  }, [state.key, state.items.length]);
  useEffect(() => {
    loadCounts();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = live.subscribe((frame) => {
      if (frame.type !== 'event') return;
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        void refreshTop();
        loadCounts();
      }, 400);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [key]);

  const go = (to: { view?: string; q?: string }): void => {
    const p = new URLSearchParams();
    const v = to.view ?? view;
    if (v !== 'open') p.set('view', v);
    const text = to.q ?? q;
    if (text) p.set('q', text);
    navigate(p.size ? `/?${p.toString()}` : '/');
  };
  const open = (i: number): void => {
    const t = state.items[i];
    if (t) navigate(`/tickets/${t.reference}`);
  };
  const move = (d: number): void => setState((s) => ({ ...s, selected: Math.min(Math.max(0, s.selected + d), Math.max(0, s.items.length - 1)) }));
  useKeys({
    j: () => move(1),
    k: () => move(-1),
    ArrowDown: () => move(1),
    ArrowUp: () => move(-1),
    o: () => open(state.selected),
    Enter: () => open(state.selected),
    '/': () => document.getElementById('ticket-search')?.focus(),
  });

  const count = (group: 'by_status' | 'by_channel' | 'by_category', value: string): number | undefined => counts?.[group][value];
  const teamCount = (id: number): number | undefined => (counts ? (counts.by_team.find((t) => t.team_id === id)?.count ?? 0) : undefined);
  const viewLink = (v: string, text: string, n: number | undefined) =>
    h('li', { key: v },
      h('a', { href: `/console/?view=${encodeURIComponent(v)}`, 'aria-current': v === view ? 'page' : undefined, onClick: (e: Event) => { e.preventDefault(); go({ view: v, q: '' }); } },
        h('span', null, text), n !== undefined ? h('span', { class: 'count', 'aria-label': `${n} tickets` }, String(n)) : null));

  return h('div', { class: 'inbox' },
    h('nav', { class: 'views', 'aria-label': 'Views' },
      h('ul', null,
        viewLink('mine', 'Mine', counts?.views.mine ?? undefined),
        viewLink('unassigned', 'Unassigned', counts?.views.unassigned),
        viewLink('open', 'All open', counts?.views.open),
        viewLink('all', 'All tickets', counts?.views.all)),
      h('h3', null, 'Status'), h('ul', null, STATUSES.map((s) => viewLink(`status:${s}`, label(s), count('by_status', s)))),
      h('h3', null, 'Channel'), h('ul', null, CHANNELS.map((c) => viewLink(`channel:${c}`, label(c), count('by_channel', c)))),
      h('h3', null, 'Category'), h('ul', null, CATEGORIES.map((c) => viewLink(`category:${c}`, label(c), count('by_category', c)))),
      dir.teams.length ? [h('h3', null, 'Team'), h('ul', null, dir.teams.map((t) => viewLink(`team:${t.id}`, t.name, teamCount(t.id))))] : null,
      countsMissing ? h('p', { class: 'muted small' }, 'Counts are not available on this server.') : null),
    h('section', { class: 'list-pane', 'aria-label': 'Tickets' },
      h('form', { class: 'searchbar', role: 'search', onSubmit: (e: Event) => { e.preventDefault(); go({ q: search.trim() }); } },
        h('label', { for: 'ticket-search', class: 'sr-only' }, 'Search tickets'),
        h('input', {
          id: 'ticket-search', type: 'search', placeholder: 'Search subject, message, customer or reference  ( / )', value: search,
          onInput: (e: Event) => setSearch((e.target as HTMLInputElement).value),
          onKeyDown: (e: KeyboardEvent) => { if (e.key === 'Escape') (e.target as HTMLInputElement).blur(); },
        }),
        q ? h('button', { type: 'button', class: 'ghost', onClick: () => go({ q: '' }) }, 'Clear') : null),
      error ? h('p', { class: 'error', role: 'alert' }, error) : null,
      state.items.length === 0
        ? h('p', { class: 'empty' }, state.done ? (q ? `No tickets match “${q}”.` : 'Nothing here. Calm waters.') : 'Loading tickets…')
        : h(VirtualList<Ticket>, {
            items: state.items,
            rowHeight: ROW,
            selected: state.selected,
            label: 'Tickets',
            initialScrollTop: state.scrollTop,
            keyOf: (t) => t.id,
            onNearEnd: () => void loadMore(),
            onScrollTop: (top) => { kept = { ...stateRef.current, scrollTop: top }; },
            row: (t, i) => h('a', {
              href: `/console/tickets/${t.reference}`,
              class: 'ticket-row',
              'data-reference': t.reference,
              tabIndex: -1,
              onClick: (e: Event) => { e.preventDefault(); setState((s) => ({ ...s, selected: i })); open(i); },
            },
              h('span', { class: `status-dot s-${t.status}`, title: label(t.status) }),
              h('span', { class: 'row-main' },
                h('span', { class: 'row-subject' }, t.subject),
                h('span', { class: 'row-meta' }, `${t.customer.name ?? t.customer.email ?? 'Unknown'} · ${t.reference} · ${agentName(dir, t.assignee_id)} · ${teamName(dir, t.team_id)}`)),
              h('span', { class: 'row-side' },
                h('span', { class: `badge ch-${t.channel}` }, t.channel),
                t.priority === 'high' || t.priority === 'urgent' ? h('span', { class: `badge p-${t.priority}` }, t.priority) : null,
                h('time', { dateTime: t.updated_at }, ago(t.updated_at)))),
          }),
      state.items.length > 0 ? h('p', { class: 'list-foot muted small' }, `${state.items.length}${state.done ? '' : '+'} tickets shown · j/k to move, o to open`) : null));
}
