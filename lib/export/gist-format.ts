// Our own export: every article field, its sanitized HTML and text, highlights, and images as base64
// (`includeImages: false` leaves them out for a small file). Re-importing it restores the library as it
// was; dates stay epoch milliseconds, as stored.
//
// Version 2 is JSON Lines, so a file cut short (full disk, interrupted download) loses at most the
// article it was cut in, and a reader never holds more than one article's text at a time:
//   {"format":"gist-export","version":2,"exportedAt":"…"}      header
//   {…article…}                                                one line per article
//   {"end":true,"articles":N}                                  end line: its absence means the file is cut
// Version 1 was one JSON object {format, version: 1, exportedAt, articles: […]}; it still imports.
import type { ArticleRecord, HighlightRecord } from '../db/schema';

export const GIST_FORMAT = 'gist-export';
export const GIST_VERSION = 2;
/** The single-object JSON format of the first exports. */
export const GIST_LEGACY_VERSION = 1;

export interface GistExportImage {
  src: string;
  type: string;
  /** Base64 of the image bytes. */
  data: string;
}

/** A highlight as stored, without the article's local id: selectors, colour, note, times, anchoring. */
export type GistExportHighlight = Omit<HighlightRecord, 'articleId'>;

/**
 * An article line: every stored field (its `note` included), content, images and its highlights in
 * reading order. Files from before schema 3 carry highlights as {text, note, createdAt}; both import.
 */
export type GistExportArticle = Omit<ArticleRecord, 'id' | 'highlights'> & {
  content: { html: string; text: string } | null;
  images?: GistExportImage[];
  highlights: GistExportHighlight[];
};

export interface GistExportHeader {
  format: typeof GIST_FORMAT;
  version: number;
  exportedAt: string;
}

export interface GistExportEnd {
  end: true;
  /** Article lines written: a reader that saw fewer knows lines went missing. */
  articles: number;
}

/** Version 1 (legacy) file. */
export interface GistExportFile extends GistExportHeader {
  articles: GistExportArticle[];
}

// Base64 without Buffer (the library page has none); chunked to keep String.fromCharCode's argument small.
export function bytesToBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function base64ToBytes(b64: string): Uint8Array {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
