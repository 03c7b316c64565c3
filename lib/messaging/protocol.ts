// The one typed message protocol between the content script, the extension pages and the background.
// Every incoming message is validated here before anything acts on it.
import type { QueueStatus } from '../fetch-queue/status';
import type { FetchOneResult } from '../fetch-queue/runner';

/** Sent by the always-on detection content script. */
export interface DetectReport {
  type: 'detect:report';
  url: string;
  isArticle: boolean;
  wordCount: number;
  /** Chinese/Japanese characters of the main text (read at characters per minute). */
  cjkChars?: number;
  /** Images of the main text (seconds added to the reading time). */
  images?: number;
  /** The counts are the popup's extraction's (its reading time will be this one), not detection's estimate. */
  counted?: boolean;
  /** The page's declared canonical (rel=canonical, else og:url), absolute: the background looks the page up by it. */
  canonical?: string | null;
}

export interface PreviewRequest {
  type: 'popup:preview';
  tabId: number;
}
export interface SaveRequest {
  type: 'article:save';
  tabId: number;
  tags?: string[];
}
/** Stores the tab's page as a link only (URL + title), for the fetch queue to download later. */
export interface SaveLinkRequest {
  type: 'article:save-link';
  tabId: number;
}
/** `tabId`: the tab the popup shows, whose toolbar button goes back to the unsaved look. */
export interface RemoveRequest {
  type: 'article:remove';
  id: number;
  tabId?: number;
}
export interface SetTagsRequest {
  type: 'article:set-tags';
  id: number;
  tags: string[];
}

/** The import fetch queue (library page only): start (optionally retrying failed links), stop, status. */
export interface QueueStartRequest {
  type: 'queue:start';
  retryFailed?: boolean;
}
export interface QueueStopRequest {
  type: 'queue:stop';
}
export interface QueueStatusRequest {
  type: 'queue:status';
}
/** Fetches one link-only article now, ahead of the queue (the import report's "Fetch now"). */
export interface QueueFetchOneRequest {
  type: 'queue:fetch-one';
  id: number;
}

export type PageRequest =
  | PreviewRequest
  | SaveRequest
  | SaveLinkRequest
  | RemoveRequest
  | SetTagsRequest
  | QueueStartRequest
  | QueueStopRequest
  | QueueStatusRequest
  | QueueFetchOneRequest;
export type Request = DetectReport | PageRequest;

/** What the popup shows for a tab. */
export interface Preview {
  url: string;
  isArticle: boolean;
  title: string;
  siteName: string | null;
  byline: string | null;
  excerpt: string | null;
  /** At the default speed; the popup and the badge show minutesForSpeed(counts below, user's wpm). */
  readingMinutes: number;
  /** What the time is computed from: the extracted text's counts (detection's when nothing was extracted). */
  wordCount: number;
  cjkChars?: number;
  imageCount?: number;
  tags: string[];
  /** More candidate tags, not applied: the popup offers them as one-click suggestions. */
  tagSuggestions?: string[];
  /** Origins the article's images come from: the popup asks for host access to them before saving. */
  imageOrigins: string[];
  /** False when extraction found no readable content (saving would fail). */
  canExtract: boolean;
  /** The stored article for this page, if it was saved before. */
  saved: { id: number; tags: string[]; savedAt: number } | null;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };
export interface SaveResult {
  id: number;
  created: boolean;
  images: number;
  imagesFailed: number;
}

export interface ResponseMap {
  'detect:report': null;
  'popup:preview': Result<Preview>;
  'article:save': Result<SaveResult>;
  'article:save-link': Result<SaveResult>;
  'article:remove': Result<null>;
  'article:set-tags': Result<null>;
  'queue:start': Result<QueueStatus>;
  'queue:stop': Result<QueueStatus>;
  'queue:status': Result<QueueStatus>;
  'queue:fetch-one': Result<FetchOneResult>;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isTags = (v: unknown): v is string[] =>
  Array.isArray(v) && v.length <= 100 && v.every((t) => typeof t === 'string' && t.trim().length > 0 && t.length <= 100);

/** Returns the message as a typed request, or null when it is not exactly one of ours. */
export function parseRequest(msg: unknown): Request | null {
  if (!isObj(msg) || typeof msg.type !== 'string') return null;
  switch (msg.type) {
    case 'detect:report':
      return typeof msg.url === 'string' &&
        msg.url.length < 8192 &&
        typeof msg.isArticle === 'boolean' &&
        isId(msg.wordCount) &&
        (msg.cjkChars === undefined || isId(msg.cjkChars)) &&
        (msg.images === undefined || isId(msg.images)) &&
        (msg.counted === undefined || typeof msg.counted === 'boolean') &&
        (msg.canonical === undefined || msg.canonical === null || (typeof msg.canonical === 'string' && msg.canonical.length < 8192))
        ? {
            type: msg.type,
            url: msg.url,
            isArticle: msg.isArticle,
            wordCount: msg.wordCount,
            ...(msg.cjkChars !== undefined ? { cjkChars: msg.cjkChars as number } : {}),
            ...(msg.images !== undefined ? { images: msg.images as number } : {}),
            ...(msg.counted === true ? { counted: true } : {}),
            ...(typeof msg.canonical === 'string' ? { canonical: msg.canonical } : {}),
          }
        : null;
    case 'popup:preview':
      return isId(msg.tabId) ? { type: msg.type, tabId: msg.tabId } : null;
    case 'article:save':
      if (!isId(msg.tabId)) return null;
      if (msg.tags !== undefined && !isTags(msg.tags)) return null;
      return { type: msg.type, tabId: msg.tabId, ...(msg.tags ? { tags: msg.tags.map((t) => t.trim()) } : {}) };
    case 'article:save-link':
      return isId(msg.tabId) ? { type: msg.type, tabId: msg.tabId } : null;
    case 'article:remove':
      if (!isId(msg.id) || (msg.tabId !== undefined && !isId(msg.tabId))) return null;
      return { type: msg.type, id: msg.id, ...(msg.tabId !== undefined ? { tabId: msg.tabId as number } : {}) };
    case 'article:set-tags':
      return isId(msg.id) && isTags(msg.tags) ? { type: msg.type, id: msg.id, tags: msg.tags.map((t) => t.trim()) } : null;
    case 'queue:start':
      if (msg.retryFailed !== undefined && typeof msg.retryFailed !== 'boolean') return null;
      return { type: msg.type, ...(msg.retryFailed ? { retryFailed: true } : {}) };
    case 'queue:stop':
    case 'queue:status':
      return { type: msg.type };
    case 'queue:fetch-one':
      return isId(msg.id) ? { type: msg.type, id: msg.id } : null;
    default:
      return null;
  }
}

export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: { id?: number };
  frameId?: number;
}

export type SenderKind = 'extension-page' | 'content-script' | 'unknown';

/**
 * Who sent a message: one of our extension pages (popup, library; possibly open in a tab), our content
 * script in a web page's top frame, or anything else (refused).
 */
export function classifySender(sender: SenderInfo, extensionId: string, extensionOrigin: string): SenderKind {
  if (sender.id !== extensionId || !sender.url) return 'unknown';
  if (sender.url.startsWith(extensionOrigin)) return 'extension-page';
  if (/^https?:/i.test(sender.url) && sender.tab?.id !== undefined && sender.frameId === 0) return 'content-script';
  return 'unknown';
}

/** Content scripts may only report detection; everything touching the database needs an extension page. */
export function isAllowed(req: Request, kind: SenderKind): boolean {
  if (req.type === 'detect:report') return kind === 'content-script';
  return kind === 'extension-page';
}
