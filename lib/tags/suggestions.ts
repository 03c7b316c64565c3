// The one-click suggestions offered next to the applied tags (popup, library tag dialog). No word
// table here: this runs in the service worker and in extension pages.

/** How many suggestions are offered at most. */
export const SUGGESTIONS_SHOWN = 6;

/** Candidates not applied yet, in rank order (case-insensitive), at most `max`. */
export function tagSuggestions(candidates: readonly string[], applied: readonly string[], max = SUGGESTIONS_SHOWN): string[] {
  const taken = new Set(applied.map((t) => t.trim().toLowerCase()));
  const out: string[] = [];
  for (const c of candidates) {
    if (out.length >= max) break;
    const k = c.trim().toLowerCase();
    if (!k || taken.has(k)) continue;
    taken.add(k);
    out.push(c);
  }
  return out;
}
