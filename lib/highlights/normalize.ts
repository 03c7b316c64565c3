// A comparison view of a text for anchoring: whitespace removed and typographic forms folded to
// ASCII, with a map from every view character back to the original offsets. Imported quotes
// (Omnivore, Pocket, Readwise) differ from the stored text in exactly these ways: "para.\n\nNext"
// vs "para.Next" or "para. Next", curly vs straight quotes, nbsp vs space. Dropping whitespace
// would also equate "the rapist" with "therapist", so `gaps` remembers the whitespace that was
// dropped and `wordSplitMismatches` tells a harmless difference from a different word split.

export interface NormalView {
  /** The folded text, whitespace removed. */
  text: string;
  /** starts[i] / ends[i]: the original [start, end) that view character i came from. */
  starts: Int32Array;
  ends: Int32Array;
  /** Whitespace dropped before view character i: NO_GAP, SPACE_GAP or BREAK_GAP (had a line break). */
  gaps: Uint8Array;
  /** Length of the original text. */
  length: number;
}

export const NO_GAP = 0;
export const SPACE_GAP = 1;
export const BREAK_GAP = 2;

const FOLD: Record<string, string> = {};
for (const c of '\u2018\u2019\u201a\u201b\u2032\u02bc\u00b4') FOLD[c] = "'";
for (const c of '\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb') FOLD[c] = '"';
for (const c of '\u2010\u2011\u2012\u2013\u2014\u2015\u2212') FOLD[c] = '-';
// Invisible characters that differ between extractions and exports: dropped without a gap.
const IGNORABLE = /^[\u00ad\u200b-\u200d\u2060\ufeff]$/;
const BREAK = /^[\n\r\v\f\u2028\u2029\u0085]$/;
const SPACE = /^\s$/;

/** Builds the comparison view of `s`. */
export function normalView(s: string): NormalView {
  const n = s.length;
  let out = '';
  const starts = new Int32Array(n * 3 + 1);
  const ends = new Int32Array(n * 3 + 1);
  const gaps = new Uint8Array(n * 3 + 1);
  let k = 0;
  let gap = NO_GAP;
  for (let i = 0; i < n;) {
    const code = s.charCodeAt(i);
    let unit = code >= 0xd800 && code <= 0xdbff && i + 1 < n ? 2 : 1;
    if (unit === 2 && !(s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff)) unit = 1;
    const ch = s.slice(i, i + unit);
    let folded: string;
    if (code < 128) {
      folded = code <= 32 && SPACE.test(ch) ? '' : ch;
      if (!folded) gap = code === 10 || code === 13 || code === 11 || code === 12 ? BREAK_GAP : Math.max(gap, SPACE_GAP);
    } else if (FOLD[ch]) {
      folded = FOLD[ch];
    } else if (IGNORABLE.test(ch)) {
      folded = '';
    } else if (SPACE.test(ch) || BREAK.test(ch)) {
      folded = '';
      gap = BREAK.test(ch) ? BREAK_GAP : Math.max(gap, SPACE_GAP);
    } else {
      // Compatibility forms (ellipsis, ligatures, full-width letters); spaces inside them (e.g. a
      // spacing diaeresis) are not word breaks.
      folded = ch.normalize('NFKC').replace(/\s/g, '');
    }
    for (let j = 0; j < folded.length; j++) {
      out += folded[j];
      starts[k] = i;
      ends[k] = i + unit;
      gaps[k] = j === 0 ? gap : NO_GAP;
      k++;
    }
    if (folded) gap = NO_GAP;
    i += unit;
  }
  return { text: out, starts: starts.slice(0, k), ends: ends.slice(0, k), gaps: gaps.slice(0, k), length: n };
}

/** The view index of the first view character at or after original offset `offset`. */
export function toView(view: NormalView, offset: number): number {
  let lo = 0;
  let hi = view.starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (view.starts[mid] < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The original [start, end) covered by view characters [start, end) (end > start). */
export function toOriginal(view: NormalView, start: number, end: number): { start: number; end: number } {
  return { start: view.starts[start], end: view.ends[end - 1] };
}

const isWordChar = (c: string): boolean => /[\p{L}\p{N}]/u.test(c);

/**
 * Gaps at which `a[aStart..]` and `b[bStart..]` (equal view text over `len` characters) disagree
 * on whether two letters or digits are separate words. A gap that is a line break, or that follows
 * or precedes punctuation, on either side is harmless (paragraphs glued or split by an export).
 */
export function wordSplitMismatches(a: NormalView, aStart: number, b: NormalView, bStart: number, len: number): number {
  let count = 0;
  for (let i = 1; i < len; i++) {
    const ga = a.gaps[aStart + i];
    const gb = b.gaps[bStart + i];
    if ((ga === NO_GAP) === (gb === NO_GAP)) continue;
    if (ga === BREAK_GAP || gb === BREAK_GAP) continue;
    if (isWordChar(a.text[aStart + i - 1]) && isWordChar(a.text[aStart + i])) count++;
  }
  return count;
}
