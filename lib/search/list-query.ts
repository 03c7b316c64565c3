// What the library list shows: status views, facet filters, the parsed search, and the sort order, all
// over the in-memory metadata (10,000 records filter and sort in a few ms; nothing here touches the DB).
// The per-article checks are in article-filters.ts, the text matching in text-match.ts, the sorts in
// list-sort.ts; this is the pass that puts them together.
import type { ArticleRecord } from '../db/schema';
import { fold, tokenize } from './tokenize';
import { displaySite, foldedAt, minutesAt } from './article-derived';
import { hasText, narrows, type ParsedQuery, type TimeRange } from './query';
import type { TextIndex } from './text-index';
import { searchWithAnnotations, type Annotations } from './annotations';
import { facetOrder, type FacetLists } from './facet-counts';
import { isNewestFirst, newestFirst, positionsOf } from './newest-first';
import { hasOperators, inRange, matchesOperators, matchesView, type StatusView } from './article-filters';
import { containsPhrase, excludedByText, termQueries, titleScores } from './text-match';
import { scoreLookup, sortArticles, type SortKey } from './list-sort';

export { displaySite, minutesAt, newestFirst };
export { isInProgress, matchesOperators, PROGRESS_DONE, PROGRESS_START, viewCounts, type StatusView } from './article-filters';
export { containsPhrase, termQueries } from './text-match';
export type { SortKey } from './list-sort';

export const TIME_BUCKETS: { key: string; label: string; range: TimeRange }[] = [
  { key: 'lt5', label: 'Under 5 min', range: { min: 0, max: 4 } },
  { key: '5-15', label: '5–15 min', range: { min: 5, max: 15 } },
  { key: '15-30', label: '15–30 min', range: { min: 16, max: 30 } },
  { key: 'gt30', label: 'Over 30 min', range: { min: 31, max: Infinity } },
];

export interface ListOptions {
  view: StatusView;
  tag?: string | null;
  site?: string | null;
  /** A TIME_BUCKETS key. */
  time?: string | null;
  sort: SortKey;
  wpm: number;
  query?: ParsedQuery | null;
  /** Highlights and notes: searched with the text, and what has:highlights / has:note look at. */
  annotations?: Annotations | null;
}

export interface ListResult {
  items: ArticleRecord[];
  /** Relevance per id when the query had words. */
  scores: Map<number, number> | null;
}

/**
 * The view the list really shows: a query that says what to look at (words, tag:, is:, -x …) searches
 * the whole library, so the tabs must say "All" rather than leave "Unread" highlighted.
 */
export function effectiveView(view: StatusView, q: ParsedQuery | null | undefined): StatusView {
  return q && narrows(q) ? 'all' : view;
}

/**
 * Filters and sorts. With query words, ranks by the text index (and the highlights and notes); without
 * an index (still building), falls back to matching titles, sites and tags so the box is never dead.
 */
export function listArticles(all: ArticleRecord[], o: ListOptions, index: TextIndex | null): ListResult {
  const q = o.query;
  const tag = o.tag ? fold(o.tag) : null;
  const site = o.site ?? null;
  const bucket = o.time ? (TIME_BUCKETS.find((b) => b.key === o.time)?.range ?? null) : null;
  const notes = o.annotations?.index.size ? o.annotations.index : null;
  const summary = o.annotations?.summary;
  let scores: Map<number, number> | null = null;
  if (q && hasText(q)) scores = searchWithAnnotations(termQueries(q), (t) => (index ? index.search(t) : titleScores(all, t)), notes);
  // A search looks through everything unless the query itself narrows the status (is:...).
  const view = effectiveView(o.view, q);
  const phrases = q?.phrases.length ? q.phrases : null;
  const excluded = q ? excludedByText(all, q, index, notes) : null;
  // Without the index (still building) or its phrase part (still loading) only titles can be checked for a
  // phrase; highlights and notes always.
  const hasPhrase = (a: ArticleRecord, p: string[]) =>
    (index?.phrasesReady ? index.hasPhrases(a.id, [p]) : containsPhrase(tokenize(a.title), p)) || !!notes?.hasPhrases(a.id, [p]);
  // Operators are checked only when the query has any: otherwise each hit would still be looked up for
  // its folded fields (a Map lookup per article, 40,000 of them on a one-letter keystroke).
  const operators = q && hasOperators(q) ? q : null;
  const scoreOf = scores ? scoreLookup(scores, all.length) : null;
  const foldedOf = tag || operators ? foldedAt(all) : null;
  const keep = (a: ArticleRecord, i: number) => {
    if (scoreOf && scoreOf(a.id) === undefined) return false;
    if (excluded?.has(a.id)) return false;
    if (phrases && !phrases.every((p) => hasPhrase(a, p))) return false;
    if (!matchesView(a, view)) return false;
    if (tag && !foldedOf!(i).tags.includes(tag)) return false;
    if (site && displaySite(a) !== site) return false;
    if (bucket && !inRange(minutesAt(a, o.wpm), bucket)) return false;
    if (operators && !matchesOperators(a, operators, o.wpm, summary, foldedOf!(i))) return false;
    return true;
  };
  // In the newest-first order: that order is every sort's tie-break, so the sorts below need one key. The
  // library's list comes so (checked once per list); any other list has its hits sorted.
  // A search's hits are looked up by id rather than found by visiting every article.
  const hits = scores && positionsOf(all, scores.keys(), scores.size);
  const n = hits ? hits.length : all.length;
  let items: ArticleRecord[] = [];
  for (let k = 0; k < n; k++) {
    const i = hits ? hits[k] : k;
    if (keep(all[i], i)) items.push(all[i]);
  }
  if (!isNewestFirst(all)) items = newestFirst(items);
  const sort = o.sort === 'relevance' && !scores ? 'newest' : o.sort;
  return { items: sortArticles(items, sort, o.wpm, scoreOf), scores };
}

/** Tags and sites with their counts, most used first, for the filter menus, counted from scratch (FacetCounter keeps them up to date). */
export function facets(all: ArticleRecord[]): FacetLists {
  const tags = new Map<string, number>();
  const sites = new Map<string, number>();
  for (const a of all) {
    for (const t of a.tags) tags.set(t, (tags.get(t) ?? 0) + 1);
    const s = displaySite(a);
    sites.set(s, (sites.get(s) ?? 0) + 1);
  }
  return { tags: facetOrder(tags), sites: facetOrder(sites) };
}
