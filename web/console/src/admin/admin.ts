import { h, type ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useDirectory } from '../directory.ts';
import { navigate } from '../router.ts';

/** The admin sections, in the order of the side menu. */
export const SECTIONS: Array<[string, string]> = [
  ['agents', 'Agents'], ['teams', 'Teams & hours'], ['security', 'Security'], ['mailboxes', 'Mailboxes'], ['widget', 'Chat widget'],
  ['macros', 'Macros'], ['tokens', 'API tokens'], ['articles', 'Articles'], ['synonyms', 'Search synonyms'], ['analytics', 'Help center analytics'],
];

type Sections = Record<string, ComponentType>;
let loaded: Sections | null = null;

/** Admin pages, loaded on first visit so the inbox's bundle stays small. */
export function Admin({ section }: { section: string }) {
  const dir = useDirectory();
  const [pages, setPages] = useState<Sections | null>(loaded);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (loaded) return;
    import('./sections.ts').then((m) => { loaded = m.SECTION_PAGES; setPages(loaded); }).catch((e: unknown) => setError(String(e)));
  }, []);
  if (dir.me.role !== 'admin') return h('p', { class: 'notice' }, 'Only admins can change workspace settings.');
  const Page = pages?.[section];
  return h('div', { class: 'admin' },
    h('nav', { class: 'views', 'aria-label': 'Admin' }, h('ul', null, SECTIONS.map(([id, text]) =>
      h('li', { key: id }, h('a', { href: `/console/admin/${id}`, 'aria-current': id === section ? 'page' : undefined, onClick: (e: Event) => { e.preventDefault(); navigate(`/admin/${id}`); } }, text))))),
    h('div', { class: 'admin-main' },
      error ? h('p', { class: 'error' }, error) : !pages ? h('p', { class: 'empty' }, 'Loading…') : Page ? h(Page, null) : h('p', { class: 'notice' }, 'No such admin page.')));
}
