// Similarity of a stored quote's context to the text around a candidate, as Hypothesis scores it
// (match-quote.ts textMatchScore): 1 - edit errors / context length, with approx-string-match.
import approxSearch from 'approx-string-match';
import type { NormalView } from './normalize';

/** 1 − (edit distance of `pattern` within `window`) / |pattern|; 0 for an empty window. */
export function similarity(window: string, pattern: string): number {
  if (!pattern.length) return 1;
  if (!window.length) return 0;
  if (window.includes(pattern)) return 1;
  const best = approxSearch(window, pattern, pattern.length);
  return best.length ? 1 - best[0].errors / pattern.length : 0;
}

/** Context evidence for a candidate at view [start, end): null for a side the selector has no text for. */
export interface ContextScore {
  prefix: number | null;
  suffix: number | null;
}

export function contextScore(view: NormalView, start: number, end: number, prefix: string, suffix: string): ContextScore {
  return {
    prefix: prefix ? similarity(view.text.slice(Math.max(0, start - prefix.length), start), prefix) : null,
    suffix: suffix ? similarity(view.text.slice(end, end + suffix.length), suffix) : null,
  };
}

/** The better-agreeing side, or null when the selector has no context at all. */
export const bestSide = (c: ContextScore): number | null =>
  c.prefix === null && c.suffix === null ? null : Math.max(c.prefix ?? 0, c.suffix ?? 0);

/** Sum of both sides; a side without stored context counts as half agreeing (no evidence either way). */
export const contextSum = (c: ContextScore): number => (c.prefix ?? 0.5) + (c.suffix ?? 0.5);

/** Hypothesis' overall score in [0, 1]: quote 50, prefix 20, suffix 20, position 2. */
export function overallScore(quoteSim: number, c: ContextScore, posScore: number): number {
  return (50 * quoteSim + 20 * (c.prefix ?? 1) + 20 * (c.suffix ?? 1) + 2 * posScore) / 92;
}
