import type { ArticleRecord, ArticleStatus } from '../../lib/db/schema';
import type { ArticleSnapshot } from '../../lib/db/articles';

export interface ReadableArticle {
  article: ArticleRecord;
  html: string;
  /** Image blobs by the absolute URL used in `html`. */
  images: Map<string, Blob>;
}

/** What the library page needs; the entrypoint implements it over Dexie, tests over anything. */
export interface LibraryConnector {
  /** Calls back with the article list (metadata only) now and after every change; returns unsubscribe. */
  subscribe(cb: (articles: ArticleRecord[]) => void, onError: (e: unknown) => void): () => void;
  readable(id: number): Promise<ReadableArticle | undefined>;
  setStatus(id: number, status: ArticleStatus): Promise<void>;
  setFavorite(id: number, favorite: boolean): Promise<void>;
  remove(id: number): Promise<ArticleSnapshot | undefined>;
  restore(snapshot: ArticleSnapshot): Promise<void>;
}
