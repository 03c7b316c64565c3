// Highlight storage: one record per highlight (schema 3), found by article. Anchoring (where a quote
// sits in the text) is lib/highlights' concern; this module only stores what the reader or an import
// decided, in short transactions.
import { HIGHLIGHT_COLORS, type GistDB, type HighlightColor, type HighlightRecord } from './schema';
import type { TextPositionSelector, TextQuoteSelector } from '../highlights/selectors';

export interface NewHighlight {
  articleId: number;
  quote: TextQuoteSelector;
  position: TextPositionSelector | null;
  color?: HighlightColor;
  note?: string | null;
  anchor?: HighlightRecord['anchor'];
  source?: string;
}

export type HighlightChanges = Partial<Pick<HighlightRecord, 'color' | 'note' | 'quote' | 'position' | 'anchor'>>;

export function isHighlightColor(c: unknown): c is HighlightColor {
  return (HIGHLIGHT_COLORS as readonly unknown[]).includes(c);
}

const cleanNote = (n: string | null | undefined): string | null => (n && n.trim() ? n : null);

/** Stores a new highlight; returns the record with its id. */
export async function addHighlight(db: GistDB, h: NewHighlight, now = Date.now()): Promise<HighlightRecord> {
  const rec: HighlightRecord = {
    id: crypto.randomUUID(),
    articleId: h.articleId,
    quote: h.quote,
    position: h.position,
    color: h.color ?? 'yellow',
    note: cleanNote(h.note),
    createdAt: now,
    updatedAt: now,
    anchor: h.anchor ?? 'placed',
    source: h.source ?? 'gist',
  };
  await db.transaction('rw', db.articles, db.highlights, async () => {
    // A highlight never outlives its article (deleted meanwhile, e.g. in another tab).
    if (!(await db.articles.get(h.articleId))) throw new Error('The article is no longer in the library.');
    await db.highlights.add(rec);
  });
  return rec;
}

/** Colour, note, or a new anchoring; updatedAt moves only for what the user edits (colour, note). */
export async function updateHighlight(db: GistDB, id: string, changes: HighlightChanges, now = Date.now()): Promise<void> {
  const edit: Partial<HighlightRecord> = { ...changes };
  if ('note' in changes) edit.note = cleanNote(changes.note);
  if ('note' in changes || 'color' in changes) edit.updatedAt = now;
  await db.highlights.update(id, edit);
}

/** Deletes and returns the record so Undo can put it back (restoreHighlight). */
export async function deleteHighlight(db: GistDB, id: string): Promise<HighlightRecord | undefined> {
  return db.transaction('rw', db.highlights, async () => {
    const rec = await db.highlights.get(id);
    if (rec) await db.highlights.delete(id);
    return rec;
  });
}

/** Undo of a delete; nothing when its article is gone. */
export async function restoreHighlight(db: GistDB, rec: HighlightRecord): Promise<void> {
  await db.transaction('rw', db.articles, db.highlights, async () => {
    if (await db.articles.get(rec.articleId)) await db.highlights.put(rec);
  });
}

/** In reading order: by stored position, those without one (unplaced, waiting) last in creation order. */
export function readingOrder(a: HighlightRecord, b: HighlightRecord): number {
  const pa = a.anchor === 'placed' ? (a.position?.start ?? Infinity) : Infinity;
  const pb = b.anchor === 'placed' ? (b.position?.start ?? Infinity) : Infinity;
  return pa - pb || a.createdAt - b.createdAt;
}

export async function highlightsOf(db: GistDB, articleId: number): Promise<HighlightRecord[]> {
  const rows = await db.highlights.where('articleId').equals(articleId).toArray();
  return rows.sort(readingOrder);
}

/**
 * Every highlight, newest first (the library's All highlights view). Highlights of one time — an
 * import whose file gives none takes the article's save time — come article by article in reading
 * order, not in the order of their random ids.
 */
export async function allHighlights(db: GistDB): Promise<HighlightRecord[]> {
  const rows = await db.highlights.orderBy('createdAt').reverse().toArray();
  return rows.sort((a, b) => b.createdAt - a.createdAt || b.articleId - a.articleId || readingOrder(a, b));
}

/** The reader's note on the whole article ('' or blank clears it). */
export async function setArticleNote(db: GistDB, articleId: number, note: string, now = Date.now()): Promise<void> {
  await db.articles.update(articleId, { note: cleanNote(note), updatedAt: now });
}
