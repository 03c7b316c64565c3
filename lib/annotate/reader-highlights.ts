// What the reader does with an article's highlights once its text is rendered: anchor each one
// (anchor.ts), decide which records to write back, and list them in reading order. Pure: the reader
// passes textOf(body) and the records, and performs the writes and the drawing itself.
import type { HighlightRecord } from '../db/schema';
import type { HighlightChanges } from '../db/highlights';
import { anchorTarget } from '../highlights/anchor';
import { describeRange, type HighlightTarget } from '../highlights/selectors';

export interface PlacedHighlight {
  record: HighlightRecord;
  start: number;
  end: number;
}

export interface AnchoredHighlights {
  /** Drawn, in reading order (by where they are now, not where they were stored). */
  placed: PlacedHighlight[];
  /** Listed under "Couldn't place" with their text, never drawn. */
  unplaced: HighlightRecord[];
  /** The article has no text yet (a link not downloaded): left as they are until it has. */
  waiting: HighlightRecord[];
  /** Records whose stored anchoring no longer says where they are. */
  updates: { id: string; changes: HighlightChanges }[];
}

const sameQuote = (a: HighlightTarget['quote'], b: HighlightTarget['quote']) =>
  a.exact === b.exact && a.prefix === b.prefix && a.suffix === b.suffix;

/**
 * Anchors every highlight of an article in its rendered text (null: no text yet). A placed highlight
 * whose position, quote context or state changed gets fresh selectors from where it now sits, so the
 * next opening finds it by position; one that can't be placed is marked 'unplaced' (its selectors
 * kept, so a later version of the text may place it again).
 */
export function anchorHighlights(text: string | null, records: readonly HighlightRecord[]): AnchoredHighlights {
  const out: AnchoredHighlights = { placed: [], unplaced: [], waiting: [], updates: [] };
  if (text === null || !text.trim()) {
    out.waiting = [...records].sort(byCreation);
    return out;
  }
  for (const record of records) {
    const r = anchorTarget(text, { quote: record.quote, position: record.position });
    if (r.start === null) {
      out.unplaced.push(record);
      if (record.anchor !== 'unplaced') out.updates.push({ id: record.id, changes: { anchor: 'unplaced' } });
      continue;
    }
    const now = describeRange(text, r.start, r.end);
    const moved =
      record.anchor !== 'placed' ||
      record.position?.start !== r.start ||
      record.position?.end !== r.end ||
      !sameQuote(record.quote, now.quote);
    const placed = moved ? { ...record, quote: now.quote, position: now.position, anchor: 'placed' as const } : record;
    if (moved) out.updates.push({ id: record.id, changes: { quote: now.quote, position: now.position, anchor: 'placed' } });
    out.placed.push({ record: placed, start: r.start, end: r.end });
  }
  out.placed.sort((a, b) => a.start - b.start || a.end - b.end || byCreation(a.record, b.record));
  out.unplaced.sort(byCreation);
  return out;
}

function byCreation(a: HighlightRecord, b: HighlightRecord): number {
  return a.createdAt - b.createdAt;
}

/**
 * The selectors for a selection of text[start, end), without the whitespace a drag or double-click
 * picks up at either end; null when nothing but whitespace is selected.
 */
export function selectionTarget(text: string, start: number, end: number): HighlightTarget | null {
  let s = Math.max(0, Math.min(start, end));
  let e = Math.min(text.length, Math.max(start, end));
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  return s < e ? describeRange(text, s, e) : null;
}

/** Inserts or replaces one placed highlight, keeping reading order. */
export function withPlaced(list: readonly PlacedHighlight[], p: PlacedHighlight): PlacedHighlight[] {
  return [...list.filter((x) => x.record.id !== p.record.id), p].sort(
    (a, b) => a.start - b.start || a.end - b.end || byCreation(a.record, b.record),
  );
}
