// Helpers for tests of the library's live queries on fake-indexeddb.
import { RangeSet } from 'dexie';
import type { ArticleInput } from '../../lib/db/articles';
import type { ArticleRecord } from '../../lib/db/schema';

/** A saveArticle input for article `n` (a short body, no tags, no images); `over` changes any field. */
export function articleInput(n: number, over: Partial<ArticleInput> = {}): ArticleInput {
  return {
    url: `https://example.com/${n}`,
    originalUrl: `https://example.com/${n}`,
    title: `Title ${n}`,
    byline: null,
    siteName: 'Example',
    lang: 'en',
    publishedTime: null,
    excerpt: null,
    html: `<p>Body ${n}</p>`,
    text: `Body number ${n} about honeybees`,
    tags: [],
    tagCandidates: [],
    tagsEdited: false,
    wordCount: 5,
    cjkChars: 0,
    imageCount: 0,
    readingMinutes: 1,
    images: [],
    ...over,
  };
}

/**
 * A write by the service worker (a save, the fetch queue filling an import): made in another context, it
 * reaches the page only as Dexie's "changed" notice over BroadcastChannel. Dexie's query cache patches
 * results for writes made through the page's own Dexie, but for these it drops the cached results and
 * every live query reads the table again.
 */
export async function writeFromWorker(idb: IDBFactory, dbName: string, id: number, change: Partial<ArticleRecord>) {
  const conn = await new Promise<IDBDatabase>((ok, ko) => {
    const r = idb.open(dbName);
    r.onsuccess = () => ok(r.result);
    r.onerror = () => ko(r.error);
  });
  const tx = conn.transaction('articles', 'readwrite');
  const store = tx.objectStore('articles');
  const get = store.get(id);
  get.onsuccess = () => store.put({ ...get.result, ...change });
  await new Promise((ok, ko) => {
    tx.oncomplete = ok;
    tx.onerror = () => ko(tx.error);
  });
  conn.close();
  const bc = new BroadcastChannel('x-storagemutated-1');
  bc.postMessage({ [`idb://${dbName}/articles/`]: new RangeSet(id) });
  bc.close();
}

/** Resolves once `pred` holds, polling between macrotasks (live queries answer asynchronously). */
export async function until(pred: () => boolean, what: string) {
  for (let i = 0; i < 400; i++) {
    if (pred()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}
