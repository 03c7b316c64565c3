import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import './rows.css';

// A windowed list over the page's own scroll: only the rows on screen (plus a margin) are in the DOM,
// so 10,000 articles cost the same to render and scroll as 30. Rows have one fixed height, which keeps
// the math exact and needs no measuring. About 60 lines, so no dependency (react-window & co. want
// React compat and variable-height machinery this list does not need).

export interface VirtualListProps<T> {
  items: T[];
  rowHeight: number;
  /** Rows rendered beyond each edge of the screen. */
  overscan?: number;
  /** Index to keep on screen (keyboard cursor); scrolled to when it changes. */
  cursor?: number;
  /** Height of sticky chrome above the list, so the cursor row is not hidden under it. */
  topInset?: number;
  renderRow(item: T, index: number): ComponentChildren;
  attrs?: Record<string, string | number | undefined>;
  /**
   * Scroll inside a box of this height (px) instead of with the page: for a long list inside a dialog
   * (the import report's problems). The box gets `boxClass`.
   */
  boxHeight?: number;
  boxClass?: string;
}

export function VirtualList<T>({
  items,
  rowHeight,
  overscan = 8,
  cursor,
  topInset = 0,
  renderRow,
  attrs,
  boxHeight,
  boxClass,
}: VirtualListProps<T>) {
  const ref = useRef<HTMLUListElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const [range, setRange] = useState({ start: 0, end: Math.min(items.length, 40) });

  const measure = () => {
    const el = ref.current;
    if (!el) return;
    const inBox = box.current;
    const top = el.getBoundingClientRect().top - (inBox ? inBox.getBoundingClientRect().top : 0);
    const vh = inBox ? (boxHeight ?? 0) : window.innerHeight || 800;
    const start = Math.max(0, Math.floor(-top / rowHeight) - overscan);
    const end = Math.min(items.length, Math.ceil((vh - top) / rowHeight) + overscan);
    setRange((r) => (r.start === start && r.end === end ? r : { start, end: Math.max(start, end) }));
  };

  // Scroll and resize use the latest measure (the list's current length and sizes) without re-subscribing.
  const measureRef = useRef(measure);
  measureRef.current = measure;

  useLayoutEffect(measure, [items.length, rowHeight, overscan, boxHeight]);
  useEffect(() => {
    let frame = 0;
    const onScroll = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        measureRef.current();
      });
    };
    const scroller: EventTarget = box.current ?? window;
    scroller.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('resize', onScroll);
    return () => {
      scroller.removeEventListener('scroll', onScroll);
      window.removeEventListener('resize', onScroll);
      cancelAnimationFrame(frame);
    };
  }, []);

  useEffect(() => {
    const el = ref.current;
    if (cursor === undefined || cursor < 0 || !el) return;
    const listTop = el.getBoundingClientRect().top + window.scrollY;
    const rowTop = listTop + cursor * rowHeight;
    const viewTop = window.scrollY + topInset;
    const viewBottom = window.scrollY + window.innerHeight;
    if (rowTop < viewTop) window.scrollTo({ top: rowTop - topInset });
    else if (rowTop + rowHeight > viewBottom) window.scrollTo({ top: rowTop + rowHeight - window.innerHeight });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- scroll only when the cursor moves; a new inset or row height must not yank the page
  }, [cursor]);

  const start = Math.min(range.start, items.length);
  const end = Math.min(Math.max(range.end, start), items.length);
  const rows: ComponentChildren[] = [];
  for (let i = start; i < end; i++) rows.push(renderRow(items[i], i));
  const list = (
    <ul ref={ref} class="rows" style={{ height: `${items.length * rowHeight}px`, paddingTop: `${start * rowHeight}px` }} {...attrs}>
      {rows}
    </ul>
  );
  if (boxHeight === undefined) return list;
  return (
    <div ref={box} class={boxClass} style={{ maxHeight: `${boxHeight}px`, overflowY: 'auto' }}>
      {list}
    </div>
  );
}
