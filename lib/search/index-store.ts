// The IndexStore of the library page over Dexie: articles, bodies and the change log from the library
// database, the saved index from a cache database of its own (it can be dropped at any time, and keeping
// it out of the articles schema means saves never wait on it).
import type Dexie from 'dexie';
import type { GistDB } from '../db/schema';
import { changesAfter, firstSeq, lastSeq, trimLog } from '../db/change-log';
import { textsOf } from '../db/articles';
import type { IndexStore, SavedIndex } from './index-sync';

export interface IndexCache {
  get(): Promise<SavedIndex | undefined>;
  put(value: SavedIndex): Promise<void>;
}

/** A key-value table in its own database ('gist-search-cache'). */
export function dexieIndexCache(cache: Dexie, key = 'text-index-v2'): IndexCache {
  const kv = cache.table<{ key: string; value: SavedIndex }, string>('kv');
  return {
    get: async () => (await kv.get(key))?.value,
    put: async (value) => {
      await kv.put({ key, value });
    },
  };
}

export function dexieIndexStore(db: GistDB, cache: IndexCache): IndexStore {
  return {
    lastSeq: () => lastSeq(db),
    firstSeq: () => firstSeq(db),
    changesAfter: (seq, limit) => changesAfter(db, seq, limit),
    articles: (ids) => db.articles.bulkGet(ids),
    articlePage: (afterId, limit) => db.articles.where(':id').above(afterId).limit(limit).toArray(),
    count: () => db.articles.count(),
    texts: (ids) => textsOf(db, ids),
    loadSaved: () => cache.get(),
    save: (d) => cache.put(d),
    trim: (seq) => trimLog(db, seq),
  };
}
