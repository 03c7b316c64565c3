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
import { distance } from 'fastest-levenshtein';
import { NO_GAP, type NormalView } from './normalize';
import { contextScore, overallScore, type ContextScore } from './score';
import { consistent, type Quote } from './quote';

export const FUZZY = {
  /** Shorter quotes (view characters) never match approximately: too many look-alikes. */
  minLength: 8,
  /**
   * A quote shorter than this (view chars) placed with one side of context may differ only by
   * typos: a different word ("pre-workout" for "post-workout") makes it another sentence.
   */
  shortQuote: 64,
  /** Errors allowed in the search, as a share of the quote (Hypothesis: 1/2, at most 256). */
  searchErrorRate: 0.5,
  maxErrors: 256,
  /** Accept rules: with both sides of context in place, a quote this similar (an edited quote)... */
  bracketQuote: 0.5,
  bracketSide: 0.85,
  /** ...with one side, a quote at least this long and this similar... */
  similarLength: 20,
  similarQuote: 0.8,
  similarSide: 0.9,
  /** ...without any stored context, a long, nearly identical quote. */
  bareQuote: 0.9,
  bareLength: 24,
  /** The runner-up elsewhere must trail the best by this much combined score. */
  margin: 0.15,
  /** Context anchors: this many characters of the prefix's end / suffix's start, at most this many occurrences. */
  anchorChars: 16,
  maxAnchors: 8,
  /** Boundaries snap to where the prefix ends / suffix starts, if that is this close (view chars). */
  snapChars: 8,
  /** Characters either side of the position hint searched first. */
  hintSlack: 2000,
  /** At most this many distinct candidates are scored per search. */
  maxCandidates: 40,
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
  return len >= FUZZY.similarLength && quoteSim >= FUZZY.similarQuote && Math.max(prefix ?? 0, suffix ?? 0) >= FUZZY.similarSide;
}

const bracketed = (c: ContextScore): boolean => (c.prefix ?? 0) >= FUZZY.bracketSide && (c.suffix ?? 0) >= FUZZY.bracketSide;

/**
 * Whether the side a one-sided candidate relies on is unique in the text. In a repeated passage
 * (a recipe's "Portion Fix Containers: 1 Green, 1 Red, 1 Yellow" before every meal) that side is
 * the same before every copy, so it cannot say that this copy, with a different word in the
 * quote, is the edited highlight rather than a sibling of the removed one.
 */
function distinctiveSide(t: NormalView, quote: Quote, c: Candidate): boolean {
  const usePrefix = (c.ctx.prefix ?? 0) >= (c.ctx.suffix ?? 0);
  const n = usePrefix ? quote.prefix.length : quote.suffix.length;
  const side = usePrefix ? t.text.slice(Math.max(0, c.start - n), c.start) : t.text.slice(c.end, c.end + n);
  return indexesOf(t.text, side, 2).length < 2;
}

/** A word's letters, sorted: equal for a swap of two letters. */
const letters = (w: string): string => [...w].sort().join('');

/** Whether `b` is word `a` with a typo: two letters swapped, one dropped or one doubled/added. */
function typoOf(a: string, b: string): boolean {
  if (a === b || letters(a) === letters(b)) return true;
  return Math.abs(a.length - b.length) === 1 && distance(letters(a), letters(b)) === 1;
}

/** The words (runs of letters and digits, split where the text had whitespace) of view [start, end). */
function wordsOf(v: NormalView, start: number, end: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = start; i < end; i++) {
    const c = v.text[i];
    if (cur && (v.gaps[i] !== NO_GAP || !/[\p{L}\p{N}]/u.test(c))) {
      out.push(cur);
      cur = '';
    }
    if (/[\p{L}\p{N}]/u.test(c)) cur += c.toLowerCase();
  }
  if (cur) out.push(cur);
  return out;
}

/**
 * Whether the candidate's words differ from the quote's by more than typos (punctuation and case
 * aside): a word replaced, added or removed.
 */
function wordChanged(t: NormalView, start: number, end: number, q: NormalView): boolean {
  const a = wordsOf(t, start, end);
  const b = wordsOf(q, 0, q.text.length);
  return a.length !== b.length || a.some((w, i) => !typoOf(w, b[i]));
}

/** The offset in [from, to] closest to `near` at which `needle` ends (atEnd) or starts; null if none. */
function closestOccurrence(hay: string, needle: string, from: number, to: number, near: number, atEnd: boolean): number | null {
  let best: number | null = null;
  const shift = atEnd ? needle.length : 0;
  for (let i = hay.indexOf(needle, Math.max(0, from - shift)); i !== -1 && i + shift <= to; i = hay.indexOf(needle, i + 1)) {
    if (best === null || Math.abs(i + shift - near) < Math.abs(best - near)) best = i + shift;
  }
  return best;
}

/**
 * Moves a match's ends to where the stored prefix ends and the suffix starts, when they are close:
 * the search trims an edited first or last word off the match, the context puts it back.
 */
function snap(t: NormalView, quote: Quote, start: number, end: number): [number, number] {
  const slack = Math.ceil(quote.q.text.length / 2) + FUZZY.snapChars;
  const pre = quote.prefix.slice(-FUZZY.snapChars);
  const suf = quote.suffix.slice(0, FUZZY.snapChars);
  const s = pre.length >= 4 ? (closestOccurrence(t.text, pre, start - slack, start + slack, start, true) ?? start) : start;
  const e = suf.length >= 4 ? (closestOccurrence(t.text, suf, end - slack, end + slack, end, false) ?? end) : end;
  return s < e ? [s, e] : [start, end];
}

