import { Parser } from 'htmlparser2';
import { AppError } from '../../../kernel/errors.ts';
import { applyMatches, findSecrets } from './redact-text.ts';
import type { Finding, Match, Redaction } from './types.ts';

/** Elements that do not break a line: text on either side of them is read as one. */
const INLINE = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'dfn', 'em', 'font', 'i', 'kbd', 'mark', 'q', 's',
  'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'time', 'tt', 'u', 'var', 'wbr',
]);

/** Attributes holding URLs: read with %XX decoded and `+` as a space, as the link would be used. */
const URL_ATTRIBUTES = new Set(['href', 'src', 'cite', 'action', 'formaction', 'poster']);

/** A piece of text in the source: raw [rawStart, rawEnd), decoded [at, at + length), exact when raw equals decoded. */
type Chunk = { rawStart: number; rawEnd: number; at: number; length: number; exact: boolean };
/** A replacement in the source HTML and what it reports (a secret spread over pieces reports once). */
type Edit = { start: number; end: number; insert: string; findings: Finding[] };

/**
 * Removes secrets from (already sanitized) HTML without touching its markup.
 *
 * How: htmlparser2's Parser reports each piece of text with its source position. The pieces are
 * joined in document order, entities decoded, with a line break where a block element (p, div,
 * li, br, td, …) starts or ends and nothing at inline tags, so `my password is <b>hunter2</b>`
 * and a card number split by `<span>`s are caught too. Secrets found in that text are replaced
 * in the source character by character; an entity partly inside a secret goes whole, and a
 * secret spread over several pieces leaves its tags in place, emptied. Attribute values are
 * redacted one by one and written back double-quoted; URL attributes are read percent-decoded.
 * `data:` URLs are left alone. Returns the HTML and the findings in document order.
 */
export function redactHtml(html: string): Redaction {
  if (html === '') return { text: '', findings: [] };
  const chunks: Chunk[] = [];
  const edits: Edit[] = [];
  let text = '';
  let lineBreak = false;
  const parser: Parser = new Parser(
    {
      ontext(data) {
        if (lineBreak && text !== '') text += '\n';
        lineBreak = false;
        const rawStart = parser.startIndex;
        const rawEnd = parser.endIndex + 1;
        // A decoded entity is always shorter than its source ("&amp;" → "&"); plain text is the source itself.
        const exact = rawEnd - rawStart === data.length;
        if (exact && html[rawStart] !== data[0]) throw parserMismatch();
        chunks.push({ rawStart, rawEnd, at: text.length, length: data.length, exact });
        text += data;
      },
      onopentagname(name) {
        if (!INLINE.has(name)) lineBreak = true;
      },
      onclosetag(name) {
        if (!INLINE.has(name)) lineBreak = true;
      },
      onattribute(name, value) {
        const edit = attributeEdit(html, parser.startIndex, name, value);
        if (edit !== null) edits.push(edit);
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  for (const m of findSecrets(text)) edits.push(...textEdits(chunks, m));
  return applyEdits(html, edits);
}

/** The edits that remove one secret found in the joined text: its label in the first piece, the other pieces emptied. */
function textEdits(chunks: readonly Chunk[], m: Match): Edit[] {
  const edits: Edit[] = [];
  for (let i = firstChunkEndingAfter(chunks, m.start); i < chunks.length && chunks[i]!.at < m.end; i++) {
    const c = chunks[i]!;
    const start = c.exact ? c.rawStart + Math.max(0, m.start - c.at) : c.rawStart;
    const end = c.exact ? c.rawStart + Math.min(c.length, m.end - c.at) : c.rawEnd;
    const first = edits.length === 0;
    edits.push({ start, end, insert: first ? m.label : '', findings: first ? [{ kind: m.kind, label: m.label }] : [] });
  }
  return edits;
}

function firstChunkEndingAfter(chunks: readonly Chunk[], pos: number): number {
  let lo = 0;
  let hi = chunks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (chunks[mid]!.at + chunks[mid]!.length <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The edit rewriting one attribute, whose name starts at `start` in the source, when its value holds a secret. */
function attributeEdit(html: string, start: number, name: string, value: string): Edit | null {
  if (value === '' || /^\s*data:/i.test(value)) return null;
  const isUrl = URL_ATTRIBUTES.has(name);
  const view = isUrl ? urlView(value) : value;
  const matches = findSecrets(view);
  if (matches.length === 0) return null;
  const rawName = html.slice(start, start + name.length);
  if (rawName.toLowerCase() !== name) throw parserMismatch();
  // In a URL the placeholder is percent-encoded; a decoded view is encoded back as a whole.
  const written = !isUrl
    ? applyMatches(view, matches).text
    : view !== value
      ? encodeURI(applyMatches(view, matches).text)
      : applyMatches(view, matches.map((m) => ({ ...m, label: encodeURI(m.label) }))).text;
  const findings = matches.map((m) => ({ kind: m.kind, label: m.label }));
  return { start, end: attributeEnd(html, start + name.length), insert: `${rawName}="${escapeAttribute(written)}"`, findings };
}

/**
 * End of an attribute in the source, from the end of its name: past `= "value"`, `= 'value'` or
 * `=value` (HTML's attribute grammar). Found here rather than taken from the parser, whose end
 * positions differ between htmlparser2 versions.
 */
function attributeEnd(html: string, nameEnd: number): number {
  let i = nameEnd;
  while (isHtmlSpace(html[i])) i++;
  if (html[i] !== '=') return nameEnd;
  i++;
  while (isHtmlSpace(html[i])) i++;
  const quote = html[i];
  if (quote === '"' || quote === "'") {
    const close = html.indexOf(quote, i + 1);
    return close < 0 ? html.length : close + 1;
  }
  while (i < html.length && !isHtmlSpace(html[i]) && html[i] !== '>') i++;
  return i;
}

/**
 * Positions from the parser that do not match the source mean an htmlparser2 with other
 * semantics is installed; failing beats storing HTML that may still hold a secret.
 */
function parserMismatch(): AppError {
  return new AppError('internal', 'redactHtml: htmlparser2 reported source positions that do not match the HTML');
}

function isHtmlSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f';
}

/** A URL as it will be used: %XX sequences decoded (where valid) and `+` read as a space. Same meaning, not same length. */
function urlView(url: string): string {
  return url.replace(/\+/g, ' ').replace(/(?:%[0-9A-Fa-f]{2})+/g, (s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
}

function escapeAttribute(value: string): string {
  return value.replace(/[&"<>]/g, (c) => ({ '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' })[c]!);
}

/** Applies edits in source order; an edit overlapping the one before it keeps only its part after it. */
function applyEdits(html: string, edits: Edit[]): Redaction {
  if (edits.length === 0) return { text: html, findings: [] };
  edits.sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  const findings: Finding[] = [];
  for (const e of edits) {
    const start = Math.max(e.start, at);
    out += html.slice(at, start) + e.insert;
    at = Math.max(at, e.end);
    findings.push(...e.findings);
  }
  return { text: out + html.slice(at), findings };
}
