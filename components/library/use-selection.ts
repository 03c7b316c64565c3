import { useEffect, useRef, useState } from 'preact/hooks';
import type { ArticleRecord } from '../../lib/db/schema';

/**
 * The selected articles (by id): a click or Space toggles one row, Shift extends from the last toggled
 * row, and the cursor follows the toggled row.
 */
export function useSelection(articles: ArticleRecord[] | null, shown: ArticleRecord[], setCursor: (i: number) => void) {
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const anchor = useRef<number | null>(null);
  // Selection is of visible articles: drop ids that left the library.
  useEffect(() => {
    if (!articles) return;
    setSelected((sel) => {
      if (!sel.size) return sel;
      // Built only when something is selected: after an import it would be a set of 100,000 ids for nothing.
      const ids = new Set(articles.map((a) => a.id));
      const next = new Set([...sel].filter((id) => ids.has(id)));
      return next.size !== sel.size ? next : sel;
    });
  }, [articles]);
  const toggleSelect = (index: number, shift: boolean) => {
    const next = new Set(selected);
    const id = shown[index]?.id;
    if (id === undefined) return;
    if (shift && anchor.current !== null) {
      const [a, b] = [Math.min(anchor.current, index), Math.max(anchor.current, index)];
      const on = !selected.has(id);
      for (let i = a; i <= b; i++) {
        const x = shown[i]?.id;
        if (x !== undefined) {
          if (on) next.add(x);
          else next.delete(x);
        }
      }
    } else if (next.has(id)) next.delete(id);
    else next.add(id);
    anchor.current = index;
    setSelected(next);
    setCursor(index);
  };
  return { selected, setSelected, toggleSelect };
}
