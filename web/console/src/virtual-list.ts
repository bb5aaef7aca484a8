import { h, type ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

type Props<T> = {
  items: T[];
  rowHeight: number;
  selected: number;
  label: string;
  keyOf: (item: T) => string | number;
  row: (item: T, index: number) => ComponentChildren;
  /** Called when the rows near the end are shown, to fetch the next page. */
  onNearEnd: () => void;
  onScrollTop?: (top: number) => void;
  initialScrollTop?: number;
};

const OVERSCAN = 8;

/** A list that renders only the rows in view (plus a few), however many items it holds. */
export function VirtualList<T>(p: Props<T>) {
  const box = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(p.initialScrollTop ?? 0);
  const [height, setHeight] = useState(800);
  useLayoutEffect(() => {
    const el = box.current!;
    if (p.initialScrollTop) el.scrollTop = p.initialScrollTop;
    setHeight(el.clientHeight || 800);
    const ro = new ResizeObserver(() => setHeight(el.clientHeight || 800));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  // Keep the selected row in view as j/k move it.
  useEffect(() => {
    const el = box.current;
    if (!el || p.selected < 0) return;
    const rowTop = p.selected * p.rowHeight;
    if (rowTop < el.scrollTop) el.scrollTop = rowTop;
    else if (rowTop + p.rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = rowTop + p.rowHeight - el.clientHeight;
  }, [p.selected]);
  const first = Math.max(0, Math.floor(top / p.rowHeight) - OVERSCAN);
  const last = Math.min(p.items.length, Math.ceil((top + height) / p.rowHeight) + OVERSCAN);
  useEffect(() => {
    if (last >= p.items.length - OVERSCAN * 2) p.onNearEnd();
  }, [last, p.items.length]);
  const rows: ComponentChildren[] = [];
  for (let i = first; i < last; i++) {
    const item = p.items[i]!;
    rows.push(h('li', {
      key: p.keyOf(item),
      role: 'option',
      'aria-selected': i === p.selected,
      'aria-posinset': i + 1,
      'aria-setsize': p.items.length,
      class: i === p.selected ? 'row selected' : 'row',
      style: { transform: `translateY(${i * p.rowHeight}px)`, height: `${p.rowHeight}px` },
    }, p.row(item, i)));
  }
  return h('div', {
    ref: box,
    class: 'vlist',
    onScroll: (e: Event) => {
      const t = (e.currentTarget as HTMLDivElement).scrollTop;
      setTop(t);
      p.onScrollTop?.(t);
    },
  }, h('ul', { role: 'listbox', 'aria-label': p.label, class: 'vlist-inner', style: { height: `${p.items.length * p.rowHeight}px` } }, rows));
}
