// The JSON exports, told apart by their keys, and handed to their reader (one file each,
// <format>-json.ts). A truncated top-level array still yields its complete elements (see
// parseJsonLenient); each element that cannot be used is reported by index.
import { readChromeBookmarks } from './chrome-bookmarks-json';
import { readFirefoxBookmarks } from './firefox-bookmarks-json';
import { readGoodlinksJson } from './goodlinks-json';
import { isObj, type JsonContext, type Obj } from './json-fields';
import { readKarakeepJson } from './karakeep-json';
import { readLinkwardenJson } from './linkwarden-json';
import { readOmnivoreJson, type OmnivoreExtras } from './omnivore-json';
import { readPinboardJson } from './pinboard-json';
import type { ImportFormat, ImportItem, ImportProblem } from './types';
import { readWallabagJson } from './wallabag-json';

export type JsonKind = Extract<
  ImportFormat,
  | 'omnivore'
  | 'wallabag-json'
  | 'pinboard-json'
  | 'goodlinks-json'
  | 'linkwarden-json'
  | 'karakeep-json'
  | 'chrome-bookmarks-json'
  | 'firefox-bookmarks-json'
  | 'gist-json'
>;

export function detectJson(v: unknown): JsonKind | null {
  if (Array.isArray(v)) {
    const sample = v.filter(isObj).slice(0, 20);
    const any = (...keys: string[]) => sample.some((o) => keys.some((k) => k in o));
    if (!sample.length) return null;
    if (any('href') && any('hash', 'toread', 'shared', 'extended')) return 'pinboard-json';
    if (any('slug', 'readingProgress') || (any('state') && any('labels'))) return 'omnivore';
    if (any('is_archived', 'is_starred', 'is_read', 'is_fav')) return 'wallabag-json';
    if (any('addedAt', 'originalURL')) return 'goodlinks-json';
    return null;
  }
  if (!isObj(v)) return null;
  if (v.format === 'gist-export') return 'gist-json';
  if (isObj(v.roots)) return 'chrome-bookmarks-json';
  if (v.type === 'text/x-moz-place-container' || (typeof v.guid === 'string' && Array.isArray(v.children))) return 'firefox-bookmarks-json';
  if (Array.isArray(v.collections)) return 'linkwarden-json';
  if (Array.isArray(v.bookmarks)) return 'karakeep-json';
  return null;
}

export interface JsonExtras {
  indexes?: number[];
  omnivore?: OmnivoreExtras;
}

export function parseJsonKind(
  kind: Exclude<JsonKind, 'gist-json'>,
  file: string,
  value: unknown,
  items: ImportItem[],
  errors: ImportProblem[],
  extras: JsonExtras = {},
): void {
  const ctx: JsonContext = { file, items, errors };
  const arr = Array.isArray(value) ? value : [];
  switch (kind) {
    case 'omnivore':
      return readOmnivoreJson(ctx, arr, extras.indexes, extras.omnivore ?? {});
    case 'wallabag-json':
      return readWallabagJson(ctx, arr, extras.indexes);
    case 'pinboard-json':
      return readPinboardJson(ctx, arr, extras.indexes);
    case 'goodlinks-json':
      return readGoodlinksJson(ctx, arr, extras.indexes);
    case 'linkwarden-json':
      return readLinkwardenJson(ctx, value as Obj);
    case 'karakeep-json':
      return readKarakeepJson(ctx, value as Obj);
    case 'chrome-bookmarks-json':
      return readChromeBookmarks(ctx, value as Obj);
    case 'firefox-bookmarks-json':
      return readFirefoxBookmarks(ctx, value as Obj);
  }
}
