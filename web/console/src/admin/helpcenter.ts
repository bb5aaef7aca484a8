import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { ago } from '../directory.ts';
import { Field, Missing, Page, Select, Status, useAction } from './ui.ts';
import { useResource } from './use-resource.ts';

type Article = { id: number; slug: string; locale: string; title: string; description: string; body: string; category: { slug: string; name: string } | null; tags: string[]; status: 'draft' | 'published'; revision: number; url: string; updated_at: string };
type Revision = { number: number; title: string; note: string | null; created_at?: string };

/** Markdown rendered in the browser for the preview, shown in a sandboxed frame with no scripts. */
function Preview({ markdown }: { markdown: string }) {
  const [html, setHtml] = useState('');
  useEffect(() => {
    let live = true;
    const t = setTimeout(() => {
      void import('marked').then(({ marked }) => marked.parse(markdown, { async: true })).then((out) => { if (live) setHtml(out); });
    }, 150);
    return () => { live = false; clearTimeout(t); };
  }, [markdown]);
  const doc = `<!doctype html><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'">` +
    `<style>:root{color-scheme:light dark}body{font:15px/1.6 system-ui,sans-serif;margin:.75rem}img{max-width:100%}pre{overflow:auto}@media (prefers-color-scheme:dark){body{color:#e6edf3}}</style>${html}`;
  return h('iframe', { class: 'preview', title: 'Preview', sandbox: '', srcdoc: doc });
}

function Editor({ article, onClose }: { article: Article | null; onClose: (changed: boolean) => void }) {
  const [form, setForm] = useState({ title: article?.title ?? '', description: article?.description ?? '', body: article?.body ?? '', category: article?.category?.slug ?? '', tags: (article?.tags ?? []).join(', '), locale: article?.locale ?? 'en', note: '' });
  const [current, setCurrent] = useState<Article | null>(article);
  const revisions = useResource<{ items: Revision[] }>(current ? `/helpcenter/articles/${current.id}/revisions` : null);
  const [diff, setDiff] = useState<string | null>(null);
  const act = useAction();
  const save = (e: Event): void => {
    e.preventDefault();
    const body = { title: form.title, description: form.description, body: form.body, category: form.category || null, tags: form.tags.split(',').map((t) => t.trim()).filter(Boolean) };
    void act.run(async () => {
      const saved = current
        ? await api<Article>('PATCH', `/helpcenter/articles/${current.id}`, { ...body, ...(form.note ? { note: form.note } : {}) })
        : await api<Article>('POST', '/helpcenter/articles', { ...body, locale: form.locale });
      setCurrent(saved);
      setForm({ ...form, note: '' });
      revisions.reload();
    }, current ? 'Saved as a new revision' : 'Draft created');
  };
  const publish = (action: 'publish' | 'unpublish'): void => {
    if (current) void act.run(async () => setCurrent(await api<Article>('POST', `/helpcenter/articles/${current.id}/${action}`, {})), action === 'publish' ? 'Published' : 'Back to draft');
  };
  return h('div', { class: 'article-editor' },
    h('div', { class: 'editor-head' },
      h('button', { type: 'button', onClick: () => onClose(true) }, '← Articles'),
      current ? h('span', { class: `badge ${current.status === 'published' ? 'ok' : ''}` }, current.status) : h('span', { class: 'badge' }, 'new'),
      current ? h('a', { href: current.url, target: '_blank', rel: 'noopener' }, 'View on the help center') : null),
    h('form', { onSubmit: save },
      h(Field, { id: 'art-title', label: 'Title', required: true, value: form.title, onInput: (v) => setForm({ ...form, title: v }) }),
      h(Field, { id: 'art-description', label: 'Description', value: form.description, onInput: (v) => setForm({ ...form, description: v }) }),
      h('div', { class: 'grid-3' },
        h(Field, { id: 'art-category', label: 'Category (slug)', value: form.category, onInput: (v) => setForm({ ...form, category: v }) }),
        h(Field, { id: 'art-tags', label: 'Tags', value: form.tags, onInput: (v) => setForm({ ...form, tags: v }) }),
        current ? h(Field, { id: 'art-note', label: 'Revision note', value: form.note, onInput: (v) => setForm({ ...form, note: v }) })
          : h(Select, { id: 'art-locale', label: 'Language', value: form.locale, options: [['en', 'English'], ['de', 'Deutsch']], onChange: (v) => setForm({ ...form, locale: v }) })),
      h('div', { class: 'split' },
        h('div', { class: 'field' }, h('label', { for: 'art-body' }, 'Markdown'), h('textarea', { id: 'art-body', class: 'mono', rows: 22, value: form.body, onInput: (e: Event) => setForm({ ...form, body: (e.target as HTMLTextAreaElement).value }) })),
        h('div', { class: 'field' }, h('span', { class: 'label' }, 'Preview'), h(Preview, { markdown: form.body }))),
      h('div', { class: 'actions' },
        h('button', { type: 'submit', class: 'primary', disabled: act.busy }, current ? 'Save draft changes' : 'Create draft'),
        current?.status === 'draft' ? h('button', { type: 'button', onClick: () => publish('publish') }, 'Publish') : null,
        current?.status === 'published' ? h('button', { type: 'button', onClick: () => publish('unpublish') }, 'Unpublish') : null),
      h(Status, { error: act.error, ok: act.ok })),
    current && revisions.data ? h('section', null,
      h('h2', null, 'Revisions'),
      h('ol', { class: 'plain' }, revisions.data.items.map((rev, i, all) => h('li', { key: rev.number },
        `#${rev.number} ${rev.title}`, rev.note ? h('span', { class: 'muted' }, ` — ${rev.note}`) : null, ' ',
        all[i + 1] ? h('button', { type: 'button', onClick: () => void api<{ diff: string }>('GET', `/helpcenter/articles/${current.id}/revisions/diff?from=${all[i + 1]!.number}&to=${rev.number}`).then((d) => setDiff(d.diff)) }, 'Diff') : null, ' ',
        i > 0 ? h('button', { type: 'button', onClick: () => void act.run(async () => { const r = await api<{ article: Article }>('POST', `/helpcenter/articles/${current.id}/revisions/${rev.number}/restore`, {}); setCurrent(r.article); setForm({ ...form, title: r.article.title, body: r.article.body, description: r.article.description }); revisions.reload(); }, `Restored #${rev.number}`) }, 'Restore') : null))),
      diff !== null ? h('pre', { class: 'diff mono' }, diff) : null) : null);
}

