// The IndexedDB schema (Dexie) of the extension origin. Metadata, bodies and images live in separate
// tables so the library can list 10,000 articles without loading any body or blob.
import Dexie, { type EntityTable } from 'dexie';

export type ArticleStatus = 'unread' | 'archived';

export interface Highlight {
  text: string;
  note?: string | null;
  createdAt?: string | null;
}

export interface ArticleRecord {
  id: number;
  /** Canonical URL: the dedup key. */
  url: string;
  /** The URL as the user saved it (may carry tracking parameters, fragments). */
  originalUrl: string;
  title: string;
  byline: string | null;
  siteName: string | null;
  lang: string | null;
  publishedTime: string | null;
  excerpt: string | null;
  /** Epoch milliseconds of the first save. */
  savedAt: number;
  updatedAt: number;
  status: ArticleStatus;
  /** 0 or 1: IndexedDB cannot index booleans. */
  favorite: 0 | 1;
  tags: string[];
  /** Ranked tag candidates kept for later suggestions. */
  tagCandidates: string[];
  /** True once the user edited tags: suggestions never overwrite them. */
  tagsEdited: boolean;
  wordCount: number;
  cjkChars: number;
  imageCount: number;
  /** At the default speed; the library recomputes from the counts for the user's speed. */
  readingMinutes: number;
  /** Reading position 0..1. */
  progress: number;
  /** 'full' when content is stored, 'pending' when only the URL is known (imports). */
  contentState: 'full' | 'pending' | 'failed';
  highlights?: Highlight[];
  source?: string;
  /** Fetch queue (imports): attempts so far, when the next may run, why the last one failed. */
  fetchAttempts?: number;
  nextAttemptAt?: number;
  fetchError?: string;
  /** Remote images of imported content not downloaded yet (the fetch queue gets them). */
  pendingImages?: string[];
}

export interface ContentRecord {
  articleId: number;
  /** Sanitized HTML; <img src> keeps the original absolute URL, looked up in `images` at render. */
  html: string;
  text: string;
}

export interface ImageRecord {
  id: number;
  articleId: number;
  /** The absolute URL as it appears in the stored HTML. */
  src: string;
  blob: Blob;
}

export type GistDB = Dexie & {
  articles: EntityTable<ArticleRecord, 'id'>;
  contents: EntityTable<ContentRecord, 'articleId'>;
  images: EntityTable<ImageRecord, 'id'>;
};

export const DB_NAME = 'gist';

export function openDb(name = DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]): GistDB {
  const db = new Dexie(name, options) as GistDB;
  db.version(1).stores({
    articles: '++id, &url, savedAt, updatedAt, status, favorite, *tags, siteName, readingMinutes',
    contents: 'articleId',
    images: '++id, articleId',
  });
  // 2: only what is queried. The library filters and sorts in memory (lib/search/list-query.ts), so the
  // status, favorite, tags, site, length and updatedAt indexes only slowed every write; the fetch queue
  // (lib/fetch-queue/store.ts) looks up waiting articles by contentState and by pendingImages instead of
  // reading the whole table. IndexedDB builds the new indexes from the rows: no data changes.
  db.version(2).stores({
    articles: '++id, &url, savedAt, contentState, *pendingImages',
  });
  return db;
}
