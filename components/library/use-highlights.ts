import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ArticleRecord, HighlightRecord } from '../../lib/db/schema';
import { newestFirst, summarizeHighlights, syncAnnotationIndex, type Annotations } from '../../lib/search/annotations';
import { TextIndex } from '../../lib/search/text-index';
import type { HighlightBackend } from './library-connector';

export interface LiveHighlights {
  /** Every highlight, newest first; null until loaded (and without a highlights backend). */
  all: HighlightRecord[] | null;
  /** Per-article counts and the search index over highlights and notes, for the article list. */
  annotations: Annotations | null;
}

/**
 * Every highlight, live, once the article list has loaded (the first rows paint before any of this), and
 * what the list's search and row counts need from them.
 */
export function useHighlights(
  backend: HighlightBackend | undefined,
  articles: ArticleRecord[] | null,
  onError: (e: unknown) => void,
): LiveHighlights {
  const [all, setAll] = useState<HighlightRecord[] | null>(null);
  const loaded = articles !== null;
  const errorRef = useRef(onError);
  errorRef.current = onError;
  useEffect(() => {
    if (!backend || !loaded) return;
    return backend.subscribeAll(
      (list) => setAll(newestFirst(list)),
      (e) => errorRef.current(e),
    );
  }, [backend, loaded]);
  const index = useRef<TextIndex | null>(null);
  const summary = useMemo(() => (all ? summarizeHighlights(all) : null), [all]);
  const annotations = useMemo(() => {
    if (!summary || !articles) return null;
    const idx = (index.current ??= new TextIndex());
    syncAnnotationIndex(idx, summary, articles);
    return { summary, index: idx };
  }, [summary, articles]);
  return { all, annotations };
}