/** Help-center articles: list, Markdown editor with preview, drafts, publish, revisions. */
export function ArticlesPage() {
  const [status, setStatus] = useState('');
  const r = useResource<{ items: Article[] }>(`/helpcenter/articles?limit=200${status ? `&status=${status}` : ''}`);
  const [editing, setEditing] = useState<Article | 'new' | null>(null);
  if (r.missing) return h(Page, { title: 'Articles' }, h(Missing, { what: 'help-center articles' }));
  if (editing) return h(Editor, { article: editing === 'new' ? null : editing, onClose: () => { setEditing(null); r.reload(); } });
  return h(Page, { title: 'Help-center articles' },
    h('div', { class: 'inline-form' },
      h(Select, { id: 'art-filter', label: 'Show', value: status, options: [['', 'All'], ['draft', 'Drafts'], ['published', 'Published']], onChange: setStatus }),
      h('button', { type: 'button', class: 'primary', onClick: () => setEditing('new') }, 'New article')),
    r.error ? h('p', { class: 'error' }, r.error) : null,
    h('table', { class: 'data' },
      h('thead', null, h('tr', null, h('th', null, 'Title'), h('th', null, 'Language'), h('th', null, 'Status'), h('th', null, 'Revision'), h('th', null, 'Updated'))),
      h('tbody', null, (r.data?.items ?? []).map((a) => h('tr', { key: a.id },
        h('td', null, h('button', { type: 'button', class: 'link', onClick: () => setEditing(a) }, a.title)),
        h('td', null, a.locale), h('td', null, h('span', { class: `badge ${a.status === 'published' ? 'ok' : ''}` }, a.status)), h('td', null, String(a.revision)), h('td', null, ago(a.updated_at)))))));
}

type Synonym = { id: number; locale: string; phrase: string; expansions: string[] };

