// A library of four saved articles in a fresh fake-indexeddb database per test, and IndexSync over it
// with the real index cache (its own database).
import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { beforeEach, vi } from 'vitest';
import { openDb, type GistDB } from '../../lib/db/schema';
import { saveArticle, type ArticleInput } from '../../lib/db/articles';
import Dexie from 'dexie';
import { IndexSync } from '../../lib/search/index-sync';
import { dexieIndexCache, dexieIndexStore } from '../../lib/search/index-store';
import { articleInput } from './live-db';

export function input(n: number, over: Partial<ArticleInput> = {}): ArticleInput {
  const images = [{ src: `https://example.com/${n}.png`, blob: new Blob([new Uint8Array([n])], { type: 'image/png' }) }];
  return articleInput(n, { tags: ['Science'], imageCount: 1, images, ...over });
}

export let db: GistDB;
export let ids: number[];
/** A fresh database holding articles 1–4 (`ids`) for each test of the calling file. */
export function freshLibraryEachTest(): void {
  beforeEach(async () => {
    db = openDb(`t-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
    ids = [];
    for (let i = 1; i <= 4; i++) ids.push((await saveArticle(db, input(i), 1000 * i)).id);
  });
}

/** IndexSync over `db` with the real cache (its own database, the index in parts), over fake-indexeddb. */
export function harness() {
  const cacheDb = new Dexie(`cache-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  cacheDb.version(1).stores({ kv: 'key' });
  const kv = cacheDb.table<{ key: string; value: unknown }, string>('kv');
  const cache = dexieIndexCache(cacheDb);
  vi.spyOn(cache, 'put');
  const store = dexieIndexStore(db, cache);
  const texts = vi.spyOn(store, 'texts');
  const open = () => new IndexSync(store, async () => {});
  return { store, texts, cache, kv, open };
}
export const hits = (sync: IndexSync, w: string) => [...sync.index!.search([{ term: w, prefix: true }]).keys()].sort();
