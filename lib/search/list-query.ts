// What the library list shows: status views, facet filters, the parsed search, and the sort order, all
// over the in-memory metadata (10,000 records filter and sort in a few ms; nothing here touches the DB).
import type { ArticleRecord } from '../db/schema';
import { fold, tokenize } from './tokenize';
import { displaySite, folded, foldedAt, minutesAt, type Folded } from './article-derived';
import { hasText, narrows, type HasFilter, type IsFilter, type ParsedQuery, type TimeRange } from './query';
import type { TermQuery, TextIndex } from './text-index';
import { hasAnyNote, searchWithAnnotations, type Annotations, type HighlightSummary } from './annotations';
import { facetOrder, type FacetLists } from './facet-counts';
import { orderByKeys } from './sort-order';
import { isNewestFirst, newestFirst, positionsOf } from './newest-first';

export { displaySite, minutesAt, newestFirst };

export type StatusView = 'unread' | 'inprogress' | 'favorite' | 'archived' | 'all';
export type SortKey = 'relevance' | 'newest' | 'oldest' | 'shortest' | 'longest' | 'title';

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

function matchesView(a: ArticleRecord, v: StatusView): boolean {
  return v === 'all' ? true : matchesIs(a, v);
}

const inRange = (m: number | null, r: TimeRange) => m !== null && m >= r.min && m <= r.max;

/**
 * The view the list really shows: a query that says what to look at (words, tag:, is:, -x …) searches
 * the whole library, so the tabs must say "All" rather than leave "Unread" highlighted.
 */
export function effectiveView(view: StatusView, q: ParsedQuery | null | undefined): StatusView {
  return q && narrows(q) ? 'all' : view;
}

/**
 * Ids of the articles a query's -word and -"phrase" exclude (by the index, else by title, site and tags;
 * and by their highlights and notes).
 */
function excludedByText(all: ArticleRecord[], q: ParsedQuery, index: TextIndex | null, notes: TextIndex | null): Set<number> | null {
  const { words, phrases } = q.not;
  if (!words.length && !phrases.length) return null;
  const out = new Set<number>();
  if (notes) {
    for (const w of words) for (const id of notes.search([{ term: w, prefix: false }]).keys()) out.add(id);
    if (phrases.length) for (const id of notes.ids()) if (phrases.some((p) => notes.hasPhrases(id, [p]))) out.add(id);
  }
  if (index) for (const w of words) for (const id of index.search([{ term: w, prefix: false }]).keys()) out.add(id);
  // A loaded index whose phrase part is still on its way: titles, sites and tags for the phrases meanwhile.
  if (index?.phrasesReady) {
    if (phrases.length) for (const a of all) if (phrases.some((p) => index.hasPhrases(a.id, [p]))) out.add(a.id);
    return out;
  }
  if (index && !phrases.length) return out;
  for (const a of all) {
    const terms = tokenize(`${a.title} ${displaySite(a)} ${a.tags.join(' ')}`);
    if ((!index && words.some((w) => terms.includes(w))) || phrases.some((p) => containsPhrase(terms, p))) out.add(a.id);
  }
  return out;
}

/** Words and phrase terms as index queries: words match by prefix, phrase words exactly. */
export function termQueries(q: ParsedQuery): TermQuery[] {
  const seen = new Set<string>();
  const out: TermQuery[] = [];
  for (const w of q.words)
    if (!seen.has(`w${w}`)) {
      seen.add(`w${w}`);
      out.push({ term: w, prefix: true });
    }
  for (const p of q.phrases)
    for (const w of p)
      if (!seen.has(`p${w}`)) {
        seen.add(`p${w}`);
        out.push({ term: w, prefix: false });
      }
  return out;
}

/** Phrase terms in order inside already-folded, tokenized text. */
export function containsPhrase(terms: string[], phrase: string[]): boolean {
  outer: for (let i = 0; i + phrase.length <= terms.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (terms[i + j] !== phrase[j]) continue outer;
    return true;
  }
  return false;
}

/** Title, site and tag matches while the full-text index builds, so the box is never dead. */
function titleScores(all: ArticleRecord[], queries: TermQuery[]): Map<number, number> {
  const scores = new Map<number, number>();
  const terms = queries.map((t) => t.term);
  for (const a of all) {
    const f = folded(a);
    const hay = `${f.title} ${f.site} ${f.tags.join(' ')}`;
    if (terms.every((t) => hay.includes(t))) scores.set(a.id, f.title.includes(terms[0]) ? 2 : 1);
  }
  return scores;
}

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

/**
 * Each id's score, from an array indexed by id when the ids are small integers (the database's keys):
 * a Map lookup per article, twice, was a good part of a keystroke at 50,000 articles. Undefined: no hit.
 */
function scoreLookup(scores: Map<number, number>, n: number): (id: number) => number | undefined {
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

/** Any tag:, site:, is:, has: or time: operator, or an exclusion of one (what matchesOperators checks). */
function hasOperators(q: ParsedQuery): boolean {
  const { tags, sites, is, has, time, not } = q;
  return [tags, sites, is, has, time, not.tags, not.sites, not.is, not.has].some((x) => x.length > 0);
}

/**
 * Sorts `items`, given newest first (which is every sort's tie-break: the newest, then the higher id;
 * reversed for 'oldest'), by one numeric key per article computed once (a comparator that looks scores up
 * in a Map costs n·log n lookups), with a stable radix sort (sort-order.ts): a comparator at all cost most
 * of a keystroke at 50,000 articles. Newest needs no sort and oldest only a reversal.
 */
function sortArticles(
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
