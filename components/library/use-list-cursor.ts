import { useEffect, useState } from 'preact/hooks';

/**
 * The keyboard's cursor over the shown rows: kept on a row as the list shrinks, and back on the first row
 * (the page scrolled to the top) when anything in `resetOn` changes, i.e. a new list.
 */
export function useListCursor(rowCount: number, resetOn: readonly unknown[]) {
  const [cursor, setCursor] = useState(0);
  useEffect(() => {
    setCursor((c) => Math.min(Math.max(0, c), Math.max(0, rowCount - 1)));
  }, [rowCount]);
  useEffect(() => {
    setCursor(0);
    window.scrollTo({ top: 0 });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's list (fixed length) of what makes a new list
  }, resetOn);
  return [cursor, setCursor] as const;
}
