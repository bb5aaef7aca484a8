import { convert } from 'html-to-text';
import sanitizeHtml from 'sanitize-html';
import { badRequest } from '../../kernel/errors.ts';

export const MAX_BODY_CHARS = 1_000_000;

/**
 * Allow-list sanitizing: text formatting, links and tables; no scripts, handlers, forms or styles.
 * Remote images never load by default: their address moves to `data-remote-src`, which no
 * browser fetches, so the console can offer "Load images" and tracking pixels stay blind.
 */
const POLICY: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'div', 'span', 'b', 'strong', 'i', 'em', 'u', 's', 'sub', 'sup', 'blockquote', 'pre', 'code',
    'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'a',
    'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'img',
  ],
  allowedAttributes: { a: ['href', 'title'], img: ['src', 'data-remote-src', 'alt', 'title', 'width', 'height'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['cid', 'data'] },
  allowProtocolRelative: false,
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer nofollow', target: '_blank' } }),
    img: (tagName, attribs) => {
      const { src, 'data-remote-src': _sent, ...rest } = attribs;
      if (src && /^https?:\/\//i.test(src.trim())) return { tagName, attribs: { ...rest, 'data-remote-src': src.trim() } };
      return { tagName, attribs: src === undefined ? rest : { ...rest, src } };
    },
  },
  disallowedTagsMode: 'discard',
};

export function sanitizeMessageHtml(html: string): string {
  return sanitizeHtml(html, POLICY);
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Plain text as safe HTML: paragraphs on blank lines, <br> on single line breaks. */
export function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== '')
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

export type Body = { text: string; html: string };

/** Turns what a caller sent (text, HTML or both) into stored text plus sanitized HTML. */
export function makeBody(input: { text?: string | undefined; html?: string | undefined }): Body {
  const text = input.text?.replace(/\r\n?/g, '\n');
  const rawHtml = input.html;
  if ((text?.length ?? 0) > MAX_BODY_CHARS || (rawHtml?.length ?? 0) > MAX_BODY_CHARS) {
    throw badRequest(`A message body may hold at most ${MAX_BODY_CHARS} characters`, { body: 'too long' });
  }
  if (rawHtml !== undefined && rawHtml.trim() !== '') {
    const html = sanitizeMessageHtml(rawHtml);
    const derived = convert(html, { wordwrap: false, limits: { maxDepth: 100, maxInputLength: MAX_BODY_CHARS }, selectors: [{ selector: 'img', format: 'skip' }] }).trim();
    return { text: text?.trim() ? text.trim() : derived, html };
  }
  if (text === undefined || text.trim() === '') throw badRequest('A message needs a body', { body: 'empty' });
  return { text: text.trim(), html: textToHtml(text.trim()) };
}