/**
 * A candidate's quote similarity, context sides, and `combined`: the similarity of prefix + quote +
 * suffix to the text around it as a whole (1 − edit distance / length). Whole-window similarity
 * ranks a span snapped to its context above the search's trimmed match, and a span that swallowed
 * an inserted paragraph below the bare quote.
 */
function score(t: NormalView, quote: Quote, start: number, end: number): Candidate {
  const len = quote.q.text.length;
  const quoteSim = Math.max(0, 1 - distance(t.text.slice(start, end), quote.q.text) / len);
  const ctx = contextScore(t, start, end, quote.prefix, quote.suffix);
  const whole = quote.prefix + quote.q.text + quote.suffix;
  const around = t.text.slice(Math.max(0, start - quote.prefix.length), end + quote.suffix.length);
  return { start, end, quoteSim, ctx, combined: Math.max(0, 1 - distance(around, whole) / whole.length) };
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean => a.start < b.end && b.start < a.end;

function searchIn(t: NormalView, quote: Quote, from: number, to: number, maxErrors: number): Candidate[] {
  const lo = Math.max(0, from);
  const found = approxSearch(t.text.slice(lo, Math.min(t.text.length, to)), quote.q.text, maxErrors);
  // Many matches of one place differ by a character at either end: keep one per place.
  const distinct: { start: number; end: number }[] = [];
  for (const m of found.sort((a, b) => a.errors - b.errors)) {
    const c = { start: m.start + lo, end: m.end + lo };
    if (!distinct.some((d) => overlaps(c, d))) distinct.push(c);
    if (distinct.length >= FUZZY.maxCandidates) break;
  }
  // Each place is scored as found and snapped to its context; decide() ranks them.
  return distinct.flatMap((c) => {
    const [s, e] = snap(t, quote, c.start, c.end);
    const found = score(t, quote, c.start, c.end);
    return s === c.start && e === c.end ? [found] : [found, score(t, quote, s, e)];
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

/** Best candidate if acceptable and unrivalled; otherwise why not. */
function decide(t: NormalView, quote: Quote, cands: Candidate[]): Candidate | { reason: string } | null {
  const len = quote.q.text.length;
  if (!cands.length) return null;
  cands.sort((a, b) => b.combined - a.combined);
  const best = cands[0];
  // An exact occurrence was already judged (and refused) by the exact step; it stays a rival here.
  if (best.quoteSim === 1 && t.text.slice(best.start, best.end) === quote.q.text) {
    return { reason: 'the quote occurs where its context does not single out one place' };
  }
  if (!acceptable(best.quoteSim, best.ctx, len) || !consistent(t, quote, best.start, best.end, best.ctx)) return null;
  if (!bracketed(best.ctx)) {
    // One side of context only: it must be unique in the text, and a short quote may differ by typos only.
    if (!distinctiveSide(t, quote, best))
      return { reason: 'a near copy of the quote whose one agreeing side of context recurs in the text' };
    if (len < FUZZY.shortQuote && wordChanged(t, best.start, best.end, quote.q)) {
      return { reason: 'a near copy of a short quote with a different word, and only one side of context' };
    }
  }
  const rival = cands.find((c) => !overlaps(c, best) && best.combined - c.combined < FUZZY.margin);
  if (rival) return { reason: 'two places match the quote and its context about equally' };
  return best;
}

/**
 * The best acceptable approximate match, or why there is none. `at`: only a match starting there
 * (± snapChars) counts — used when the text before the stored position is known to be unchanged.
 */
export function fuzzyMatch(
  t: NormalView,
  quote: Quote,
  at: number | null = null,
): { start: number; end: number; score: number } | { reason: string } {
  const len = quote.q.text.length;
  if (len < FUZZY.minLength) return { reason: 'the quote is not in the text, and is too short to look for approximately' };
  const maxErrors = Math.min(FUZZY.maxErrors, Math.floor(len * FUZZY.searchErrorRate));
  const keep = (cs: Candidate[]) => (at === null ? cs : cs.filter((c) => Math.abs(c.start - at) <= FUZZY.snapChars));
  const local = keep(windows(t, quote).flatMap(([a, b]) => searchIn(t, quote, a, b, maxErrors)));
  let chosen = decide(t, quote, local);
  if (at === null) {
    // The windows see only their own best matches: a copy of the passage elsewhere (repeated
    // blocks) shows up in the whole-text search, as the best match or as a rival of it.
    const all = searchIn(t, quote, 0, t.text.length, maxErrors);
    if (chosen === null) chosen = decide(t, quote, all);
    else if (!('reason' in chosen)) chosen = decide(t, quote, [chosen, ...all]) ?? chosen;
  }
  if (chosen === null) return { reason: 'no close enough match for the quote and its context' };
  if ('reason' in chosen) return chosen;
  const posScore = quote.hint === null ? 1 : 1 - Math.abs(chosen.start - quote.hint) / Math.max(1, t.text.length);
  return { start: chosen.start, end: chosen.end, score: overallScore(chosen.quoteSim, chosen.ctx, posScore) };
}
