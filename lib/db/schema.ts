// The IndexedDB schema (Dexie) of the extension origin. Metadata, bodies and images live in separate
// tables so the library can list 10,000 articles without loading any body or blob; a body's HTML and
// its plain text too, so the search index reads the text without deserialising the HTML.
import Dexie, { type EntityTable } from 'dexie';
import type { TextPositionSelector, TextQuoteSelector } from '../highlights/selectors';
import { trackChanges, type ChangeRecord } from './change-log';
import { LIBRARY_DB } from './first-page';
import { trackSyncOutbox, type OutboxRow } from './sync-outbox';

export type ArticleStatus = 'unread' | 'archived';

/** A highlight as import formats carry it (a quote and maybe a note); stored as a HighlightRecord. */
export interface Highlight {
  text: string;
  note?: string | null;
  createdAt?: string | null;
}

export const HIGHLIGHT_COLORS = ['yellow', 'green', 'blue', 'pink'] as const;
export type HighlightColor = (typeof HIGHLIGHT_COLORS)[number];

/**
 * One highlight, its own record (one per highlight keeps sync conflicts small). Selectors point into
 * the article's rendered text; the reader re-anchors them on every opening (lib/highlights/anchor).
 */
export interface HighlightRecord {
  /** Stable id (a UUID): the same highlight in every export and on every device. */
  id: string;
  articleId: number;
  quote: TextQuoteSelector;
  position: TextPositionSelector | null;
  color: HighlightColor;
  note: string | null;
  /** Epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
  /**
   * Where the last anchoring left it: placed in the stored content, unplaced (the content no longer
   * holds the quote: listed with its text, never drawn), or waiting for content (a link not fetched yet).
   */
  anchor: 'placed' | 'unplaced' | 'waiting';
  /** Where it came from: 'gist' (made in the reader) or the import format. */
  source: string;
}

/** What a save reads from the page about an article: kept alike in the store, a save's input and a synced document. */
export interface ArticleMetadata {
  /** Canonical URL: the dedup key (lib/url/canonical-url articleKey). */
  url: string;
  /** The URL as the user saved it (may carry tracking parameters, fragments). */
  originalUrl: string;
  title: string;
  byline: string | null;
  siteName: string | null;
  lang: string | null;
  publishedTime: string | null;
  excerpt: string | null;
}

export interface ArticleRecord extends ArticleMetadata {
  id: number;
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
  /** Before schema 3 highlights lived here; the upgrade moves them to the highlights table. */
  highlights?: Highlight[];
  /** The reader's free-text note on the whole article. */
  note?: string | null;
  source?: string;
  /** Fetch queue (imports): attempts so far, when the next may run, why the last one failed. */
  fetchAttempts?: number;
  nextAttemptAt?: number;
  fetchError?: string;
  /** Remote images of imported content not downloaded yet (the fetch queue gets them). */
  pendingImages?: string[];
  /**
   * The stored images were dropped to reclaim space (lib/storage/drop-images.ts): the reader shows a
   * placeholder linking to each original, and a later re-fetch of the page may bring them back.
   */
  imagesDropped?: boolean;
}

/**
 * An article's body as the app handles it (reader, exports, sync, undo snapshots). Stored split in two
 * tables, `contents` (HtmlRecord) and `texts` (TextRecord): lib/db/contents.ts reads and writes both.
 */
export interface ContentRecord {
  articleId: number;
  /** Sanitized HTML; <img src> keeps the original absolute URL, looked up in `images` at render. */
  html: string;
  /** Plain text of the body: what search indexes and snippets quote. */
  text: string;
}

/** A `contents` row. Before schema 7 it also held `text` (the upgrade moves it to `texts`). */
export interface HtmlRecord {
  articleId: number;
  html: string;
}

/** A `texts` row. */
export interface TextRecord {
  articleId: number;
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
  contents: EntityTable<HtmlRecord, 'articleId'>;
  texts: EntityTable<TextRecord, 'articleId'>;
  images: EntityTable<ImageRecord, 'id'>;
  highlights: EntityTable<HighlightRecord, 'id'>;
  changes: EntityTable<ChangeRecord, 'seq'>;
  syncOutbox: EntityTable<OutboxRow, 'ref'>;
  syncState: EntityTable<SyncStateRecord, 'id'>;
};

/** Sync bookkeeping (lib/sync): the applied changes checkpoint, and the content revision applied per article. */
export interface SyncStateRecord {
  id: string;
  seq?: number | string;
  rev?: string;
}

