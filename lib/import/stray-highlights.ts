// Highlights an export keeps apart from its list of articles (Pocket's annotations/*.json) for URLs
// the list lacks: the library may have the article from an earlier save or import. Nothing is
// dropped without a word: each URL ends merged, already there, or unmatched with its count.
import type { GistDB } from '../db/schema';
import { canonicalUrl } from '../url/canonical-url';
import { planHighlights } from './merge-rules';
import type { StrayHighlights } from './types';
import { countOf } from '../format/count';

export interface StrayOutcome {
  where: string;
  url: string;
  /** How many highlights the file had for this URL. */
  count: number;
  /** merged: added to the library's article; duplicate: it had them all; unmatched: no article, not imported. */
  outcome: 'merged' | 'duplicate' | 'unmatched';
  reason: string;
  articleId?: number;
  /** Ids of the highlights added (waiting to be anchored). */
  highlights?: string[];
}

/**
 * Highlights the file has for URLs its list lacks (ImportResult.strayHighlights): added to the
 * library's article for that URL when there is one, otherwise reported with the URL and the count.
 */
export async function applyStrayHighlights(
  db: GistDB,
  strays: readonly StrayHighlights[],
  now: () => number = Date.now,
  source = 'import',
): Promise<StrayOutcome[]> {
  if (!strays.length) return [];
  return db.transaction('rw', db.articles, db.highlights, async () => {
    const t = now();
    const keys = strays.map((s) => canonicalUrl(s.url));
    const found = await db.articles
      .where('url')
      .anyOf([...new Set(keys)])
      .toArray();
    const byUrl = new Map(found.map((a) => [a.url, a]));
    const out: StrayOutcome[] = [];
    for (const [k, s] of strays.entries()) {
      const base = { where: s.where, url: s.url, count: s.highlights.length };
      const a = byUrl.get(keys[k]);
      if (!a) {
        out.push({
          ...base,
          outcome: 'unmatched',
          reason: `${countOf(s.highlights.length, 'highlight')} for ${s.url}, which is neither in the file's list nor in the library: not imported`,
        });
        continue;
      }
      const have = await db.highlights.where('articleId').equals(a.id).toArray();
      const plan = planHighlights(a.id, have, s.highlights, { source, fallbackTime: t });
      if (plan.add.length) await db.highlights.bulkAdd(plan.add);
      for (const [id, note] of plan.notes) await db.highlights.update(id, { note, updatedAt: t });
      const what = [
        ...(plan.add.length ? [`${countOf(plan.add.length, 'highlight')} added`] : []),
        ...(plan.notes.length ? [`${countOf(plan.notes.length, 'note')} added to highlights`] : []),
      ];
      out.push({
        ...base,
        outcome: what.length ? 'merged' : 'duplicate',
        articleId: a.id,
        ...(plan.add.length ? { highlights: plan.add.map((h) => h.id) } : {}),
        reason: what.length
          ? `not in the file's list, but in the library: ${what.join(', ')}`
          : "not in the file's list; the library's article already has these highlights",
      });
    }
    return out;
  });
}
