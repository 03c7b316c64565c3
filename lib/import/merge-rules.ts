// How two records of the same article combine, shared by repeats inside one file (parse-import) and
// an import meeting the library (apply-import): nothing the user did is lost. Tags unite, highlights
// add up, archived beats unread, favorite beats not, and further reading progress wins.
import { importedHighlight, type Highlight, type HighlightRecord } from '../db/schema';
import type { ImportHighlight } from './types';

/** `a` then the tags of `b` it lacks (compared without case; `a`'s spelling kept). */
export function mergeTags(a: readonly string[], b: readonly string[]): string[] {
  const seen = new Set(a.map((t) => t.toLowerCase()));
  const out = [...a];
  for (const t of b) {
    const k = t.toLowerCase();
    if (!seen.has(k)) {
      seen.add(k);
      out.push(t);
    }
  }
  return out;
}

/**
 * The quote as compared when merging: Unicode-normalised, quotes and dashes made plain, whitespace
 * runs to one space, case folded — exports of one highlight differ in just these ways.
 */
export function quoteKey(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

const hasNote = (n: string | null | undefined): n is string => !!n && !!n.trim();

/**
 * `have` plus the highlights of `add` whose quote it does not have yet; a note the kept copy lacks is
 * taken from the repeat (never replacing one). `added` counts new highlights, `notes` notes filled in.
 */
export function mergeHighlights<H extends Highlight>(
  have: readonly H[],
  add: readonly H[],
): { highlights: H[]; added: number; notes: number } {
  const out = [...have];
  const byKey = new Map(out.map((h, i) => [quoteKey(h.text), i]));
  let added = 0;
  let notes = 0;
  for (const h of add) {
    const i = byKey.get(quoteKey(h.text));
    if (i === undefined) {
      byKey.set(quoteKey(h.text), out.length);
      out.push(h);
      added++;
    } else if (!hasNote(out[i].note) && hasNote(h.note)) {
      out[i] = { ...out[i], note: h.note };
      notes++;
    }
  }
  return { highlights: out, added, notes };
}

export interface HighlightPlan {
  /** New records to store. */
  add: HighlightRecord[];
  /** Notes to set on the library's highlights that had none: [id, note]. */
  notes: [string, string][];
}

/**
 * How an import's highlights join an article's stored ones. A Gist record keeps its id, selectors and
 * colour; it is the same highlight as a stored one with its id, else as one with the same quote.
 * Quotes the article has are not added again; a note on the file's copy is added to a stored highlight
 * without one, never over the user's. `takenIds`: ids stored on other articles (a copy gets a new id).
 */
export function planHighlights(
  articleId: number,
  have: readonly HighlightRecord[],
  incoming: readonly ImportHighlight[],
  ctx: { source: string; fallbackTime: number; takenIds?: ReadonlySet<string> },
): HighlightPlan {
  const plan: HighlightPlan = { add: [], notes: [] };
  const all = [...have];
  const byId = new Map(all.map((h) => [h.id, h]));
  const byKey = new Map(all.map((h) => [quoteKey(h.quote.exact), h]));
  const noted = new Set<string>();
  for (const h of incoming) {
    const same = (h.record && byId.get(h.record.id)) || byKey.get(quoteKey(h.text));
    if (same) {
      if (hasNote(same.note) || !hasNote(h.note)) continue;
      if (plan.add.includes(same)) same.note = h.note;
      else if (!noted.has(same.id)) {
        noted.add(same.id);
        plan.notes.push([same.id, h.note]);
      }
      continue;
    }
    const rec: HighlightRecord = h.record
      ? { ...h.record, articleId, ...(ctx.takenIds?.has(h.record.id) ? { id: crypto.randomUUID() } : {}) }
      : importedHighlight(articleId, h, ctx.source, ctx.fallbackTime);
    plan.add.push(rec);
    byId.set(rec.id, rec);
    byKey.set(quoteKey(rec.quote.exact), rec);
    if (h.record) byKey.set(quoteKey(h.text), rec);
  }
  return plan;
}

/** True when `candidate` is a reading position further than `current` (undefined: the source has none). */
export function moreProgress(candidate: number | undefined, current: number | undefined): candidate is number {
  return candidate !== undefined && Number.isFinite(candidate) && (current === undefined || candidate > current);
}

export const percent = (p: number): string => `${Math.round(p * 100)}%`;
