// How two records of the same article combine, shared by repeats inside one file (parse-import) and
// an import meeting the library (apply-import): nothing the user did is lost. Tags unite, highlights
// add up, archived beats unread, favorite beats not, and further reading progress wins.
import type { Highlight } from '../db/schema';

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

/** `have` plus the highlights of `add` whose text it does not have yet; `added` counts them. */
export function mergeHighlights(have: readonly Highlight[], add: readonly Highlight[]): { highlights: Highlight[]; added: number } {
  const texts = new Set(have.map((h) => h.text));
  const fresh = add.filter((h) => !texts.has(h.text) && (texts.add(h.text), true));
  return { highlights: [...have, ...fresh], added: fresh.length };
}

/** True when `candidate` is a reading position further than `current` (undefined: the source has none). */
export function moreProgress(candidate: number | undefined, current: number | undefined): candidate is number {
  return candidate !== undefined && Number.isFinite(candidate) && (current === undefined || candidate > current);
}

export const percent = (p: number): string => `${Math.round(p * 100)}%`;
