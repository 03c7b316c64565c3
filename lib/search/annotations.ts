// Highlights and notes as search material. The library keeps a live summary per article (how many
// highlights, how many with a note, their quotes and notes) and a small in-memory text index over that
// text plus the article's own note, keyed by article id. The article search then matches an article by
// what the reader highlighted or wrote — a link-only import with highlights included — without reading
// any body. Highlights are few next to article texts, so this index is rebuilt in memory as they change
// (a fingerprint skips unchanged articles) and never persisted.
import type { ArticleRecord, HighlightRecord } from '../db/schema';
import { TextIndex, type TermQuery } from './text-index';

export interface HighlightSummary {
  count: number;
  /** Highlights carrying a note. */
  notes: number;
  /** Quotes and notes, one per line: what the search matches. */
  text: string;
}

/** What the article list needs to know of highlights and notes. */
export interface Annotations {
  summary: ReadonlyMap<number, HighlightSummary>;
  /** Quotes, highlight notes and the article note, one document per article id. */
  index: TextIndex;
}

/** Newest first (the All highlights order); ties keep the input order. */
export function newestFirst(all: readonly HighlightRecord[]): HighlightRecord[] {
  return [...all].sort((a, b) => b.createdAt - a.createdAt);
}

/** One summary per article that has highlights. */
export function summarizeHighlights(all: readonly HighlightRecord[]): Map<number, HighlightSummary> {
  const out = new Map<number, HighlightSummary>();
  for (const h of all) {
    let s = out.get(h.articleId);
    if (!s) out.set(h.articleId, (s = { count: 0, notes: 0, text: '' }));
    s.count++;
    const note = h.note?.trim();
    if (note) s.notes++;
    s.text += `${h.quote.exact}\n${note ? `${note}\n` : ''}`;
  }
  return out;
}

/** True when the article has a note of its own or on any of its highlights. */
export function hasAnyNote(a: ArticleRecord, summary: ReadonlyMap<number, HighlightSummary> | null | undefined): boolean {
  return (summary?.get(a.id)?.notes ?? 0) > 0 || !!a.note?.trim();
}

/** Keeps `index` in step with the summaries and the articles' notes; true when anything changed. */
/** What each annotation index holds per article, to re-index only what changed. */
const indexedTexts = new WeakMap<TextIndex, Map<number, string>>();

export function syncAnnotationIndex(
  index: TextIndex,
  summary: ReadonlyMap<number, HighlightSummary>,
  articles: readonly ArticleRecord[],
): boolean {
  const before = index.version;
  let indexed = indexedTexts.get(index);
  if (!indexed) indexedTexts.set(index, (indexed = new Map()));
  const keep = new Set<number>();
  for (const a of articles) {
    const note = a.note?.trim();
    const hl = summary.get(a.id)?.text;
    if (!note && !hl) continue;
    const text = note ? `${hl ?? ''}${note}` : hl!;
    keep.add(a.id);
    // The text is its own fingerprint: exact, and small next to the article bodies.
    if (indexed.get(a.id) !== text) {
      index.add({ id: a.id, title: '', text, site: '', tags: [] });
      indexed.set(a.id, text);
    }
  }
  for (const id of [...index.ids()])
    if (!keep.has(id)) {
      index.remove(id);
      indexed.delete(id);
    }
  return index.version !== before;
}

/**
 * Scores for a text search over the articles (`main`: the full-text index, or the title fallback while it
 * builds) and their highlights and notes. Each query word may match either: "bees garden" finds an
 * article whose body says bees and whose note says garden. When no word occurs in any highlight or note
 * (the usual case), this is one call to `main`, as without highlights.
 */
export function searchWithAnnotations(
  queries: TermQuery[],
  main: (q: TermQuery[]) => Map<number, number>,
  notes: TextIndex | null | undefined,
): Map<number, number> {
  if (!notes?.size || !queries.length) return main(queries);
  const inNotes = queries.map((q) => notes.search([q]));
  if (inNotes.every((m) => m.size === 0)) return main(queries);
  let acc: Map<number, number> | null = null;
  queries.forEach((q, i) => {
    const scores = main([q]);
    for (const [id, s] of inNotes[i]) scores.set(id, (scores.get(id) ?? 0) + s);
    if (!acc) acc = scores;
    else {
      const next = new Map<number, number>();
      for (const [id, s] of acc) {
        const t = scores.get(id);
        if (t !== undefined) next.set(id, s + t);
      }
      acc = next;
    }
  });
  return acc!;
}
