// The list's sort orders, over hits given newest first (every sort's tie-break).
import type { ArticleRecord } from '../db/schema';
import { minutesAt } from './article-derived';
import { orderByKeys } from './sort-order';

export type SortKey = 'relevance' | 'newest' | 'oldest' | 'shortest' | 'longest' | 'title';

/**
 * Each id's score, from an array indexed by id when the ids are small integers (the database's keys):
 * a Map lookup per article, twice, was a good part of a keystroke at 50,000 articles. Undefined: no hit.
 */
export function scoreLookup(scores: Map<number, number>, n: number): (id: number) => number | undefined {
  let max = 0;
  for (const id of scores.keys()) {
    if (!Number.isInteger(id) || id < 0) return (id) => scores.get(id);
    if (id > max) max = id;
  }
  // Sparse ids (many deleted articles): an array this size would cost more than it saves.
  if (max > 4 * n + 65536) return (id) => scores.get(id);
  const dense = new Float64Array(max + 1).fill(NaN);
  for (const [id, s] of scores) dense[id] = s;
  return (id) => {
    const s = dense[id];
    return s === undefined || Number.isNaN(s) ? undefined : s;
  };
}

/**
 * Sorts `items`, given newest first (which is every sort's tie-break: the newest, then the higher id;
 * reversed for 'oldest'), by one numeric key per article computed once (a comparator that looks scores up
 * in a Map costs n·log n lookups), with a stable radix sort (sort-order.ts): a comparator at all cost most
 * of a keystroke at 50,000 articles. Newest needs no sort and oldest only a reversal.
 */
export function sortArticles(
  items: ArticleRecord[],
  sort: SortKey,
  wpm: number,
  scoreOf: ((id: number) => number | undefined) | null,
): ArticleRecord[] {
  if (sort === 'title') return items.sort((a, b) => collator.compare(a.title, b.title) || b.savedAt - a.savedAt || b.id - a.id);
  if (sort === 'newest') return items;
  if (sort === 'oldest') return items.reverse();
  const n = items.length;
  const key = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = items[i];
    key[i] =
      sort === 'relevance'
        ? -(scoreOf!(a.id) ?? 0)
        : sort === 'shortest'
          ? (minutesAt(a, wpm) ?? Infinity) // not downloaded: last either way
          : -(minutesAt(a, wpm) ?? -Infinity);
  }
  const order = orderByKeys([key]);
  const out = new Array<ArticleRecord>(n);
  for (let i = 0; i < n; i++) out[i] = items[order[i]];
  return out;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
