// Re-anchors a stored highlight in a (possibly changed) text, the way Hypothesis does: the stored
// position if its text is still the quote, else the exact quote chosen by its context, else an
// approximate match (approx-string-match) scored on quote and context similarity. Everything is
// compared in a normalised view (normalize.ts) and mapped back to original offsets. Whenever the
// evidence does not single out one place the answer is 'unplaced': a highlight listed as
// "couldn't place" costs the reader little, one drawn on the wrong words misleads.
import { normalView, toOriginal, wordSplitMismatches, type NormalView } from './normalize';
import { bestSide, contextScore, overallScore, type ContextScore } from './score';
import { fuzzyMatch } from './fuzzy';
import { breakAfter, breakBefore, consistent, prepareQuote, type Quote } from './quote';
import type { HighlightTarget } from './selectors';

export type AnchorResult =
  { start: number; end: number; how: 'position' | 'exact' | 'fuzzy'; score: number } | { start: null; how: 'unplaced'; reason: string };

/** Thresholds (tuned on the train half of the bench, see scripts/bench-anchor.ts). */
export const EXACT = {
  /**
   * A context side is intact at this similarity (and below SIDE_CONSISTENT it contradicts). An
   * occurrence counts only where a side is there unchanged (similarity 1): the copies of a repeated
   * passage (recipe steps, tweet signatures, product lines) differ by a few characters of context,
   * so a side that merely looks alike cannot tell them apart.
   */
  sideAgrees: 0.95,
  /**
   * With one side intact and the other changed (a neighbouring paragraph inserted or removed, or
   * another copy of the passage), the occurrence must be within this many characters of the stored
   * position: about one paragraph's shift. Farther, both sides must be unchanged.
   */
  paragraphShift: 2000,
  /**
   * Among plausible occurrences, the one nearest the position hint wins only if it is this close
   * (view chars) and the next is `hintRatio` times farther: in a text with a repeated passage, a
   * far-shifted hint lands near the wrong copy.
   */
  hintDrift: 64,
  hintRatio: 3,
  /** At most this many occurrences are scored (beyond that a quote is too common to place by context). */
  maxOccurrences: 2000,
  /** A unique quote this long (view chars) may keep its place when whole paragraphs around it changed. */
  longQuote: 20,
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

/** Whether view offset `at` is within a paragraph's shift of the stored position (original offsets). */
const nearStored = (t: NormalView, at: number, pos: HighlightTarget['position']): boolean =>
  !!pos && Math.abs(t.starts[at] - pos.start) <= EXACT.paragraphShift;

/**
 * Picks among exact occurrences by context, then by the position hint. An occurrence is plausible
 * when one side of its context is there unchanged and the other does not contradict it. When the
 * other side changed, even slightly, only the stored position can tell "a neighbouring paragraph
 * changed" from "the highlighted paragraph is gone and this is another copy of it": such an
 * occurrence must be near the stored position. Far from it (text inserted at the top), the passage
 * moved as a block and both sides are unchanged; a sibling copy far away seldom has both. Several plausible occurrences mean a repeated passage: a copy
 * whose context is intact can outscore the real one whose paragraph above was replaced, so the
 * context cannot decide and only a clearly nearest position hint can. After 5,000 characters
 * inserted at the top the hint points nowhere useful.
 */
function chooseExact(
  t: NormalView,
  quote: Quote,
  occ: number[],
  pos: HighlightTarget['position'],
): { at: number; ctx: ContextScore } | { reason: string } {
  const len = quote.q.text.length;
  const scored = occ.map((at) => ({ at, ctx: withEdges(t, quote, at, contextScore(t, at, at + len, quote.prefix, quote.suffix)) }));
  const byHint = (xs: typeof scored) =>
    quote.hint === null ? xs : [...xs].sort((a, b) => Math.abs(a.at - quote.hint!) - Math.abs(b.at - quote.hint!));
  if (!quote.prefix && !quote.suffix) {
    // An imported quote without context: every occurrence is the same words. Nearest the stored
    // position when there is one, else the first (as the exporting tool's reader would show it).
    return byHint(scored)[0];
  }
  const intact = (side: number | null, min: number) => (side ?? 1) >= min;
  const whole = (c: ContextScore, min: number) => intact(c.prefix, min) && intact(c.suffix, min);
  const plausible = scored.filter(
    (s) =>
      bestSide(s.ctx) === 1 &&
      consistent(t, quote, s.at, s.at + len, s.ctx) &&
      (pos ? nearStored(t, s.at, pos) || whole(s.ctx, 1) : whole(s.ctx, EXACT.sideAgrees)),
  );
  if (plausible.length === 1) return plausible[0];
  if (!plausible.length && scored.length === 1 && wholeParagraphsMoved(t, quote, scored[0].at, scored[0].ctx, pos)) return scored[0];
  if (!plausible.length) {
    return {
      reason:
        scored.length === 1
          ? 'the quote is in the text, but not in its context'
          : `the quote occurs ${scored.length} times, none in its context`,
    };
  }
  if (quote.hint !== null) {
    const [first, second] = byHint(plausible).map((s) => ({ s, d: Math.abs(s.at - quote.hint!) }));
    if (first.d <= EXACT.hintDrift && first.d * EXACT.hintRatio <= second.d) return first.s;
  }
  return { reason: `the quote and its context occur ${plausible.length} times` };
}

/**
 * A stored side that reaches a paragraph break or the text's edge (a highlight in the first words of
 * the text has a short prefix) says more than its characters: there is a break there. A side whose
 * characters match where the text goes on without a break (a pull quote at the top repeated in the
 * body) is one character short of agreeing.
 */
function withEdges(t: NormalView, quote: Quote, at: number, ctx: ContextScore): ContextScore {
  const end = at + quote.q.text.length;
  const short = (side: number | null, stored: string) => (side === null ? null : Math.min(side, 1 - 1 / (stored.length + 1)));
  return {
    prefix:
      quote.prefix && quote.prefixInParagraph === quote.prefix && !breakBefore(t, quote, at) ? short(ctx.prefix, quote.prefix) : ctx.prefix,
    suffix:
      quote.suffix && quote.suffixInParagraph === quote.suffix && !breakAfter(t, quote, end) ? short(ctx.suffix, quote.suffix) : ctx.suffix,
  };
}

/**
 * A unique, long quote that was the first or last paragraph of the text and still is, whose other
 * side changed only because the neighbouring paragraph did (inserted or removed): that side is a
 * paragraph break both in the stored selector and in the text. Near the stored position only. A
 * quote in the middle whose both sides changed is not placed: the text around it no longer says
 * which copy of a repeated passage (a tweet's signature line) it was.
 */
function wholeParagraphsMoved(t: NormalView, quote: Quote, at: number, ctx: ContextScore, pos: HighlightTarget['position']): boolean {
  const end = at + quote.q.text.length;
  const atStart = ctx.prefix === null && at === 0 && breakAfter(t, quote, end);
  const atEnd = ctx.suffix === null && end === t.text.length && breakBefore(t, quote, at);
  return quote.q.text.length >= EXACT.longQuote && (atStart || atEnd) && nearStored(t, at, pos);
}

/**
 * Where the stored prefix still ends at the position hint and the stored suffix starts about a
 * quote's length later: the text around the highlight is unchanged, so the quote is in between
 * (possibly edited). Null when not.
 */
function bracketAtHint(t: NormalView, quote: Quote): { start: number; end: number } | null {
  const len = quote.q.text.length;
  if (quote.hint === null || quote.prefix.length < 8 || quote.suffix.length < 8) return null;
  if (t.text.slice(Math.max(0, quote.hint - quote.prefix.length), quote.hint) !== quote.prefix) return null;
  const next = t.text.indexOf(quote.suffix.slice(0, 16), quote.hint + Math.floor(len / 2));
  return next !== -1 && next <= quote.hint + Math.ceil(len * 1.5) + 8 ? { start: quote.hint, end: next } : null;
}

/** Re-anchors a highlight in `text`: see the file comment for the order and the rules. */
export function anchorTarget(text: string, target: HighlightTarget): AnchorResult {
  const exact = target.quote.exact;
  const t = viewOf(text);
  const quote = prepareQuote(t, target, text.length);
  const pos = target.position;
  if (!quote.q.text) return unplaced('the quote is empty');
  const len = quote.q.text.length;
  const occ = occurrences(t, quote, EXACT.maxOccurrences + 1);
  if (occ.length > EXACT.maxOccurrences) return unplaced(`the quote occurs more than ${EXACT.maxOccurrences} times`);

  // (a) The stored position still holds the quote and, if the quote recurs, its context.
  if (pos && quote.hint !== null && occ.includes(quote.hint)) {
    const ctx = contextScore(t, quote.hint, quote.hint + len, quote.prefix, quote.suffix);
    const fits = (bestSide(ctx) ?? 1) >= EXACT.sideAgrees && consistent(t, quote, quote.hint, quote.hint + len, ctx);
    if ((occ.length === 1 && fits) || ((ctx.prefix ?? 1) === 1 && (ctx.suffix ?? 1) === 1)) {
      if (text.slice(pos.start, pos.end) === exact) return { start: pos.start, end: pos.end, how: 'position', score: 1 };
      return place(t, quote.hint, quote.hint + len, 'position', 1);
    }
  }

  // (b) Exact occurrences, chosen by context and then the position hint.
  let exactReason: string | null = null;
  let editedAt: number | null = null;
  if (occ.length) {
    const chosen = chooseExact(t, quote, occ, pos);
    const bracket = bracketAtHint(t, quote);
    if ('at' in chosen && bracket && (chosen.at < bracket.start || chosen.at + len > bracket.end)) {
      // The text before the stored position is unchanged but the quote there is not: it was edited
      // in place, and the occurrence elsewhere is a copy of the passage (it is not where the user
      // highlighted). The approximate match below may still find the edited quote.
      exactReason = 'the quote was changed where it was; an identical passage elsewhere is another copy';
      editedAt = quote.hint;
    } else if ('at' in chosen) {
      const posScore = quote.hint === null ? 1 : 1 - Math.abs(chosen.at - quote.hint) / Math.max(1, t.text.length);
      return place(t, chosen.at, chosen.at + len, 'exact', overallScore(1, chosen.ctx, posScore));
    } else exactReason = chosen.reason;
  }

  // (c) An approximate match (the quote may have been edited where its context still is); fuzzy.ts
  // decides whether any candidate is safe to use.
  const fuzzy = fuzzyMatch(t, quote, editedAt);
  if ('reason' in fuzzy) return unplaced(exactReason ?? fuzzy.reason);
  return place(t, fuzzy.start, fuzzy.end, 'fuzzy', fuzzy.score);
}
