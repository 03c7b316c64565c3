// A selector prepared for searching a text's normalised view, and the rules on its context that
// the exact and the approximate steps share.
import { BREAK_GAP, normalView, toView, type NormalView } from './normalize';
import type { ContextScore } from './score';
import { CONTEXT_CHARS, type HighlightTarget } from './selectors';

export interface Quote {
  /** The quote's view. */
  q: NormalView;
  /** Prefix and suffix in view form. */
  prefix: string;
  suffix: string;
  /** The part of the prefix after its last line break / of the suffix before its first, in view form; null without a break. */
  prefixInParagraph: string | null;
  suffixInParagraph: string | null;
  /** View index of the stored position's start in the new text, if any. */
  hint: number | null;
}

/** A context side below this similarity contradicts a candidate (unless a paragraph break explains it). */
export const SIDE_CONSISTENT = 0.75;

const afterLastBreak = (s: string, atStartOfText: boolean): string | null => {
  const i = Math.max(s.lastIndexOf('\n'), s.lastIndexOf('\r'));
  return i >= 0 ? normalView(s.slice(i + 1)).text : atStartOfText ? normalView(s).text : null;
};
const beforeFirstBreak = (s: string, atEndOfText: boolean): string | null => {
  const i = s.search(/[\n\r]/);
  return i >= 0 ? normalView(s.slice(0, i)).text : atEndOfText ? normalView(s).text : null;
};

export function prepareQuote(t: NormalView, target: HighlightTarget, textLength: number): Quote {
  const { exact, prefix, suffix } = target.quote;
  const pos = target.position;
  return {
    q: normalView(exact),
    prefix: normalView(prefix).text,
    suffix: normalView(suffix).text,
    // A context shorter than describeRange's reached the edge of the stored text: an edge is a break.
    prefixInParagraph: afterLastBreak(prefix, prefix.length < CONTEXT_CHARS),
    suffixInParagraph: beforeFirstBreak(suffix, suffix.length < CONTEXT_CHARS),
    hint: pos && pos.start <= textLength ? toView(t, pos.start) : null,
  };
}

/**
 * A side of the context is explained by a paragraph break when the stored context has a break
 * there and the text has a break at the same distance from the candidate, with the same text in
 * between: the neighbouring paragraph changed (inserted, removed), not the highlighted one.
 */
export function breakBefore(t: NormalView, quote: Quote, at: number): boolean {
  const tail = quote.prefixInParagraph;
  if (tail === null) return false;
  const from = at - tail.length;
  return from >= 0 && t.text.slice(from, at) === tail && (from === 0 || t.gaps[from] === BREAK_GAP);
}
export function breakAfter(t: NormalView, quote: Quote, end: number): boolean {
  const head = quote.suffixInParagraph;
  if (head === null) return false;
  const to = end + head.length;
  return to <= t.text.length && t.text.slice(end, to) === head && (to === t.text.length || t.gaps[to] === BREAK_GAP);
}

/**
 * No side of the context contradicts the candidate [at, end): each agrees at least loosely or is
 * explained by a paragraph break. A sentence that goes on differently right after the quote is
 * another sentence.
 */
export function consistent(t: NormalView, quote: Quote, at: number, end: number, ctx: ContextScore): boolean {
  return (
    ((ctx.prefix ?? 1) >= SIDE_CONSISTENT || breakBefore(t, quote, at)) &&
    ((ctx.suffix ?? 1) >= SIDE_CONSISTENT || breakAfter(t, quote, end))
  );
}
