// Indexing stored articles on the page's main thread: bodies read in batches (one task each), documents
// added in time slices so a keystroke never waits behind more than one slice of indexing; the changed
// ones (reindexArticles) or all of them into a fresh index (buildFromArticles).
import type { ArticleRecord } from '../db/schema';
import { TextIndex, type IndexDoc } from './text-index';
import { IndexBuilder } from './index-build';
import { indexDoc, metaVersion } from './index-doc';
import type { IndexStore } from './index-store';

/** Bodies read and indexed at a time (a bulkGet of bodies is one task: ~100 are a few ms). */
const BODY_BATCH = 100;
/** Articles read at a time when building from scratch. */
const CHUNK = 250;
export const SLICE_MS = 12;
export const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/**
 * (Re)indexes these articles from their stored record and body; gone ones are removed. One whose body
 * is unchanged (not in `body`) and whose metadata version is the indexed one is left as it is.
 */
export async function reindexArticles(
  store: IndexStore,
  ix: TextIndex,
  ids: number[],
  body: ReadonlySet<number> | undefined,
  pause: () => Promise<void>,
): Promise<void> {
  const articles = await store.articles(ids);
  const todo: ArticleRecord[] = [];
  articles.forEach((a, j) => {
    if (!a) ix.remove(ids[j]);
    else if (!body || body.has(a.id) || ix.indexedVersion(a.id) !== metaVersion(a)) todo.push(a);
  });
  for (let i = 0; i < todo.length; i += BODY_BATCH) {
    const part = todo.slice(i, i + BODY_BATCH);
    const texts = await store.texts(part.map((a) => a.id));
    await addInSlices(
      ix,
      part.map((a) => a.id),
      part.map((a, k) => indexDoc(a, texts[k] ?? a.excerpt ?? '')),
      pause,
    );
  }
}

/** Adds each document (a null one is removed from a TextIndex), pausing whenever a slice is used up. */
export async function addInSlices(
  ix: TextIndex | IndexBuilder,
  ids: number[],
  docs: (IndexDoc | null)[],
  pause: () => Promise<void>,
): Promise<void> {
  let start = now();
  for (let j = 0; j < docs.length; j++) {
    const d = docs[j];
    if (d) ix.add(d);
    else if (ix instanceof TextIndex) ix.remove(ids[j]);
    if (now() - start > SLICE_MS) {
      await pause();
      start = now();
    }
  }
}

/**
 * Builds an index of every stored article, reporting (indexed, total) as pages are added. Rows logged
 * meanwhile are the caller's to apply after.
 */
export async function buildFromArticles(
  store: IndexStore,
  pause: () => Promise<void>,
  progress: (indexed: number, total: number) => void,
): Promise<TextIndex> {
  const total = await store.count();
  const fresh = new IndexBuilder();
  progress(0, total);
  let done = 0;
  // The next chunk is read while this one is indexed: IndexedDB reads run in the browser's storage
  // process, so on two cores reading (half the build's time) and indexing overlap.
  const read = async (after: number) => {
    const page = await store.articlePage(after, CHUNK);
    return { page, texts: page.length ? await store.texts(page.map((a) => a.id)) : [] };
  };
  for (let next = read(0); ;) {
    const { page, texts } = await next;
    if (!page.length) break;
    next = read(page[page.length - 1].id);
    next.catch(() => undefined); // awaited above on the next turn; unhandled only if indexing throws
    await addInSlices(
      fresh,
      page.map((a) => a.id),
      page.map((a, i) => indexDoc(a, texts[i] ?? a.excerpt ?? '')),
      pause,
    );
    done += page.length;
    progress(done, Math.max(total, done));
    await pause();
  }
  // In slices: finishing 50,000 articles in one go held the main thread for most of a second.
  return fresh.finishInSlices(pause, SLICE_MS);
}
