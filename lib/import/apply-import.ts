// Writes parsed import items into the library: one article per canonical URL, merged into what is
// already there (merge-rules: tags united, earliest save date, highlights added, archived / favorite /
// further progress win), content sanitized by the caller's function (DOMPurify needs a window).
// Every item gets a typed outcome with its reason.
import type { GistDB } from '../db/schema';
import { bodyTables } from '../db/contents';
import { canonicalUrl } from '../url/canonical-url';
import { htmlToText } from './html-text';
import { tablesOf, writeChunk } from './apply-chunk';
import type { Prepared } from './apply-records';
import type { ImportItem } from './types';

export interface SanitizedContent {
  html: string;
  /** Plain text; derived from `html` when absent. */
  text?: string;
  /** Remote images the HTML references (to download later). */
  images?: string[];
}

export interface ApplyDeps {
  /** Sanitizes imported HTML for storage, e.g. `(h, base) => prepareStoredHtml(h, window, base)`. */
  sanitize(html: string, baseUrl: string): SanitizedContent | Promise<SanitizedContent>;
  /** Recorded on new articles as `source`, e.g. "import:pocket-html". */
  source?: string;
  now?: () => number;
  /** Items per transaction, fixed; by default chunks are sized by time (`sliceMs`). */
  chunkSize?: number;
  /** Milliseconds one chunk (checking, sanitizing, writing) should take (default 40). */
  sliceMs?: number;
  /** Called between chunks (default: a macrotask, so the page paints and handles input). */
  yield?(): Promise<void>;
  onProgress?(done: number, total: number): void;
  /** The canonical URL of each item, when the reader has them (ImportResult.keys): not worked out again. */
  keys?: readonly string[];
}

/**
 * imported: a new article. merged: already in the library, and the item added something to it.
 * duplicate: already in the library with everything the item says. failed: nothing written.
 */
export type ApplyStatus = 'imported' | 'merged' | 'duplicate' | 'failed';

export interface ApplyOutcome {
  index: number;
  where: string;
  url: string;
  outcome: ApplyStatus;
  /** For people; counts and logic use `outcome` and `needsFetch`. */
  reason: string;
  articleId?: number;
  /** A new article without content: the fetch queue will get its page. */
  needsFetch?: boolean;
  /** Remote images of imported content not stored yet (the fetch queue downloads them). */
  pendingImages?: string[];
  /** Ids of the highlights this item added (stored 'waiting' or as a Gist export had them). */
  highlights?: string[];
}

function keyOf(item: ImportItem, known: string | undefined): string {
  return item.gist?.canonicalUrl || known || canonicalUrl(item.url);
}

const nextTask = () => new Promise<void>((r) => setTimeout(r, 0));
const clock = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/**
 * Canonical URL → id of every article, from one scan of the `url` index (keys only, no records): an
 * import then finds what the library has without a query per item or per chunk.
 */
export async function urlIds(db: GistDB): Promise<Map<string, number>> {
  const [urls, ids] = await Promise.all([db.articles.orderBy('url').keys(), db.articles.orderBy('url').primaryKeys()]);
  const map = new Map<string, number>();
  urls.forEach((u, i) => map.set(String(u), ids[i] as number));
  return map;
}

/** Next size: as many items as fit `targetMs` at the pace just measured (at most doubling, at least 10). */
const fit = (size: number, n: number, ms: number, targetMs: number) =>
  Math.max(10, Math.min(size * 2, Math.floor((targetMs * n) / Math.max(ms, 0.001))));
/** Wall time aimed at per transaction: commits are the slow part of IndexedDB, so fewer of them. */
const TRANSACTION_MS = 400;

/**
 * Imports `items` (from parseImport) into `db`; returns one outcome per item, in order. Sized by time
 * (unless `deps.chunkSize` fixes the sizes): items are checked and sanitized a slice of `deps.sliceMs`
 * at a time, each transaction takes ~400 ms, and inside it the writes go in steps of ~`sliceMs` (each
 * awaited, so a page paints between them), so a page importing 100,000 links keeps painting and no
 * task runs long.
 */
