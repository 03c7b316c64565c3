// The IndexStore of the library page over Dexie: articles, bodies and the change log from the library
// database, the saved index from a cache database of its own (it can be dropped at any time, and keeping
// it out of the articles schema means saves never wait on it).
import type Dexie from 'dexie';
import type { ArticleRecord, GistDB } from '../db/schema';
import { changesAfter, firstSeq, lastSeq, trimLog, type ChangeRecord } from '../db/change-log';
import { textsOf } from '../db/articles';
import type { PhrasePart, SerializedIndex, WordPart } from './index-serial';

export interface SavedIndex {
  index: SerializedIndex;
  /** The last change-log row the index includes. */
  watermark: number;
}

/** The stored parts: the head is read on opening, the phrases after. `stamp` pairs them up. */
export interface SavedHead {
  words: WordPart;
  watermark: number;
  stamp: number;
}
export interface SavedPhrases {
  phrases: PhrasePart;
  stamp: number;
}

export interface IndexStore {
  lastSeq(): Promise<number>;
  /** The oldest change-log row kept (undefined: empty log). */
  firstSeq(): Promise<number | undefined>;
  changesAfter(seq: number, limit: number): Promise<ChangeRecord[]>;
  /** Articles by id, undefined where gone. */
  articles(ids: number[]): Promise<(ArticleRecord | undefined)[]>;
  /** Up to `limit` articles with ids above `afterId`, in id order. */
  articlePage(afterId: number, limit: number): Promise<ArticleRecord[]>;
  count(): Promise<number>;
  /** Bodies by article id (undefined when missing). */
  texts(ids: number[]): Promise<(string | undefined)[]>;
  loadSaved(): Promise<SavedHead | undefined>;
  loadPhrases(): Promise<SavedPhrases | undefined>;
  save(data: SavedIndex): Promise<void>;
  /** Drops log rows up to `seq` (the saved index has them). */
  trim(seq: number): Promise<void>;
}

export interface IndexCache {
  /** The part opening reads: word postings and the watermark. */
  get(): Promise<SavedHead | undefined>;
  /** The phrase part, read after search is ready. */
  getPhrases(): Promise<SavedPhrases | undefined>;
  put(value: SavedIndex): Promise<void>;
}

/**
 * Keys of older formats, dropped on the next save: v2 stored the index as one value (~190 MB at 50,000
 * articles); v3's postings could only be decoded whole (index-serial.ts WORD_FORMAT).
 */
const OLD_KEYS = ['text-index-v2', 'text-index-v3', 'text-index-v3:phrases'];

/**
 * A key-value table in its own database ('gist-search-cache'), the index in two rows written in one
 * transaction: reading a single value of the whole index took 4–7 s at 50,000 articles, most of it
 * phrase data a word search never looks at. A stamp ties the rows of one save together.
 */
/** Where the current format is stored (its phrase part at `${INDEX_KEY}:phrases`). */
export const INDEX_KEY = 'text-index-v4';

export function dexieIndexCache(cache: Dexie, key = INDEX_KEY): IndexCache {
  const kv = cache.table<{ key: string; value: SavedHead | SavedPhrases }, string>('kv');
  const phrasesKey = `${key}:phrases`;
  return {
    get: async () => (await kv.get(key))?.value as SavedHead | undefined,
    getPhrases: async () => (await kv.get(phrasesKey))?.value as SavedPhrases | undefined,
    put: async ({ index, watermark }) => {
      const stamp = Date.now() + Math.random();
      await cache.transaction('rw', kv, async () => {
        await kv.bulkPut([
          { key, value: { words: index.words, watermark, stamp } },
          { key: phrasesKey, value: { phrases: index.phrases, stamp } },
        ]);
        await kv.bulkDelete(OLD_KEYS);
      });
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
    loadPhrases: () => cache.getPhrases(),
    save: (d) => cache.put(d),
    trim: (seq) => trimLog(db, seq),
  };
}
