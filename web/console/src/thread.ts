import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ago, label } from './directory.ts';
import type { Message } from './types.ts';

// The server parks remote image addresses in data-remote-src, which no browser loads.
const REMOTE_IMG = /<img\b[^>]*\sdata-remote-src="https?:/i;

function frameDoc(html: string, images: boolean): string {
  const imgSrc = images ? 'data: cid: https:' : 'data: cid:';
  return `<!doctype html><html><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${imgSrc}; style-src 'unsafe-inline'">` +
    `<base target="_blank"><style>:root{color-scheme:light dark}body{margin:0;font:14px/1.5 system-ui,sans-serif;overflow-wrap:anywhere}` +
    `img{max-width:100%;height:auto}blockquote{margin:0 0 0 .5rem;padding-left:.75rem;border-left:3px solid #8c959f}table{max-width:100%}` +
    `@media (prefers-color-scheme:dark){body{color:#e6edf3}a{color:#79b8ff}}</style></head><body>` +
    `${images ? html.replace(/(<img\b[^>]*\s)data-remote-src="/gi, '$1src="') : html}</body></html>`;
}

/**
 * An email's sanitized HTML in a sandboxed iframe: no scripts, its own CSP, remote images
 * blocked until the agent clicks "Load images".
 */
export function EmailFrame({ html }: { html: string }) {
  const [images, setImages] = useState(false);
  const frame = useRef<HTMLIFrameElement>(null);
  const fit = (): void => {
    const doc = frame.current?.contentDocument;
    if (doc?.body) frame.current!.style.height = `${Math.min(4000, Math.ceil(doc.body.getBoundingClientRect().height) + 8)}px`;
  };
  useEffect(fit, [html, images]);
  const remote = REMOTE_IMG.test(html);
  return h('div', { class: 'email-body' },
    remote && !images
      ? h('p', { class: 'images-blocked' }, 'Remote images are blocked to protect your privacy. ',
          h('button', { type: 'button', class: 'link', onClick: () => setImages(true) }, 'Load images'))
      : null,
    h('iframe', {
      ref: frame,
      title: 'Email message',
      sandbox: 'allow-same-origin allow-popups allow-popups-to-escape-sandbox',
      referrerpolicy: 'no-referrer',
      srcdoc: frameDoc(html, images),
      onLoad: fit,
    }));
}

const CHANNEL_WORD: Record<string, string> = { email: 'Email', chat: 'Chat', web: 'Web form', social: 'Social', api: 'API' };

/** One message of the thread: who, when, which channel, and whether it is an internal note. */
export function MessageItem({ m }: { m: Message }) {
  const who = m.author.name ?? (m.author.type === 'system' ? 'Careline' : label(m.author.type));
  const isEmailHtml = m.channel === 'email' && m.author.type === 'customer' && m.html.trim() !== '';
  const cls = `message ${m.kind === 'note' ? 'note' : m.author.type}`;
  return h('article', { class: cls, 'data-message-id': m.id, 'aria-label': `${m.kind === 'note' ? 'Internal note' : 'Message'} from ${who}` },
    h('header', null,
      h('strong', null, who),
      m.kind === 'note' ? h('span', { class: 'badge note-badge' }, 'Internal note') : null,
      h('span', { class: `badge ch-${m.channel}`, title: `Channel: ${CHANNEL_WORD[m.channel] ?? m.channel}` }, CHANNEL_WORD[m.channel] ?? m.channel),
      m.sender_auth?.unverified ? h('span', { class: 'badge warn', title: `SPF ${m.sender_auth.spf}, DKIM ${m.sender_auth.dkim}, DMARC ${m.sender_auth.dmarc}` }, 'Unverified sender') : null,
      h('time', { dateTime: m.created_at, title: new Date(m.created_at).toLocaleString() }, ago(m.created_at))),
    isEmailHtml ? h(EmailFrame, { html: m.html }) : h('div', { class: 'text' }, m.text),
    m.attachments.length
      ? h('ul', { class: 'attachments', 'aria-label': 'Attachments' }, m.attachments.map((a) =>
          h('li', { key: a.id }, h('span', { class: 'clip', 'aria-hidden': 'true' }, '📎 '), h('a', { href: `/api/v1/attachments/${a.id}`, download: a.filename }, a.filename), ' ', h('span', { class: 'muted small' }, `${a.content_type}, ${Math.max(1, Math.round(a.size / 1024))} KB`))))
      : null);
}
