import type { ArticleRecord, ArticleStatus, HighlightRecord } from '../../lib/db/schema';
import type { HighlightChanges, NewHighlight } from '../../lib/db/highlights';
import type { ArticleSnapshot, PreviousValues } from '../../lib/db/articles';
import type { ReaderSettings } from '../../lib/reader/settings';
import type { SpeechLike } from '../../lib/reader/speech';
import type { SyncState } from '../../lib/search/index-sync';
import type { TextIndex } from '../../lib/search/text-index';
import type { StatusView } from '../../lib/search/list-query';
import type { ApplyOutcome } from '../../lib/import/apply-import';
import type { StrayOutcome } from '../../lib/import/stray-highlights';
import type { AnchorTally } from '../../lib/annotate/anchor-stored';
import type { ImportResult } from '../../lib/import/types';
import type { QueueCounts } from '../../lib/fetch-queue/store';
import type { QueueStatus } from '../../lib/fetch-queue/status';
import type { FieldErrors, LoadedSettings, SyncSettings, SyncSettingsInput } from '../../lib/sync/settings';
import type { CheckResult, DbActionResult } from '../../lib/sync/connection-check';
import type { SyncStatus } from '../../lib/sync/status';
import type { StorageParts } from '../../lib/storage/usage';
import type { DropImagesPlan, DropImagesResult } from '../../lib/storage/drop-images';

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

/** Highlights and notes (lib/db/highlights.ts); the reader anchors, this only stores. */
export interface HighlightBackend {
  /** One article's highlights in reading order. */
  of(articleId: number): Promise<HighlightRecord[]>;
  add(h: NewHighlight): Promise<HighlightRecord>;
  update(id: string, changes: HighlightChanges): Promise<void>;
  /** Returns the deleted record for Undo (restore). */
  remove(id: string): Promise<HighlightRecord | undefined>;
  restore(rec: HighlightRecord): Promise<void>;
  /** The free-text note on the whole article ('' clears it). */
  setArticleNote(articleId: number, note: string): Promise<void>;
  /** Every highlight, newest first, now and after every change; returns unsubscribe. */
  subscribeAll(cb: (all: HighlightRecord[]) => void, onError: (e: unknown) => void): () => void;
}

/** What the library page needs; the entrypoint implements it over Dexie, tests over anything. */
export interface LibraryConnector {
  /** Calls back with the article list (metadata only) now and after every change; returns unsubscribe. */
  subscribe(cb: (articles: ArticleRecord[]) => void, onError: (e: unknown) => void): () => void;
  /** The newest few articles, to paint the first rows before the whole list has loaded. */
  firstPage?(n: number): Promise<ArticleRecord[]>;
  /** The first page when it is already read (for the page's first render), else null. */
  firstPageNow?(): ArticleRecord[] | null;
  /**
   * Articles per view (the tabs' counts), now and after every change, counted without reading the
   * whole list (indexed counts); returns unsubscribe. Without it the page counts the list it has read.
   */
  subscribeCounts?(cb: (counts: Record<StatusView, number>) => void, onError: (e: unknown) => void): () => void;
  readable(id: number): Promise<ReadableArticle | undefined>;
  setStatus(id: number, status: ArticleStatus): Promise<void>;
  setFavorite(id: number, favorite: boolean): Promise<void>;
  remove(id: number): Promise<ArticleSnapshot | undefined>;
  restore(snapshot: ArticleSnapshot): Promise<void>;
  /** Reading position 0..1 (the page throttles calls). */
  setProgress?(id: number, progress: number): Promise<void>;
  setTags?(id: number, tags: string[]): Promise<void>;
  /** Bulk edits return what they changed so Undo can put it back (the page offers Undo for all but setFavorite). */
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
  highlights?: HighlightBackend;
  /** Plain-text bodies (phrase search, read aloud fallbacks). */
  texts?(ids: number[]): Promise<(string | undefined)[]>;
  settings?: { load(): ReaderSettings; save(s: ReaderSettings): void };
  storage?: {
    info(): Promise<StorageInfo | null>;
    persist(): Promise<boolean>;
    /** Space per part (text, images, search index, metadata), measured with cursors. */
    parts?(): Promise<StorageParts>;
    /** What dropping the images of archived, non-favorite articles unchanged for `months` would free. */
    planImageDrop?(months: number): Promise<DropImagesPlan>;
    dropImages?(plan: DropImagesPlan, onProgress: (done: number, total: number) => void): Promise<DropImagesResult>;
  };
  /** Import / export (components/library/import-export-panel.tsx). */
  transfer?: TransferBackend;
  /** The background fetch queue for imported links. */
  queue?: QueueBackend;
  /** Sync with the user's CouchDB: settings, connection test, Sync now / Stop, status (Settings → Sync). */
  sync?: SyncBackend;
  /** The keyboard shortcut that saves a page, as the browser shows it ("Alt+Shift+S"; '' when unset). */
  shortcut?(): Promise<string>;
  /** The Web Speech API, or null where the browser has none. */
  speech?: { synth: SpeechLike; utterance(text: string): SpeechSynthesisUtterance; onVoicesChanged(cb: () => void): () => void } | null;
}

