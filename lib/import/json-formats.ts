// The JSON exports, told apart by their keys. A truncated top-level array still yields its complete
// elements (see parseJsonLenient); each element that cannot be used is reported by index.
import type { Highlight } from '../db/schema';
import { decodeHTML } from 'entities';
import { epochToIso, parseDate } from './dates';
import { bool, checkUrl, progress, str } from './item';
import { cleanTags, splitTags } from './text';
import type { ImportFormat, ImportItem, ImportProblem } from './types';

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

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

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

interface Ctx {
  file: string;
  items: ImportItem[];
  errors: ImportProblem[];
}

function dateField(ctx: Ctx, where: string, v: unknown, label: string): string | null {
  const d = parseDate(v);
  if (d === null) ctx.errors.push({ where, reason: `unreadable ${label} ${JSON.stringify(v)}; saved date left empty` });
  return d ?? null;
}

/** Titles in several JSON exports still carry HTML entities (Linkwarden writes `You&#39;re`). */
const title = (v: unknown) =>
  decodeHTML(str(v))
    .replace(/[ \t\n\r\f]+/g, ' ')
    .trim();

function tagNames(v: unknown): string[] {
  if (typeof v === 'string') return splitTags(v, ',');
  if (!Array.isArray(v)) return [];
  return cleanTags(v.map((t) => (isObj(t) ? (t.name ?? t.label ?? t.title) : t)));
}

function withOptional(
  item: ImportItem,
  extra: Partial<Record<'excerpt' | 'author' | 'siteName' | 'publishedAt' | 'lang' | 'content', unknown>>,
): ImportItem {
  for (const [k, v] of Object.entries(extra)) {
    if (typeof v === 'string' && v.trim()) (item as unknown as Obj)[k] = k === 'content' ? v : v.trim();
  }
  return item;
}

/** Runs `fn` for each element, reporting non-objects; `indexes` maps recovered elements back to their position. */
function each(ctx: Ctx, arr: unknown[], indexes: number[] | undefined, fn: (o: Obj, where: string) => ImportItem | null): void {
  arr.forEach((o, k) => {
    const where = `${ctx.file}#${indexes?.[k] ?? k}`;
    if (!isObj(o)) {
      ctx.errors.push({ where, reason: 'not an object' });
      return;
    }
    const item = fn(o, where);
    if (item) ctx.items.push(item);
  });
}

export interface OmnivoreExtras {
  content?: (slug: string) => string | undefined;
  highlights?: (slug: string) => Highlight[] | undefined;
}

function omnivore(ctx: Ctx, arr: unknown[], indexes: number[] | undefined, extras: OmnivoreExtras): void {
  each(ctx, arr, indexes, (o, where) => {
    const state = str(o.state);
    if (/^deleted$/i.test(state)) {
      ctx.errors.push({ where, reason: 'deleted in Omnivore (state "Deleted"): not imported' });
      return null;
    }
    const url = checkUrl(o.url, where, ctx.errors);
    if (!url) return null;
    const item: ImportItem = {
      url,
      title: title(o.title),
      tags: tagNames(o.labels),
      savedAt: dateField(ctx, where, o.savedAt, 'savedAt'),
      status: /^archived$/i.test(state) ? 'archived' : 'unread',
      favorite: false,
      where,
    };
    const p = progress(o.readingProgress, true);
    if (p !== undefined) item.progress = p;
    const slug = str(o.slug);
    const inline = Array.isArray(o.highlights) ? highlightsOf(o.highlights) : [];
    const hl = [...inline, ...((slug && extras.highlights?.(slug)) || [])];
    if (hl.length) item.highlights = hl;
    return withOptional(item, {
      excerpt: o.description,
      author: o.author,
      publishedAt: parseDate(o.publishedAt) ?? undefined,
      content: (slug && extras.content?.(slug)) || o.content,
    });
  });
}

function highlightsOf(list: unknown[]): Highlight[] {
  const out: Highlight[] = [];
  for (const a of list) {
    if (!isObj(a)) continue;
    const text = str(a.quote ?? a.text).trim();
    if (!text) continue;
    const note = str(a.quote !== undefined ? (a.text ?? a.annotation) : (a.annotation ?? a.note)).trim();
    out.push({ text, note: note || null, createdAt: parseDate(a.created_at ?? a.createdAt) ?? null });
  }
  return out;
}

