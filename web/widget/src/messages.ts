import { h, type Child } from './dom.ts';
import type { Strings } from './i18n.ts';
import type { Attachment } from './protocol.ts';

/** A message as the widget shows it: from the server (with seq) or still on its way (client_id only). */
export type LocalMessage = {
  key: string;
  seq: number | null;
  clientId: string | null;
  mine: boolean;
  author: string | null;
  text: string;
  attachments: Attachment[];
  at: string | null;
  state: 'sending' | 'sent' | 'failed';
  error?: string;
};

const URL_RE = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g;

/** Plain text with its web addresses turned into links that open in a new tab. */
function linkified(text: string): Child[] {
  const out: Child[] = [];
  let last = 0;
  for (const m of text.matchAll(URL_RE)) {
    out.push(text.slice(last, m.index), h('a', { href: m[0], target: '_blank', rel: 'noopener noreferrer' }, m[0]));
    last = m.index + m[0].length;
  }
  out.push(text.slice(last));
  return out;
}

function attachmentLink(a: Attachment, base: string): Child {
  const label = a.filename ?? a.name ?? `#${a.id}`;
  if (!a.url || !/^(https?:|\/)/.test(a.url)) return h('span', { class: 'file' }, label);
  return h('a', { class: 'file', href: new URL(a.url, base).href, target: '_blank', rel: 'noopener noreferrer' }, label);
}

/** One row of the conversation log; screen readers hear who said it before what was said. */
export function messageRow(m: LocalMessage, t: Strings, base: string): HTMLLIElement {
  const who = m.mine ? t.you : (m.author ?? t.agent);
  const state = m.state === 'sending' ? t.sending : m.state === 'failed' ? `${t.failed}${m.error ? `: ${m.error}` : ''}` : null;
  return h('li', { class: `msg ${m.mine ? 'mine' : 'theirs'}${m.state === 'failed' ? ' failed' : ''}`, 'data-seq': m.seq ?? '', 'data-key': m.key },
    m.mine ? h('span', { class: 'sr-only' }, `${who} ${t.said}: `) : h('span', { class: 'who' }, who, h('span', { class: 'sr-only' }, ` ${t.said}: `)),
    m.text && !(m.attachments.length === 1 && m.attachments[0]!.filename === m.text) ? h('p', { class: 'text' }, ...linkified(m.text)) : null,
    ...m.attachments.map((a) => attachmentLink(a, base)),
    state ? h('span', { class: 'state' }, state) : null,
  );
}
