import { useEffect, useState } from 'preact/hooks';
import type { ArticleRecord } from '../../lib/db/schema';
import type { SearchBackend } from './library-connector';

/**
 * The search index kept in step with the article list, and when the list may read it: `listTick` changes
 * with each change of a ready index (it changes in place, so the list needs a tick to recompute).
 */
export function useSearchIndex(search: SearchBackend | undefined, articles: ArticleRecord[] | null) {
  const [indexTick, setIndexTick] = useState(0);
  useEffect(() => {
    if (articles && search) void search.sync(articles);
  }, [articles, search]);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- listen once: `search` belongs to the connector, made once per page
  useEffect(() => search?.onChange(() => setIndexTick((t) => t + 1)), []);
  const indexReady = !!search?.state.ready && !!search.index;
  // Until the index is ready the list does not read it: its progress reports (every 250 articles of a
  // build) re-render the "indexing N of M" note, not the list query over the whole library.
  const listTick = indexReady ? indexTick : -1;
  return { indexReady, listTick };
}