function wallabag(ctx: Ctx, arr: unknown[], indexes: number[] | undefined): void {
  each(ctx, arr, indexes, (o, where) => {
    const url = checkUrl(o.url, where, ctx.errors);
    if (!url) return null;
    // v2 has is_archived/is_starred (booleans or 0/1); v1 (a PHP dump) has is_read/is_fav as "0"/"1".
    const item: ImportItem = {
      url,
      title: title(o.title),
      tags: tagNames(o.tags),
      savedAt: dateField(ctx, where, o.created_at, 'created_at'),
      status: bool(o.is_archived ?? o.is_read) ? 'archived' : 'unread',
      favorite: bool(o.is_starred ?? o.is_fav),
      where,
    };
    if (Array.isArray(o.annotations)) {
      const hl = highlightsOf(o.annotations);
      if (hl.length) item.highlights = hl;
    }
    return withOptional(item, {
      content: o.content,
      lang: o.language,
      author: Array.isArray(o.published_by) ? o.published_by.filter((x) => typeof x === 'string').join(', ') : undefined,
      publishedAt: parseDate(o.published_at) ?? undefined,
    });
  });
}

function pinboard(ctx: Ctx, arr: unknown[], indexes: number[] | undefined): void {
  each(ctx, arr, indexes, (o, where) => {
    const url = checkUrl(o.href, where, ctx.errors);
    if (!url) return null;
    const item: ImportItem = {
      url,
      title: title(o.description),
      tags: splitTags(o.tags, /\s+/),
      savedAt: dateField(ctx, where, o.time, 'time'),
      // toread "no" means the user did not queue it: archived (wallabag reads it the same way).
      status: str(o.toread) === 'no' ? 'archived' : 'unread',
      favorite: false,
      where,
    };
    return withOptional(item, { excerpt: o.extended });
  });
}

function goodlinks(ctx: Ctx, arr: unknown[], indexes: number[] | undefined): void {
  each(ctx, arr, indexes, (o, where) => {
    const url = checkUrl(o.url ?? o.originalURL, where, ctx.errors);
    if (!url) return null;
    const item: ImportItem = {
      url,
      title: title(o.title),
      tags: tagNames(o.tags),
      savedAt: dateField(ctx, where, o.addedAt, 'addedAt'),
      status: o.readAt ? 'archived' : 'unread',
      favorite: bool(o.starred),
      where,
    };
    return withOptional(item, { excerpt: o.summary, author: o.author });
  });
}

function linkwarden(ctx: Ctx, root: Obj): void {
  const pinned = new Set<unknown>();
  if (Array.isArray(root.pinnedLinks)) for (const p of root.pinnedLinks) pinned.add(isObj(p) ? p.id : p);
  const cols = root.collections as unknown[];
  cols.forEach((c, ci) => {
    if (!isObj(c)) {
      ctx.errors.push({ where: `${ctx.file}#collections[${ci}]`, reason: 'not an object' });
      return;
    }
    const links = Array.isArray(c.links) ? c.links : [];
    const colName = str(c.name).trim();
    links.forEach((l, li) => {
      const where = `${ctx.file}#collections[${ci}].links[${li}]`;
      if (!isObj(l)) {
        ctx.errors.push({ where, reason: 'not an object' });
        return;
      }
      const url = checkUrl(l.url, where, ctx.errors);
      if (!url) return;
      const tags = tagNames(l.tags);
      // The collection is the user's grouping; "Unorganized" is Linkwarden's default one.
      if (colName && colName.toLowerCase() !== 'unorganized') tags.push(colName);
      const item: ImportItem = {
        url,
        title: title(l.name),
        tags: cleanTags(tags),
        savedAt: dateField(ctx, where, l.importDate || l.createdAt, 'createdAt'),
        status: 'unread',
        favorite: l.id !== undefined && pinned.has(l.id),
        where,
      };
      ctx.items.push(withOptional(item, { excerpt: l.description }));
    });
  });
}

