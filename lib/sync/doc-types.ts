// The replicated document layout. Per article three kinds of document, so two devices rarely edit the
// same one: its saved content (metadata, body, images as attachments — written on save and re-fetch),
// its mutable state (status, favorite, tags, progress, note, deletion — small, edited often), and one
// per highlight. Ids derive from the canonical URL, the only key two devices share (numeric Dexie ids
// differ per device): `a:<key>` content, `s:<key>` state, `h:<key>:<highlight uuid>` highlight (the
// article's highlights are one prefix range, found without an index).
import type { ArticleMetadata, ArticleStatus, HighlightColor, HighlightRecord } from '../db/schema';

export interface ContentDoc extends ArticleMetadata {
  _id: string;
  _rev?: string;
  type: 'content';
  savedAt: number;
  updatedAt: number;
  tagCandidates: string[];
  wordCount: number;
  cjkChars: number;
  imageCount: number;
  readingMinutes: number;
  contentState: 'full' | 'pending' | 'failed';
  source?: string;
  /** Null when only the URL is known (contentState 'pending'). */
  html: string | null;
  text: string | null;
  /** Image src (as in the HTML) → attachment name (the bytes' SHA-256: each image stored once). */
  images: { src: string; att: string }[];
  _attachments?: Record<string, { content_type: string; data?: Blob | string; stub?: boolean; digest?: string; length?: number }>;
}

export interface TagEntry {
  /** As the user spelled it. */
  name: string;
  /** Epoch ms of the last add or removal. */
  at: number;
  removed: boolean;
}

export interface StateDoc {
  _id: string;
  _rev?: string;
  type: 'state';
  url: string;
  status: ArticleStatus;
  statusAt: number;
  favorite: 0 | 1;
  favoriteAt: number;
  /** Merged as the maximum: reading further on any device counts. */
  progress: number;
  /** Lower-cased tag → its latest add or removal. */
  tags: Record<string, TagEntry>;
  tagsEdited: boolean;
  note: string | null;
  noteAt: number;
  /** The latest local write of any kind (content or state) on any device. */
  touchedAt: number;
  /** The latest delete; the article is alive while a later write (touchedAt) exists. */
  deletedAt: number | null;
}

export interface HighlightDoc extends Omit<HighlightRecord, 'articleId' | 'id'> {
  _id: string;
  _rev?: string;
  type: 'highlight';
  /** The article's key (its URL's hash). */
  article: string;
  color: HighlightColor;
}

export type SyncDoc = ContentDoc | StateDoc | HighlightDoc;

/** Hex SHA-256 of a string or bytes, shortened to 128 bits (collisions are not a concern at that size). */
export async function sha(data: string | ArrayBuffer): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(d.subarray(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The sync key of an article: its canonical URL's hash (ids must not leak the URL into logs). */
export const articleKey = (url: string): Promise<string> => sha(url);
export const contentId = (key: string): string => `a:${key}`;
export const stateId = (key: string): string => `s:${key}`;
export const highlightId = (key: string, uuid: string): string => `h:${key}:${uuid}`;

/** The article key and kind of a doc id; null for ids sync does not own (design docs). */
export function parseId(id: string): { kind: 'a' | 's' | 'h'; key: string; uuid?: string } | null {
  const m = /^([ash]):([0-9a-f]{32})(?::(.+))?$/.exec(id);
  if (!m) return null;
  return { kind: m[1] as 'a' | 's' | 'h', key: m[2], uuid: m[3] };
}

/** An article is alive when never deleted, or written again at or after its latest delete. */
export const isAlive = (s: Pick<StateDoc, 'deletedAt' | 'touchedAt'>): boolean => s.deletedAt === null || s.touchedAt >= s.deletedAt;

/** The visible tags, oldest added first (deterministic on every device). */
export function tagList(s: Pick<StateDoc, 'tags'>): string[] {
  return Object.entries(s.tags)
    .filter(([, e]) => !e.removed)
    .sort(([ka, a], [kb, b]) => a.at - b.at || (ka < kb ? -1 : ka > kb ? 1 : 0))
    .map(([, e]) => e.name);
}

/** JSON with object keys sorted: equality of documents whatever order their fields were stored in. */
export function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x) && !(x instanceof Blob)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : x,
  );
}
