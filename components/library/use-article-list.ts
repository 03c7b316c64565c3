import { useMemo, useState } from 'preact/hooks';
import type { ArticleRecord } from '../../lib/db/schema';
import { parseQuery, hasText } from '../../lib/search/query';
import { listArticles, type SortKey, type StatusView } from '../../lib/search/list-query';
import type { Annotations } from '../../lib/search/annotations';
import { FacetCounter } from '../../lib/search/facet-counts';
import type { SearchBackend } from './library-connector';

export interface ArticleListInput {
  /** The whole library; null while it loads (the facets count it). */
  articles: ArticleRecord[] | null;
  /** The whole library, else the first page while it loads. */
  source: ArticleRecord[] | null;
  search: SearchBackend | undefined;
  indexReady: boolean;
  /** Changes when a ready index changed (use-search-index.ts). */
  listTick: number;
  wpm: number;
  annotations: Annotations | null;
}

/** The article list's view tab, filters (with the tags and sites to filter by), search and sort, and the list they give. */
export function useArticleList({ articles, source, search, indexReady, listTick, wpm, annotations }: ArticleListInput) {
  const [statusView, setStatusView] = useState<StatusView>('unread');
  const [tag, setTag] = useState<string>('');
  const [site, setSite] = useState<string>('');
  const [time, setTime] = useState<string>('');
  const [sortChoice, setSortChoice] = useState<SortKey | null>(null);
  const [query, setQuery] = useState('');

  const parsed = useMemo(() => parseQuery(query), [query]);
  const searching = hasText(parsed);
  // Relevance only means something while searching; a search with no sort chosen sorts by it.
  const sort: SortKey = sortChoice === 'relevance' && !searching ? 'newest' : (sortChoice ?? (searching ? 'relevance' : 'newest'));
  const result = useMemo(
    () =>
      listArticles(
        source ?? [],
        {
          view: statusView,
          tag: tag || null,
          site: site || null,
          time: time || null,
          sort,
          wpm,
          query: parsed,
          annotations,
        },
        indexReady ? search!.index : null,
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- listTick is not read: the index changes in place and its ticks say when to recompute
    [source, statusView, tag, site, time, sort, wpm, parsed, search, indexReady, listTick, annotations],
  );
  // Counted incrementally: a re-read of the list after a write only compares each article's tags and site.
  const facetCounter = useMemo(() => new FacetCounter(), []);
  const facetLists = useMemo(() => facetCounter.update(articles ?? []), [facetCounter, articles]);
  return {
    statusView,
    setStatusView,
    tag,
    setTag,
    site,
    setSite,
    time,
    setTime,
    sort,
    setSort: setSortChoice,
    query,
    setQuery,
    parsed,
    searching,
    facetLists,
    /** The filtered, sorted list on screen. */
    shown: result.items,
  };
}

export type ArticleList = ReturnType<typeof useArticleList>;