function karakeep(ctx: Ctx, root: Obj): void {
  const listNames = new Map<string, string>();
  if (Array.isArray(root.lists)) for (const l of root.lists) if (isObj(l)) listNames.set(str(l.id), str(l.name));
  each(ctx, root.bookmarks as unknown[], undefined, (o, where) => {
    const content = isObj(o.content) ? o.content : null;
    if (content && content.type !== 'link') {
      ctx.errors.push({ where, reason: `a ${str(content.type) || 'non-link'} bookmark (no web page to save)` });
      return null;
    }
    const url = checkUrl(content?.url ?? o.url, where, ctx.errors);
    if (!url) return null;
    const lists = Array.isArray(o.lists) ? o.lists.map((x) => listNames.get(str(x)) ?? (isObj(x) ? x.name : x)) : [];
    const item: ImportItem = {
      url,
      title: title(o.title),
      tags: cleanTags([...tagNames(o.tags), ...lists]),
      savedAt: dateField(ctx, where, o.createdAt, 'createdAt'),
      status: bool(o.archived) ? 'archived' : 'unread',
      favorite: bool(o.favourited ?? o.favorite),
      where,
    };
    return withOptional(item, { excerpt: o.note });
  });
}

/** Chrome's profile `Bookmarks` file: dates are µs since 1601-01-01, as strings. */
function chrome(ctx: Ctx, root: Obj): void {
  const EPOCH_1601_MS = 11_644_473_600_000;
  const walk = (node: unknown, path: string) => {
    if (!isObj(node)) return;
    if (node.type === 'url') {
      const where = `${ctx.file}#${path}`;
      const url = checkUrl(node.url, where, ctx.errors);
      if (!url) return;
      const us = Number(node.date_added);
      const savedAt = Number.isFinite(us) && us > 0 ? epochToIso(us / 1000 - EPOCH_1601_MS) : undefined;
      if (savedAt === null)
        ctx.errors.push({ where, reason: `unreadable date_added ${JSON.stringify(node.date_added)}; saved date left empty` });
      ctx.items.push({ url, title: title(node.name), tags: [], savedAt: savedAt ?? null, status: 'unread', favorite: false, where });
    }
    if (Array.isArray(node.children)) node.children.forEach((c, i) => walk(c, `${path}/${i}`));
  };
  for (const [k, v] of Object.entries(root.roots as Obj)) walk(v, k);
}

/** Firefox's JSON backup: `dateAdded` in µs since the Unix epoch, tags as "a,b". */
function firefox(ctx: Ctx, root: Obj): void {
  const walk = (node: unknown, path: string) => {
    if (!isObj(node)) return;
    if (node.type === 'text/x-moz-place' && typeof node.uri === 'string') {
      const where = `${ctx.file}#${path}`;
      const url = checkUrl(node.uri, where, ctx.errors);
      if (!url) return;
      ctx.items.push({
        url,
        title: title(node.title),
        tags: splitTags(node.tags, ','),
        savedAt: dateField(ctx, where, node.dateAdded, 'dateAdded'),
        status: 'unread',
        favorite: false,
        where,
      });
    }
    if (Array.isArray(node.children)) node.children.forEach((c, i) => walk(c, `${path}/${i}`));
  };
  walk(root, 'root');
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
  const ctx: Ctx = { file, items, errors };
  const arr = Array.isArray(value) ? value : [];
  switch (kind) {
    case 'omnivore':
      return omnivore(ctx, arr, extras.indexes, extras.omnivore ?? {});
    case 'wallabag-json':
      return wallabag(ctx, arr, extras.indexes);
    case 'pinboard-json':
      return pinboard(ctx, arr, extras.indexes);
    case 'goodlinks-json':
      return goodlinks(ctx, arr, extras.indexes);
    case 'linkwarden-json':
      return linkwarden(ctx, value as Obj);
    case 'karakeep-json':
      return karakeep(ctx, value as Obj);
    case 'chrome-bookmarks-json':
      return chrome(ctx, value as Obj);
    case 'firefox-bookmarks-json':
      return firefox(ctx, value as Obj);
  }
}
