import { useEffect, useRef, useState } from 'preact/hooks';

/** Whether a media query matches, following changes (window resized, zoom). */
export function useMedia(query: string): boolean {
  const [on, setOn] = useState(() => !!matchQuery(query)?.matches);
  useEffect(() => {
    const m = matchQuery(query);
    if (!m) return;
    const f = () => setOn(m.matches);
    f();
    m.addEventListener?.('change', f);
    return () => m.removeEventListener?.('change', f);
  }, [query]);
  return on;
}

function matchQuery(query: string): MediaQueryList | undefined {
  return typeof window !== 'undefined' ? window.matchMedia?.(query) : undefined;
}

/** Bodies kept for snippets: a screenful of results and some scrolling back. */
const TEXT_CACHE = 200;

/**
 * Article bodies on demand, for search snippets: rows ask for their id while rendered, the asks of one
 * render go to the database as one batch, and the page re-renders when they arrive. `key` changes
 * (e.g. updatedAt) fetch the body again.
 */
export function useTexts(load: ((ids: number[]) => Promise<(string | undefined)[]>) | undefined) {
  const cache = useRef(new Map<string, string | null>());
  const wanted = useRef(new Map<string, number>());
  const [, setTick] = useState(0);
  const timer = useRef(0);
  useEffect(() => () => clearTimeout(timer.current), []);
  return (id: number, key: string | number): string | null | undefined => {
    if (!load) return null;
    const k = `${id}:${key}`;
    const hit = cache.current.get(k);
    if (hit !== undefined) return hit;
    if (!wanted.current.has(k)) {
      wanted.current.set(k, id);
      clearTimeout(timer.current);
      timer.current = window.setTimeout(() => {
        const batch = [...wanted.current];
        wanted.current.clear();
        load(batch.map(([, i]) => i)).then(
          (texts) => {
            batch.forEach(([kk], j) => cache.current.set(kk, texts[j] ?? null));
            // Oldest out first (a Map iterates in insertion order).
            for (const old of cache.current.keys()) {
              if (cache.current.size <= TEXT_CACHE) break;
              cache.current.delete(old);
            }
            setTick((t) => t + 1);
          },
          () => {
            batch.forEach(([kk]) => cache.current.set(kk, null));
            setTick((t) => t + 1);
          },
        );
      }, 0);
    }
    return undefined;
  };
}

/** The browser tab's title, following `title`. */
export function useDocumentTitle(title: string) {
  useEffect(() => {
    document.title = title;
  }, [title]);
}
