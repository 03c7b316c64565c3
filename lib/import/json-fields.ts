// What every JSON reader shares: the element loop that reports each unusable element by index, dates
// that say which field could not be read, titles and tags as the services write them, and highlights.
import type { Highlight } from '../db/schema';
import { decodeHTML } from 'entities';
import { parseDate } from './dates';
import { str } from './item';
import { cleanTags, splitTags } from './text';
import type { ImportItem, ImportProblem } from './types';

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One JSON file being read: readers push items and located problems into the caller's arrays. */
export interface JsonContext {
  file: string;
  items: ImportItem[];
  errors: ImportProblem[];
}

export function dateField(ctx: JsonContext, where: string, v: unknown, label: string): string | null {
  const d = parseDate(v);
  if (d === null) ctx.errors.push({ where, reason: `unreadable ${label} ${JSON.stringify(v)}; saved date left empty` });
  return d ?? null;
}

/** Titles in several JSON exports still carry HTML entities (Linkwarden writes `You&#39;re`). */
export const plainTitle = (v: unknown) =>
  decodeHTML(str(v))
    .replace(/[ \t\n\r\f]+/g, ' ')
    .trim();

export function tagNames(v: unknown): string[] {
  if (typeof v === 'string') return splitTags(v, ',');
  if (!Array.isArray(v)) return [];
  return cleanTags(v.map((t) => (isObj(t) ? (t.name ?? t.label ?? t.title) : t)));
}

export function withOptional(
  item: ImportItem,
  extra: Partial<Record<'excerpt' | 'author' | 'siteName' | 'publishedAt' | 'lang' | 'content', unknown>>,
): ImportItem {
  for (const [k, v] of Object.entries(extra)) {
    if (typeof v === 'string' && v.trim()) (item as unknown as Obj)[k] = k === 'content' ? v : v.trim();
  }
  return item;
}

/** Runs `fn` for each element, reporting non-objects; `indexes` maps recovered elements back to their position. */
export function eachObject(
  ctx: JsonContext,
  arr: unknown[],
  indexes: number[] | undefined,
  fn: (o: Obj, where: string) => ImportItem | null,
): void {
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

/** Highlights (Omnivore) and annotations (wallabag): the quote is `quote` with the note in `text` or
 * `annotation`, or the quote is `text` with the note in `annotation` or `note`. */
export function highlightsOf(list: unknown[]): Highlight[] {
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
