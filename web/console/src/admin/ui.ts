import { h, type ComponentChildren } from 'preact';
export { useAction } from '../use-action.ts';

/** A labelled input bound to a value. */
export function Field(p: { id: string; label: string; value: string; onInput: (v: string) => void; type?: string; placeholder?: string; required?: boolean }) {
  return h('div', { class: 'field' },
    h('label', { for: p.id }, p.label),
    h('input', { id: p.id, type: p.type ?? 'text', value: p.value, placeholder: p.placeholder, required: p.required, onInput: (e: Event) => p.onInput((e.target as HTMLInputElement).value) }));
}

/** A labelled select over [value, text] pairs. */
export function Select(p: { id: string; label: string; value: string; options: Array<[string, string]>; onChange: (v: string) => void }) {
  return h('div', { class: 'field' },
    h('label', { for: p.id }, p.label),
    h('select', { id: p.id, value: p.value, onChange: (e: Event) => p.onChange((e.target as HTMLSelectElement).value) }, p.options.map(([v, t]) => h('option', { key: v, value: v }, t))));
}

export function Status({ error, ok }: { error: string | null; ok?: string | null }) {
  if (error) return h('p', { class: 'error', role: 'alert' }, error);
  if (ok) return h('p', { class: 'saved', role: 'status' }, ok);
  return null;
}

/** What an admin page shows when this server does not have that endpoint (yet). */
export function Missing({ what }: { what: string }) {
  return h('p', { class: 'notice' }, `This server has no ${what} endpoint yet; the page will work once the backend provides it.`);
}

export function Page({ title, intro, children }: { title: string; intro?: string; children?: ComponentChildren }) {
  return h('section', { class: 'admin-page' }, h('h1', null, title), intro ? h('p', { class: 'muted' }, intro) : null, children);
}