export async function applyImport(db: GistDB, items: ImportItem[], deps: ApplyDeps): Promise<ApplyOutcome[]> {
  const now = deps.now ?? Date.now;
  const source = deps.source ?? 'import';
  const pause = deps.yield ?? nextTask;
  const slice = deps.sliceMs ?? 40;
  const fixed = deps.chunkSize === undefined ? undefined : Math.max(1, deps.chunkSize);
  const outcomes: ApplyOutcome[] = new Array(items.length);
  const ids = await urlIds(db);
  // A timeline mark for bench-import-page's long-task report.
  if (typeof performance !== 'undefined') performance.mark?.('gist:import-url-map');
  let batch = fixed ?? 500;
  let step = fixed ?? 50;
  for (let start = 0; start < items.length;) {
    const end = Math.min(items.length, start + batch);
    const prepared = await prepareBatch(db, items, start, end, outcomes, ids, { ...deps, yield: pause, sliceMs: slice });
    const t0 = clock();
    try {
      const ctx = { ids, now: now(), source, newSource: deps.source };
      await db.transaction('rw', [db.articles, ...bodyTables(db), db.images, db.highlights], async (tx) => {
        const tables = tablesOf(tx);
        for (let k = 0; k < prepared.length;) {
          const s0 = clock();
          const part = prepared.slice(k, k + step);
          await writeChunk(tables, part, outcomes, ctx);
          k += part.length;
          if (fixed === undefined) step = fit(step, part.length, clock() - s0, slice);
        }
      });
    } catch (e) {
      await retryOneByOne(db, prepared, outcomes, deps, e);
      // The rolled-back transaction's ids were never stored: read the map again.
      ids.clear();
      for (const [k, v] of await urlIds(db)) ids.set(k, v);
    }
    deps.onProgress?.(end, items.length);
    if (fixed === undefined) batch = fit(batch, end - start, clock() - t0, TRANSACTION_MS);
    start = end;
    if (start < items.length) await pause();
  }
  return outcomes;
}

/**
 * Checks and sanitizes items `start`..`end` (before the transaction: nothing async but IndexedDB may run
 * inside one), yielding every `sliceMs`. Sanitizing is skipped where the library has the body already.
 */
async function prepareBatch(
  db: GistDB,
  items: ImportItem[],
  start: number,
  end: number,
  outcomes: ApplyOutcome[],
  ids: Map<string, number>,
  deps: ApplyDeps & Required<Pick<ApplyDeps, 'yield' | 'sliceMs'>>,
): Promise<Prepared[]> {
  const checked: Prepared[] = [];
  let t = clock();
  const maybeYield = async () => {
    if (clock() - t < deps.sliceMs) return;
    await deps.yield();
    t = clock();
  };
  for (let i = start; i < end; i++) {
    const r = check(i, items[i], deps.keys?.[i]);
    if ('outcome' in r) outcomes[i] = r;
    else checked.push(r);
    if (i % 64 === 63) await maybeYield();
  }
  const withContent = checked.filter((p) => p.item.content && ids.has(p.key));
  const haveContent = new Set(
    withContent.length
      ? (await db.articles.bulkGet(withContent.map((p) => ids.get(p.key)!))).flatMap((a) => (a?.contentState === 'full' ? [a.url] : []))
      : [],
  );
  const prepared: Prepared[] = [];
  for (const p of checked) {
    prepared.push(await sanitizeOne(p, deps, haveContent));
    if (p.item.content) await maybeYield();
  }
  return prepared;
}

function check(index: number, item: ImportItem, key: string | undefined): Prepared | ApplyOutcome {
  const fail = (reason: string): ApplyOutcome => ({ index, where: item.where, url: item.url, outcome: 'failed', reason });
  let u: URL;
  try {
    u = new URL(item.url);
  } catch {
    return fail('not a valid URL');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return fail(`not a web page (${u.protocol} URL)`);
  return { index, item, key: keyOf(item, key) };
}

async function sanitizeOne(p: Prepared, deps: ApplyDeps, haveContent: Set<string>): Promise<Prepared> {
  const { item } = p;
  if (!item.content || haveContent.has(p.key)) return p;
  try {
    const s = await deps.sanitize(item.content, item.url);
    const text = item.gist?.text ?? s.text ?? htmlToText(s.html);
    if (s.html.trim()) return { ...p, content: { html: s.html, text, images: s.images ?? [] } };
    return { ...p, contentProblem: 'the imported content was empty after sanitizing; the page will be fetched instead' };
  } catch (e) {
    return {
      ...p,
      contentProblem: `the imported content could not be sanitized (${e instanceof Error ? e.message : String(e)}); the page will be fetched instead`,
    };
  }
}

/** The chunk's transaction rolled back (nothing of it written): one by one, so a bad item cannot fail its neighbours. */
async function retryOneByOne(db: GistDB, prepared: Prepared[], outcomes: ApplyOutcome[], deps: ApplyDeps, e: unknown): Promise<void> {
  if (prepared.length > 1) {
    const retry = await applyImport(
      db,
      prepared.map((p) => p.item),
      { ...deps, chunkSize: 1, onProgress: undefined, keys: prepared.map((p) => p.key) },
    );
    retry.forEach((o, k) => {
      outcomes[prepared[k].index] = { ...o, index: prepared[k].index };
    });
    return;
  }
  for (const p of prepared)
    outcomes[p.index] = {
      index: p.index,
      where: p.item.where,
      url: p.item.url,
      outcome: 'failed',
      reason: `could not be written: ${e instanceof Error ? e.message : String(e)}`,
    };
}
