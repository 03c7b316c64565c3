import type { ArticleRecord, ArticleStatus } from '../../lib/db/schema';
import type { ArticleSnapshot, PreviousValues } from '../../lib/db/articles';
import type { ReaderSettings } from '../../lib/reader/settings';
import type { SpeechLike } from '../../lib/reader/speech';
import type { SyncState } from '../../lib/search/index-sync';
import type { TextIndex } from '../../lib/search/text-index';

export interface ReadableArticle {
  article: ArticleRecord;
  html: string;
  /** Image blobs by the absolute URL used in `html`. */
  images: Map<string, Blob>;
}

/** The full-text index the page keeps in step with the library (see lib/search/index-sync.ts). */
export interface SearchBackend {
  /** Called with every full list; indexes what is new or changed. */
  sync(articles: ArticleRecord[]): Promise<void>;
  readonly index: TextIndex | null;
  readonly state: SyncState;
  onChange(cb: (s: SyncState) => void): () => void;
}

export interface StorageInfo {
  usage: number;
  quota: number;
  persisted: boolean;
}

/** What the library page needs; the entrypoint implements it over Dexie, tests over anything. */
export interface LibraryConnector {
  /** Calls back with the article list (metadata only) now and after every change; returns unsubscribe. */
  subscribe(cb: (articles: ArticleRecord[]) => void, onError: (e: unknown) => void): () => void;
  /** The newest few articles, to paint the first rows before the whole list has loaded. */
  firstPage?(n: number): Promise<ArticleRecord[]>;
  readable(id: number): Promise<ReadableArticle | undefined>;
  setStatus(id: number, status: ArticleStatus): Promise<void>;
  setFavorite(id: number, favorite: boolean): Promise<void>;
  remove(id: number): Promise<ArticleSnapshot | undefined>;
  restore(snapshot: ArticleSnapshot): Promise<void>;
  /** Reading position 0..1 (the page throttles calls). */
  setProgress?(id: number, progress: number): Promise<void>;
  setTags?(id: number, tags: string[]): Promise<void>;
  /** Bulk edits return what they changed so Undo can put it back. */
  bulk?: {
    setStatus(ids: number[], status: ArticleStatus): Promise<PreviousValues>;
    setFavorite(ids: number[], favorite: boolean): Promise<PreviousValues>;
    addTag(ids: number[], tag: string): Promise<PreviousValues>;
    removeTag(ids: number[], tag: string): Promise<PreviousValues>;
    remove(ids: number[]): Promise<ArticleSnapshot[]>;
    restore(snapshots: ArticleSnapshot[]): Promise<void>;
    restoreValues(prev: PreviousValues): Promise<void>;
  };
  search?: SearchBackend;
  /** Plain-text bodies (phrase search, read aloud fallbacks). */
  texts?(ids: number[]): Promise<(string | undefined)[]>;
  settings?: { load(): ReaderSettings; save(s: ReaderSettings): void };
  storage?: { info(): Promise<StorageInfo | null>; persist(): Promise<boolean> };
  /** The Web Speech API, or null where the browser has none. */
  speech?: { synth: SpeechLike; utterance(text: string): SpeechSynthesisUtterance; onVoicesChanged(cb: () => void): () => void } | null;
}