/** One import: what the file held (parser problems and in-file duplicates) and what happened to each item. */
export interface ImportRun {
  file: string;
  format: ImportResult['format'];
  errors: ImportResult['errors'];
  duplicates: ImportResult['duplicates'];
  outcomes: ApplyOutcome[];
  /** Highlights for URLs the file's list lacks, and what became of them. */
  strayHighlights: StrayOutcome[];
  /** The highlights the import added and where anchoring left them (absent: none added). */
  highlights?: AnchorTally & { added: number };
  ms: number;
}

export type ImportPhase = 'reading' | 'writing';
export type ExportKind = 'gist-json' | 'netscape-html' | 'markdown-zip' | 'highlights-markdown' | 'highlights-zip';

export interface TransferBackend {
  /** Parses and writes an export file; throws (UnknownFormatError) with a clear message when it is not one. */
  importFile(name: string, bytes: Uint8Array, onProgress: (done: number, total: number, phase: ImportPhase) => void): Promise<ImportRun>;
  /** Builds an export of the whole library without freezing the page. */
  exportLibrary(kind: ExportKind, onProgress: (done: number, total: number) => void): Promise<{ blob: Blob; fileName: string }>;
  /** One article's note and highlights as a Markdown file (front matter, block quotes, links back). */
  exportArticleHighlights?(articleId: number): Promise<{ blob: Blob; fileName: string }>;
}

export interface QueueView {
  counts: QueueCounts;
  status: QueueStatus;
  /** Starting needs the user to grant access to websites first (asked by start()). */
  needsPermission: boolean;
}

export interface QueueBackend {
  /** Live counts and status; returns unsubscribe. */
  subscribe(cb: (v: QueueView) => void): () => void;
  /** Call synchronously from the click: it may ask the browser for host access first (user gesture). */
  start(opts?: { retryFailed?: boolean }): Promise<{ ok: true } | { ok: false; error: string }>;
  stop(): Promise<void>;
  /**
   * Fetches one link-only article now, ahead of the queue. Call synchronously from the click: it may
   * ask the browser for access to that article's site first (user gesture).
   */
  fetchOne?(id: number, url: string): Promise<FetchOneAnswer>;
}

/** How a "Fetch now" ended: the page is stored, or why not (refused access, site error, no article). */
export type FetchOneAnswer = { fetched: true } | { fetched: false; reason: string };

/** Settings → Sync (components/library/sync-settings.tsx). Credentials stay in storage.local. */
export interface SyncBackend {
  load(): Promise<LoadedSettings>;
  save(input: SyncSettingsInput): Promise<{ ok: true; settings: SyncSettings } | { ok: false; errors: FieldErrors }>;
  /**
   * Asks the browser for access to the server's origin. Call synchronously from the click (Firefox
   * drops the user gesture after an await); granted already, it answers at once without asking.
   */
  requestAccess(serverUrl: string): Promise<boolean>;
  check(s: SyncSettings): Promise<CheckResult>;
  createDatabase(s: SyncSettings): Promise<DbActionResult>;
  /** Deletes the remote database; the local library is untouched. */
  removeFromServer(s: SyncSettings): Promise<DbActionResult>;
  /** "Disconnect": forgets the settings and the status; the local library is untouched. */
  forget(): Promise<void>;
  syncNow(): Promise<{ ok: true } | { ok: false; error: string }>;
  stopSync(): Promise<{ ok: true } | { ok: false; error: string }>;
  /** The status now and after every change; returns unsubscribe. */
  subscribeStatus(cb: (s: SyncStatus) => void): () => void;
}
