/** Deeper nesting than this is not a real email layout, and recursive HTML tools overflow on it. */
export const MAX_HTML_DEPTH = 200;
/** The most HTML characters passed on; the rest of a giant body stays in the stored raw message. */
export const MAX_HTML_CHARS = 500_000;

/** Elements that never hold children, or that the next sibling closes implicitly (so never nest deep). */
const FLAT = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'p', 'li', 'dt', 'dd', 'option', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot']);
/** A tag: `[^<>]` keeps the scan linear (no backtracking across a hostile run of `<`). */
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]{0,30})[^<>]{0,4000}?(\/?)>/g;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };

/**
 * Keeps an email's HTML only when it is of sane size and depth. HTML nested deeper than
 * MAX_HTML_DEPTH (a hostile or broken message) is replaced by its plain text, so no recursive
 * walker downstream (HTML-to-text, sanitizing) can run out of stack. One linear scan.
 */
export function boundHtml(html: string): { html: string | null; text: string | null } {
  const input = html.length > MAX_HTML_CHARS ? html.slice(0, MAX_HTML_CHARS) : html;
  const open: string[] = [];
  let deepest = 0;
  for (const [, closing, rawName, selfClosing] of input.matchAll(TAG)) {
    const name = rawName!.toLowerCase();
    if (FLAT.has(name) || selfClosing) continue;
    if (!closing) {
      open.push(name);
      if (open.length > deepest) deepest = open.length;
      if (deepest > MAX_HTML_DEPTH) break;
    } else {
      const at = open.lastIndexOf(name, open.length - 1);
      if (at >= 0 && open.length - at <= 50) open.length = at;
    }
  }
  if (deepest <= MAX_HTML_DEPTH) return { html: input, text: null };
  const text = input
    .replace(/<[^<>]{0,4000}>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, e: string) => ENTITIES[e]!)
    .replace(/[ \t]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
  return { html: null, text };
}