/** Search synonyms: a phrase is also searched as each of its expansions. */
export function SynonymsPage() {
  const r = useResource<{ items: Synonym[] }>('/helpcenter/synonyms');
  const [form, setForm] = useState({ phrase: '', expansions: '', locale: 'en' });
  const act = useAction();
  return h(Page, { title: 'Search synonyms', intro: 'Queries containing the phrase are also searched as each expansion.' },
    h('table', { class: 'data' },
      h('thead', null, h('tr', null, h('th', null, 'Phrase'), h('th', null, 'Also search'), h('th', null, 'Language'), h('th', null, ''))),
      h('tbody', null, (r.data?.items ?? []).map((s) => h('tr', { key: s.id }, h('td', null, s.phrase), h('td', null, s.expansions.join(', ')), h('td', null, s.locale),
        h('td', null, h('button', { type: 'button', onClick: () => void act.run(() => api('DELETE', `/helpcenter/synonyms/${s.id}`).then(r.reload), 'Removed') }, 'Remove')))))),
    h('form', { class: 'inline-form', onSubmit: (e: Event) => { e.preventDefault(); void act.run(() => api('POST', '/helpcenter/synonyms', { phrase: form.phrase, expansions: form.expansions.split(',').map((x) => x.trim()).filter(Boolean), locale: form.locale }).then(() => { setForm({ ...form, phrase: '', expansions: '' }); r.reload(); }), 'Added'); } },
      h(Field, { id: 'syn-phrase', label: 'Phrase', required: true, value: form.phrase, onInput: (v) => setForm({ ...form, phrase: v }) }),
      h(Field, { id: 'syn-exp', label: 'Expansions (comma-separated)', required: true, value: form.expansions, onInput: (v) => setForm({ ...form, expansions: v }) }),
      h(Select, { id: 'syn-locale', label: 'Language', value: form.locale, options: [['en', 'English'], ['de', 'Deutsch']], onChange: (v) => setForm({ ...form, locale: v }) }),
      h('button', { type: 'submit', class: 'primary', disabled: act.busy }, 'Add synonym')),
    h(Status, { error: act.error ?? r.error, ok: act.ok }));
}

type Report = {
  since: string; searches: number;
  top_searches: Array<{ query: string; count: number }>; no_result_searches: Array<{ query: string; count: number }>;
  unhelpful_articles: Array<{ title: string; slug: string; helpful: number; unhelpful: number }>; top_articles: Array<{ title: string; slug: string; views: number }>;
  deflection: { visits: number; opened_article: number; submitted: number; deflected: number; rate: number | null };
};

/** The help center's analytics: searches, gaps, unhelpful and popular articles, deflection. */
export function AnalyticsPage() {
  const r = useResource<Report>('/helpcenter/analytics');
  if (r.missing) return h(Page, { title: 'Analytics' }, h(Missing, { what: 'help-center analytics' }));
  const d = r.data;
  const list = (title: string, rows: Array<[string, string]>) => h('section', { class: 'card' }, h('h2', null, title),
    rows.length ? h('table', { class: 'data' }, h('tbody', null, rows.map(([a, b], i) => h('tr', { key: i }, h('td', null, a), h('td', { class: 'num' }, b))))) : h('p', { class: 'muted' }, 'Nothing yet.'));
  return h(Page, { title: 'Help center analytics', intro: d ? `Since ${new Date(d.since).toLocaleDateString()}: ${d.searches} searches.` : undefined },
    r.error ? h('p', { class: 'error' }, r.error) : null,
    d ? h('div', { class: 'cards' },
      h('section', { class: 'card stat' }, h('h2', null, 'Deflection'), h('p', { class: 'big' }, d.deflection.rate === null ? '—' : `${Math.round(d.deflection.rate * 100)}%`),
        h('p', { class: 'muted small' }, `${d.deflection.visits} visits, ${d.deflection.opened_article} read an article, ${d.deflection.submitted} contacted us`)),
      list('Top searches', d.top_searches.map((s) => [s.query, String(s.count)])),
      list('Searches with no results', d.no_result_searches.map((s) => [s.query, String(s.count)])),
      list('Most read articles', d.top_articles.map((a) => [a.title, `${a.views} views`])),
      list('Unhelpful articles', d.unhelpful_articles.map((a) => [a.title, `${a.unhelpful} no / ${a.helpful} yes`]))) : h('p', { class: 'muted' }, 'Loading…'));
}
