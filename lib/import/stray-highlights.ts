// Highlights an export keeps apart from its list of articles (Pocket's annotations/*.json) for URLs
// the list lacks: the library may have the article from an earlier save or import. Nothing is
// dropped without a word: each URL ends merged, already there, or unmatched with its count.
import type { GistDB } from '../db/schema';
import { canonicalUrl } from '../url/canonical-url';
import { mergeHighlights } from './merge-rules';
import type { StrayHighlights } from './types';

export interface StrayOutcome {
  where: string;
  url: string;
  /** How many highlights the file had for this URL. */
  count: number;
  /** merged: added to the library's article; duplicate: it had them all; unmatched: no article, not imported. */
  outcome: 'merged' | 'duplicate' | 'unmatched';
  reason: string;
  articleId?: number;
}

/**
 * Highlights the file has for URLs its list lacks (ImportResult.strayHighlights): added to the
 * library's article for that URL when there is one, otherwise reported with the URL and the count.
 */
export async function applyStrayHighlights(
  db: GistDB,
  strays: readonly StrayHighlights[],
  now: () => number = Date.now,
): Promise<StrayOutcome[]> {
  if (!strays.length) return [];
  return db.transaction('rw', db.articles, async () => {
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
          reason: `${s.highlights.length} highlight(s) for ${s.url}, which is neither in the file's list nor in the library: not imported`,
        });
        continue;
      }
      const hl = mergeHighlights(a.highlights ?? [], s.highlights);
      if (hl.added) {
        await db.articles.update(a.id, { highlights: hl.highlights, updatedAt: t });
        byUrl.set(a.url, { ...a, highlights: hl.highlights, updatedAt: t });
      }
      out.push({
        ...base,
        outcome: hl.added ? 'merged' : 'duplicate',
        articleId: a.id,
        reason: hl.added
          ? `not in the file's list, but in the library: ${hl.added} highlight(s) added`
          : "not in the file's list; the library's article already has these highlights",
      });
    }
    return out;
  });
}
