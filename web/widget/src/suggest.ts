import type { Suggestion } from './view.ts';

const MIN_CHARS = 3;
const DELAY_MS = 300;

/** Help-center articles for what the customer is typing: debounced, stale answers dropped, failures quiet. */
export function suggester(base: string, locale: string, show: (found: Suggestion[]) => void): (text: string) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inflight: AbortController | null = null;
  let lastQuery = '';
  return (text) => {
    clearTimeout(timer);
    const q = text.trim().slice(0, 200);
    if (q.length < MIN_CHARS) {
      lastQuery = '';
      inflight?.abort();
      show([]);
      return;
    }
    timer = setTimeout(() => {
      if (q === lastQuery) return;
      lastQuery = q;
      inflight?.abort();
      const ctl = new AbortController();
      inflight = ctl;
      const url = `${base}/api/v1/helpcenter/search?${new URLSearchParams({ q, locale, limit: '3' })}`;
      fetch(url, { signal: ctl.signal, credentials: 'omit' })
        .then((res) => (res.ok ? (res.json() as Promise<{ results: Suggestion[] }>) : { results: [] }))
        .then((body) => ctl === inflight && show(body.results.slice(0, 3)))
        .catch(() => ctl === inflight && show([]));
    }, DELAY_MS);
  };
}
