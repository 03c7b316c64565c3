// Our own JSON export: every article field, its sanitized HTML and text, highlights, and images as
// base64 (`includeImages: false` leaves them out for a small file). Re-importing it restores the
// library as it was; dates stay epoch milliseconds, as stored.
import type { ArticleRecord } from '../db/schema';

export const GIST_FORMAT = 'gist-export';
export const GIST_VERSION = 1;

export interface GistExportImage {
  src: string;
  type: string;
  /** Base64 of the image bytes. */
  data: string;
}

export type GistExportArticle = Omit<ArticleRecord, 'id'> & {
  content: { html: string; text: string } | null;
  images?: GistExportImage[];
};

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
