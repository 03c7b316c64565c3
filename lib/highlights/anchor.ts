// Re-anchors a stored highlight in a (possibly changed) text, the way Hypothesis does: the stored
// position if its text is still the quote, else the exact quote chosen by its context, else an
// approximate match (approx-string-match) scored on quote and context similarity. Everything is
// compared in a normalised view (normalize.ts) and mapped back to original offsets. Whenever the
// evidence does not single out one place the answer is 'unplaced': a highlight listed as
// "couldn't place" costs the reader little, one drawn on the wrong words misleads.
import { normalView, toOriginal, toView, wordSplitMismatches, type NormalView } from './normalize';
import { bestSide, contextScore, contextSum, overallScore, type ContextScore } from './score';
import { fuzzyMatch, type Quote } from './fuzzy';
import type { HighlightTarget } from './selectors';

export type AnchorResult =
  { start: number; end: number; how: 'position' | 'exact' | 'fuzzy'; score: number } | { start: null; how: 'unplaced'; reason: string };

/** Thresholds (tuned on the train half of the bench, see scripts/bench-anchor.ts). */
export const EXACT = {
  /** A context side "agrees" at this similarity. */
  sideAgrees: 0.75,
  /** Among several occurrences the best must beat the next by this much context (sum of sides). */
  margin: 0.25,
  /** A unique occurrence whose context no longer agrees is kept only if the quote is this long. */
  distinctive: 40,
  /** At most this many occurrences are scored (beyond that a quote is too common to place by context). */
  maxOccurrences: 2000,
};

// One view cache: a reader anchors all of an article's highlights in the same text.
let cached: { text: string; view: NormalView } | null = null;
export function viewOf(text: string): NormalView {
  if (cached?.text !== text) cached = { text, view: normalView(text) };
  return cached.view;
}

const unplaced = (reason: string): AnchorResult => ({ start: null, how: 'unplaced', reason });

/** Exact occurrences of the quote's view text whose word splits agree with the quote's. */
function occurrences(t: NormalView, quote: Quote, limit: number): number[] {
  const found: number[] = [];
  const s = quote.q.text;
  for (let i = t.text.indexOf(s); i !== -1 && found.length < limit; i = t.text.indexOf(s, i + 1)) {
    if (wordSplitMismatches(quote.q, 0, t, i, s.length) === 0) found.push(i);
  }
  return found;
}

const place = (t: NormalView, start: number, end: number, how: 'position' | 'exact' | 'fuzzy', score: number): AnchorResult => ({
  ...toOriginal(t, start, end),
  how,
  score,
});

/** Picks among exact occurrences by context, then by the position hint; null when it cannot tell. */
function chooseExact(t: NormalView, quote: Quote, occ: number[]): { at: number; ctx: ContextScore } | { reason: string } {
  const len = quote.q.text.length;
  const scored = occ.map((at) => ({ at, ctx: contextScore(t, at, at + len, quote.prefix, quote.suffix) }));
  const nearHint = (xs: typeof scored) =>
    quote.hint === null ? null : xs.reduce((a, b) => (Math.abs(b.at - quote.hint!) < Math.abs(a.at - quote.hint!) ? b : a));
  if (!quote.prefix && !quote.suffix) {
    // An imported quote without context: every occurrence is the same words. Nearest the stored
    // position when there is one, else the first (as the exporting tool's reader would show it).
    return nearHint(scored) ?? scored[0];
  }
  scored.sort((a, b) => contextSum(b.ctx) - contextSum(a.ctx));
  const best = scored[0];
  const agreeing = (bestSide(best.ctx) ?? 0) >= EXACT.sideAgrees;
  if (scored.length === 1) {
    if (agreeing || len >= EXACT.distinctive) return best;
    return { reason: 'the quote is still in the text, but not in its context' };
  }
  if (!agreeing) return { reason: `the quote occurs ${scored.length} times, none in its context` };
  const close = scored.filter((s) => contextSum(best.ctx) - contextSum(s.ctx) < EXACT.margin);
  if (close.length === 1) return best;
  const near = nearHint(close);
  return near ?? { reason: `the quote occurs ${scored.length} times and ${close.length} of them fit its context equally` };
}

/** Re-anchors a highlight in `text`: see the file comment for the order and the rules. */
export function anchorTarget(text: string, target: HighlightTarget): AnchorResult {
  const exact = target.quote.exact;
  const q = normalView(exact);
  if (!q.text) return unplaced('the quote is empty');
  const t = viewOf(text);
  const pos = target.position;
  const quote: Quote = {
    q,
    prefix: normalView(target.quote.prefix).text,
    suffix: normalView(target.quote.suffix).text,
    hint: pos && pos.start <= text.length ? toView(t, pos.start) : null,
  };
  const len = q.text.length;
  const occ = occurrences(t, quote, EXACT.maxOccurrences + 1);
  if (occ.length > EXACT.maxOccurrences) return unplaced(`the quote occurs more than ${EXACT.maxOccurrences} times`);

  // (a) The stored position still holds the quote and, if the quote recurs, its context.
  if (pos && quote.hint !== null && occ.includes(quote.hint)) {
    const ctx = contextScore(t, quote.hint, quote.hint + len, quote.prefix, quote.suffix);
    if (occ.length === 1 || ((ctx.prefix ?? 1) === 1 && (ctx.suffix ?? 1) === 1)) {
      if (text.slice(pos.start, pos.end) === exact) return { start: pos.start, end: pos.end, how: 'position', score: 1 };
      return place(t, quote.hint, quote.hint + len, 'position', 1);
    }
  }

  // (b) Exact occurrences, chosen by context and then the position hint.
  let exactReason: string | null = null;
  if (occ.length) {
    const chosen = chooseExact(t, quote, occ);
    if ('at' in chosen) {
      const posScore = quote.hint === null ? 1 : 1 - Math.abs(chosen.at - quote.hint) / Math.max(1, t.text.length);
      return place(t, chosen.at, chosen.at + len, 'exact', overallScore(1, chosen.ctx, posScore));
    }
    exactReason = chosen.reason;
  }

  // (c) An approximate match (the quote may have been edited where its context still is); fuzzy.ts
  // decides whether any candidate is safe to use.
  const fuzzy = fuzzyMatch(t, quote);
  if ('reason' in fuzzy) return unplaced(exactReason ?? fuzzy.reason);
  return place(t, fuzzy.start, fuzzy.end, 'fuzzy', fuzzy.score);
}
