import type { Page } from 'playwright-core';

/** A text element whose contrast against its background is under WCAG AA. */
export type ContrastFailure = { text: string; ratio: number; color: string; background: string; needed: number };

// Runs in the page, so it is a string: tsx's helpers do not exist there. For every visible
// element with its own text it finds the first opaque background up the tree (alpha blended)
// and checks WCAG 2.x contrast: 4.5:1, or 3:1 for large text (24px, or 18.66px bold).
const SCRIPT = `(() => {
  const parse = (c) => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return [0, 0, 0, 0]; const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const lum = ([r, g, b]) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const blend = (top, under) => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3])).concat(1);
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) { const c = parse(getComputedStyle(e).backgroundColor); if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; } }
    let color = parse(getComputedStyle(document.documentElement).backgroundColor);
    if (color[3] === 0) color = matchMedia('(prefers-color-scheme: dark)').matches ? [0, 0, 0, 1] : [255, 255, 255, 1];
    for (const layer of layers.reverse()) color = blend(layer, color);
    return color;
  };
  const failures = [];
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('[disabled], [aria-hidden="true"], iframe, option, select')) continue;
    const own = Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    if (style.visibility === 'hidden' || box.width === 0 || box.height === 0 || box.bottom < 0 || box.top > innerHeight) continue;
    const fg = parse(style.color);
    const bg = background(el);
    const text = blend(fg, bg);
    const a = lum(text), b = lum(bg);
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
    const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    if (ratio < needed) failures.push({ text: el.textContent.trim().slice(0, 40), ratio: Math.round(ratio * 100) / 100, color: style.color, background: 'rgb(' + bg.slice(0, 3).map(Math.round).join(',') + ')', needed });
  }
  return failures;
})()`;

/** Every visible text on the page that fails WCAG AA contrast (empty when all pass). */
export function contrastFailures(page: Page): Promise<ContrastFailure[]> {
  return page.evaluate<ContrastFailure[]>(SCRIPT);
}
