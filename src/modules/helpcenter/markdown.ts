import { convert } from 'html-to-text';
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { imageNameOf } from './images.ts';

const marked = new Marked({ gfm: true, breaks: false, async: false });

/**
 * Allow-list for article HTML, in the style of the ticket message policy: formatting, headings,
 * links, code, tables and images (our own uploads under /help/images/, or https); no scripts,
 * handlers, forms, styles or frames. External links open in a new tab without an opener.
 */
const POLICY: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'div', 'span', 'b', 'strong', 'i', 'em', 'u', 's', 'del', 'sub', 'sup', 'mark', 'kbd', 'blockquote', 'pre', 'code',
    'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'a', 'details', 'summary',
    'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'img', 'figure', 'figcaption', 'input',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel', 'target'],
    img: ['src', 'alt', 'title', 'width', 'height', 'loading', 'decoding'],
    td: ['colspan', 'rowspan', 'align'],
    th: ['colspan', 'rowspan', 'align'],
    ol: ['start'],
    input: ['type', 'checked', 'disabled'],
    h1: ['id'], h2: ['id'], h3: ['id'], h4: ['id'],
  },
  allowedClasses: { code: ['language-*'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['https'] },
  allowProtocolRelative: false,
  transformTags: {
    a: (tagName, { rel: _rel, target: _target, ...attribs }) =>
      /^https?:/i.test(attribs.href ?? '') ? { tagName, attribs: { ...attribs, rel: 'noopener noreferrer nofollow', target: '_blank' } } : { tagName, attribs },
    img: (tagName, attribs) => {
      const src = attribs.src ?? '';
      const ours = imageNameOf(src) !== null;
      if (!ours && !/^https:\/\//i.test(src)) return { tagName: 'span', attribs: {}, text: attribs.alt ?? '' };
      return { tagName, attribs: { ...attribs, loading: 'lazy', decoding: 'async' } };
    },
    input: (tagName, attribs) => (attribs.type === 'checkbox' ? { tagName, attribs: { ...attribs, disabled: '' } } : { tagName: 'span', attribs: {} }),
  },
  disallowedTagsMode: 'discard',
};

/** Article Markdown (GitHub flavour) to sanitized HTML, safe to serve as is. */
export function renderMarkdown(markdown: string): string {
  return sanitizeHtml(marked.parse(markdown, { async: false }), POLICY);
}

const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } }));

/** The readable text of rendered article HTML: what search indexes and snippets quote. */
export function htmlToPlainText(html: string): string {
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
      ...HEADINGS,
    ],
  })
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
