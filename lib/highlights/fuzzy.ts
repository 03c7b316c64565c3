// The approximate step of anchoring: candidates from approx-string-match (Myers' bit-parallel
// search), scored like Hypothesis (quote similarity + prefix/suffix similarity + position), and
// accepted only when the evidence is strong and points at one place.
//
// approx-string-match returns only the lowest-error matches of a search, so a near-duplicate with
// fewer errors elsewhere would hide the edited quote. Searching small windows first — around the
// position hint and where the stored prefix or suffix still occurs — finds the edited quote in its
// own place; the whole text is searched only when those find nothing acceptable. Windows also
// bound the work on long texts.
import approxSearch from 'approx-string-match';
import type { NormalView } from './normalize';
import { contextScore, overallScore, type ContextScore } from './score';

/** A selector prepared for searching: quote, prefix and suffix in view form. */
export interface Quote {
  q: NormalView;
  prefix: string;
  suffix: string;
  /** View index of the stored position's start in the new text, if any. */
  hint: number | null;
}

export const FUZZY = {
  /** Shorter quotes (view characters) never match approximately: too many look-alikes. */
  minLength: 8,
  /** Errors allowed in the search, as a share of the quote (Hypothesis: 1/2, at most 256). */
  searchErrorRate: 0.5,
  maxErrors: 256,
  /** Accept rules: a weakly similar quote needs both sides of context to agree... */
  bracketQuote: 0.5,
  bracketSide: 0.8,
  /** ...a similar quote needs one side. */
  similarQuote: 0.75,
  similarSide: 0.75,
  /** Without any stored context: a long, nearly identical quote. */
  bareQuote: 0.9,
  bareLength: 24,
  /** The runner-up elsewhere must trail the best by this much combined score. */
  margin: 0.15,
  /** Context anchors: this many characters of the prefix's end / suffix's start, at most this many occurrences. */
  anchorChars: 16,
  maxAnchors: 8,
  /** Characters either side of the position hint searched first. */
  hintSlack: 2000,
};

interface Candidate {
  start: number;
  end: number;
  quoteSim: number;
  ctx: ContextScore;
  combined: number;
}

/** Whether a candidate's evidence is strong enough to draw it. */
export function acceptable(quoteSim: number, ctx: ContextScore, len: number): boolean {
  const { prefix, suffix } = ctx;
  if (prefix === null && suffix === null) return quoteSim >= FUZZY.bareQuote && len >= FUZZY.bareLength;
  if (quoteSim >= FUZZY.bracketQuote && (prefix ?? 0) >= FUZZY.bracketSide && (suffix ?? 0) >= FUZZY.bracketSide) return true;
  return quoteSim >= FUZZY.similarQuote && Math.max(prefix ?? 0, suffix ?? 0) >= FUZZY.similarSide;
}

function searchIn(t: NormalView, quote: Quote, from: number, to: number, maxErrors: number): Candidate[] {
  const lo = Math.max(0, from);
  const len = quote.q.text.length;
  const found = approxSearch(t.text.slice(lo, Math.min(t.text.length, to)), quote.q.text, maxErrors);
  return found.map((m) => {
    const start = m.start + lo;
    const end = m.end + lo;
    const quoteSim = 1 - m.errors / len;
    const ctx = contextScore(t, start, end, quote.prefix, quote.suffix);
    return { start, end, quoteSim, ctx, combined: 0.5 * quoteSim + 0.25 * (ctx.prefix ?? 0.5) + 0.25 * (ctx.suffix ?? 0.5) };
  });
}

function indexesOf(hay: string, needle: string, limit: number): number[] {
  const out: number[] = [];
  for (let i = hay.indexOf(needle); i !== -1 && out.length < limit; i = hay.indexOf(needle, i + 1)) out.push(i);
  return out;
}

/** Search windows: around the hint, after occurrences of the prefix's end, before the suffix's start. */
function windows(t: NormalView, quote: Quote): [number, number][] {
  const len = quote.q.text.length;
  const reach = Math.ceil(len * 1.5) + 8;
  const out: [number, number][] = [];
  if (quote.hint !== null) out.push([quote.hint - FUZZY.hintSlack - len, quote.hint + FUZZY.hintSlack + 2 * len]);
  const n = FUZZY.anchorChars;
  if (quote.prefix.length >= n / 2) {
    const tail = quote.prefix.slice(-n);
    for (const i of indexesOf(t.text, tail, FUZZY.maxAnchors)) out.push([i + tail.length - 4, i + tail.length + reach]);
  }
  if (quote.suffix.length >= n / 2) {
    const head = quote.suffix.slice(0, n);
    for (const i of indexesOf(t.text, head, FUZZY.maxAnchors)) out.push([i - reach, i + 4]);
  }
  return out;
}

const overlaps = (a: Candidate, b: Candidate): boolean => a.start < b.end && b.start < a.end;

/** Best candidate if acceptable and unrivalled; otherwise why not. */
function decide(cands: Candidate[], len: number): Candidate | { reason: string } | null {
  if (!cands.length) return null;
  cands.sort((a, b) => b.combined - a.combined);
  const best = cands[0];
  if (!acceptable(best.quoteSim, best.ctx, len)) return null;
  const rival = cands.find((c) => !overlaps(c, best) && best.combined - c.combined < FUZZY.margin);
  if (rival) return { reason: 'two places match the quote and its context about equally' };
  return best;
}

export function fuzzyMatch(t: NormalView, quote: Quote): { start: number; end: number; score: number } | { reason: string } {
  const len = quote.q.text.length;
  if (len < FUZZY.minLength) return { reason: 'the quote is not in the text, and is too short to look for approximately' };
  const maxErrors = Math.min(FUZZY.maxErrors, Math.floor(len * FUZZY.searchErrorRate));
  const local = windows(t, quote).flatMap(([a, b]) => searchIn(t, quote, a, b, maxErrors));
  let chosen = decide(local, len);
  if (chosen === null) chosen = decide(searchIn(t, quote, 0, t.text.length, maxErrors), len);
  if (chosen === null) return { reason: 'no close enough match for the quote and its context' };
  if ('reason' in chosen) return chosen;
  const posScore = quote.hint === null ? 1 : 1 - Math.abs(chosen.start - quote.hint) / Math.max(1, t.text.length);
  return { start: chosen.start, end: chosen.end, score: overallScore(chosen.quoteSim, chosen.ctx, posScore) };
}