export const DB_NAME = LIBRARY_DB;
/** Bodies per step of the schema-7 upgrade (a few MB of text at a time). */
const UPGRADE_CHUNK = 500;

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
  // 3: highlights get their own table (by article, and newest first for the All highlights view); the
  // quotes imports stored on the article move there, waiting to be anchored where a DOM renders the text.
  db.version(3)
    .stores({ highlights: 'id, articleId, createdAt' })
    .upgrade(async (tx) => {
      const moved: HighlightRecord[] = [];
      await tx
        .table('articles')
        .toCollection()
        .modify((a: ArticleRecord) => {
          if (!('highlights' in a)) return;
          for (const h of a.highlights ?? []) {
            if (!h || typeof h.text !== 'string' || !h.text.trim()) continue;
            moved.push(importedHighlight(a.id, h, a.source ?? 'import', a.savedAt));
          }
          delete a.highlights;
        });
      if (moved.length) await tx.table('highlights').bulkAdd(moved);
    });
  // 4: a change log (lib/db/change-log.ts) of writes the search index must follow, so the library
  // applies what changed since its saved index instead of comparing every article on opening. Starts
  // empty: an index saved before it has an older format and is rebuilt once.
  db.version(4).stores({ changes: '++seq' });
  // 5: sync (lib/sync). The outbox (lib/db/sync-outbox.ts) lists every article and highlight changed
  // here since sync last pushed it, one row each; it starts with the whole library so the first sync
  // uploads it, each field dated by the article's last update. syncState keeps sync's checkpoints.
  db.version(5)
    .stores({ syncOutbox: 'ref', syncState: 'id' })
    .upgrade(async (tx) => {
      const rows: OutboxRow[] = [];
      await tx
        .table('articles')
        .each((a: ArticleRecord) => rows.push({ ref: `a:${a.id}`, articleId: a.id, fields: { '*': a.updatedAt ?? a.savedAt ?? 0 }, n: 1 }));
      await tx
        .table('highlights')
        .each((h: HighlightRecord) =>
          rows.push({ ref: `h:${h.id}`, articleId: h.articleId, highlightId: h.id, fields: { '*': h.updatedAt ?? 0 }, n: 1 }),
        );
      if (rows.length) await tx.table('syncOutbox').bulkPut(rows);
    });
  // 6: the library's view counts (lib/db/view-counts.ts) as indexed count()s instead of a read of every
  // article: unread, archived and in progress from [status+progress], favorites from favorite. Built by
  // IndexedDB from the rows; no data changes.
  db.version(6).stores({
    articles: '++id, &url, savedAt, contentState, *pendingImages, [status+progress], favorite',
  });
  // 7: the plain text leaves `contents` for a `texts` table: reading a row deserialises all of it, and
  // half of every body's characters are HTML the search index never reads (the first index build at
  // 50,000 articles spent most of its time reading bodies). Moved in chunks of rows, so the upgrade
  // never holds more than one chunk of bodies; the whole move is one transaction (all or nothing).
  db.version(7)
    .stores({ texts: 'articleId' })
    .upgrade(async (tx) => {
      const contents = tx.table('contents');
      const texts = tx.table('texts');
      let after: number | null = null;
      for (;;) {
        const range = after === null ? contents.toCollection() : contents.where(':id').above(after);
        const rows = (await range.limit(UPGRADE_CHUNK).toArray()) as (HtmlRecord & { text?: string })[];
        if (!rows.length) break;
        after = rows[rows.length - 1].articleId;
        // A row without a text (none was ever written so) gets no texts row: readers see no text, as before.
        const moved = rows.filter((r) => typeof r.text === 'string').map((r) => ({ articleId: r.articleId, text: r.text as string }));
        if (moved.length) await texts.bulkPut(moved);
        await contents.bulkPut(rows.map(({ text: _text, ...html }) => html));
      }
    });
  trackChanges(db);
  trackSyncOutbox(db);
  return db;
}

/** A highlight from an import (or an older library): its quote, not yet placed in any content. */
export function importedHighlight(articleId: number, h: Highlight, source: string, fallbackTime: number): HighlightRecord {
  const t = h.createdAt ? Date.parse(h.createdAt) : NaN;
  const at = Number.isFinite(t) ? t : fallbackTime;
  return {
    id: crypto.randomUUID(),
    articleId,
    quote: { type: 'TextQuoteSelector', exact: h.text, prefix: '', suffix: '' },
    position: null,
    color: 'yellow',
    note: h.note?.trim() ? h.note : null,
    createdAt: at,
    updatedAt: at,
    anchor: 'waiting',
    source,
  };
}
