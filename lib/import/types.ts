// What every importer produces: plain data, no DB, no DOM. The library page and the CLI share it.
import type { ArticleRecord, Highlight, HighlightRecord } from '../db/schema';

export type ImportFormat =
  | 'pocket-html'
  | 'pocket-csv'
  | 'instapaper-csv'
  | 'omnivore'
  | 'wallabag-json'
  | 'wallabag-csv'
  | 'netscape-bookmarks'
  | 'readwise-csv'
  | 'matter'
  | 'raindrop-csv'
  | 'pinboard-json'
  | 'goodlinks-json'
  | 'linkwarden-json'
  | 'karakeep-json'
  | 'chrome-bookmarks-json'
  | 'firefox-bookmarks-json'
  | 'gist-json'
  | 'csv';

/** An image carried by our own JSON export (other formats only reference images by URL). */
export interface ImportImage {
  src: string;
  type: string;
  data: Uint8Array;
}

/**
 * A highlight from a file: its quote and note (every format), and for Gist's own export the stored
 * record as it was (id, selectors, colour, times, anchoring), restored exactly.
 */
export interface ImportHighlight extends Highlight {
  record?: Omit<HighlightRecord, 'articleId'>;
}

/** Fields only our own export carries, restored as they were (lossless round trip). */
export type GistExtra = Partial<
  Omit<
    ArticleRecord,
    | 'id'
    | 'url'
    | 'originalUrl'
    | 'title'
    | 'tags'
    | 'savedAt'
    | 'status'
    | 'favorite'
    | 'progress'
    | 'highlights'
    | 'excerpt'
    | 'byline'
    | 'siteName'
    | 'publishedTime'
    | 'lang'
  >
> & {
  canonicalUrl?: string;
  text?: string;
  images?: ImportImage[];
};

export interface ImportItem {
  url: string;
  title: string;
  tags: string[];
  /** ISO-8601 (UTC) of the original save, or null when the source has none or it was unreadable. */
  savedAt: string | null;
  status: 'unread' | 'archived';
  favorite: boolean;
  /** Reading position 0..1. */
  progress?: number;
  highlights?: ImportHighlight[];
  /** Raw article HTML from the source (unsanitized: sanitize before storing). */
  content?: string;
  excerpt?: string;
  author?: string;
  siteName?: string;
  publishedAt?: string;
  lang?: string;
  /** Where the item came from: "file:line" or "file#index". */
  where: string;
  gist?: GistExtra;
}

export interface ImportProblem {
  /** "file:line", "file#index" or the file name. */
  where: string;
  reason: string;
}

export interface ImportDuplicate {
  where: string;
  /** The `where` of the item it was merged into. */
  keptWhere: string;
  url: string;
}

/** Highlights the file keeps apart from its list (Pocket's annotations/*.json) for a URL the list lacks. */
export interface StrayHighlights {
  where: string;
  url: string;
  highlights: ImportHighlight[];
}

export interface ImportResult {
  format: ImportFormat;
  items: ImportItem[];
  /** Rows/items that could not be imported, and fields that were unreadable (the item is kept). */
  errors: ImportProblem[];
  /** Items of the same file with the same canonical URL, merged into the first one (tags united). */
  duplicates: ImportDuplicate[];
  /** Highlights for articles not in the file's list: the library may have the article (applyStrayHighlights). */
  strayHighlights: StrayHighlights[];
  /**
   * The canonical URL of each item (parallel to `items`): the reader's dedup key, which applyImport
   * reuses instead of parsing every URL again on the page.
   */
  keys?: string[];
}

/** Thrown when the file is not a format we know (or is empty): nothing could be read. */
export class UnknownFormatError extends Error {
  override name = 'UnknownFormatError';
}
