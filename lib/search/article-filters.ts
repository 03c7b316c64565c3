// Per-article checks behind the list's filters: the status views, and the query's operators (tag:,
// site:, is:, has:, time: and their exclusions).
import type { ArticleRecord } from '../db/schema';
import { folded, minutesAt, type Folded } from './article-derived';
import type { HasFilter, IsFilter, ParsedQuery, TimeRange } from './query';
import { hasAnyNote, type HighlightSummary } from './annotations';

export type StatusView = 'unread' | 'inprogress' | 'favorite' | 'archived' | 'all';

/** Started and not finished. */
export const PROGRESS_START = 0.01;
export const PROGRESS_DONE = 0.97;
export function isInProgress(a: ArticleRecord): boolean {
  return a.status !== 'archived' && a.progress >= PROGRESS_START && a.progress < PROGRESS_DONE;
}

function matchesIs(a: ArticleRecord, f: IsFilter): boolean {
  switch (f) {
    case 'unread':
      return a.status === 'unread';
    case 'archived':
      return a.status === 'archived';
    case 'favorite':
      return a.favorite === 1;
    case 'inprogress':
      return isInProgress(a);
  }
}

function matchesHas(a: ArticleRecord, f: HasFilter, summary: ReadonlyMap<number, HighlightSummary> | undefined): boolean {
  return f === 'highlights' ? (summary?.get(a.id)?.count ?? 0) > 0 : hasAnyNote(a, summary);
}

export function matchesView(a: ArticleRecord, v: StatusView): boolean {
  return v === 'all' ? true : matchesIs(a, v);
}

export const inRange = (m: number | null, r: TimeRange) => m !== null && m >= r.min && m <= r.max;

/**
 * The query's operators (tag:, site:, is:, time:, has: and their exclusions) for one article; `summary`
 * is what has:highlights and has:note look at, `f` its folded fields where the caller has them.
 */
export function matchesOperators(
  a: ArticleRecord,
  q: ParsedQuery,
  wpm: number,
  summary: ReadonlyMap<number, HighlightSummary> | undefined,
  f: Folded = folded(a),
): boolean {
  for (const t of q.tags) if (!f.tags.includes(t)) return false;
  for (const s of q.sites) if (!f.site.includes(s) && !f.host.includes(s)) return false;
  for (const i of q.is) if (!matchesIs(a, i)) return false;
  for (const h of q.has) if (!matchesHas(a, h, summary)) return false;
  if (q.time.length && !q.time.some((r) => inRange(minutesAt(a, wpm), r))) return false;
  for (const t of q.not.tags) if (f.tags.includes(t)) return false;
  for (const s of q.not.sites) if (f.site.includes(s) || f.host.includes(s)) return false;
  for (const i of q.not.is) if (matchesIs(a, i)) return false;
  for (const h of q.not.has) if (matchesHas(a, h, summary)) return false;
  return true;
}

/** Any tag:, site:, is:, has: or time: operator, or an exclusion of one (what matchesOperators checks). */
export function hasOperators(q: ParsedQuery): boolean {
  const { tags, sites, is, has, time, not } = q;
  return [tags, sites, is, has, time, not.tags, not.sites, not.is, not.has].some((x) => x.length > 0);
}

/** How many articles each view shows. */
export function viewCounts(all: ArticleRecord[]): Record<StatusView, number> {
  const c: Record<StatusView, number> = { unread: 0, inprogress: 0, favorite: 0, archived: 0, all: 0 };
  for (const a of all) {
    c.all++;
    if (a.status === 'unread') c.unread++;
    else c.archived++;
    if (a.favorite === 1) c.favorite++;
    if (isInProgress(a)) c.inprogress++;
  }
  return c;
}
