// W3C Web Annotation selectors for a highlight over an article's text (the concatenated text nodes
// of the rendered article, see dom-text.ts). The quote with its context is what re-anchors; the
// position is only a hint, since any change above the highlight moves it.

export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

/** `position` is null for imported quotes that have never been placed in the article's text. */
export interface HighlightTarget {
  quote: TextQuoteSelector;
  position: TextPositionSelector | null;
}

/** Characters of context stored on each side of the quote (Hypothesis stores 32 too). */
export const CONTEXT_CHARS = 32;

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/** Selectors for text[start, end): exact, ~32 chars of prefix/suffix, position. */
export function describeRange(text: string, start: number, end: number): HighlightTarget {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length || start >= end) {
    throw new RangeError(`describeRange: [${start}, ${end}) is not a non-empty range of a ${text.length}-character text`);
  }
  // Context never starts or ends inside a surrogate pair (a lone half would not survive JSON export).
  let pre = Math.max(0, start - CONTEXT_CHARS);
  if (pre > 0 && isLowSurrogate(text.charCodeAt(pre))) pre--;
  let post = Math.min(text.length, end + CONTEXT_CHARS);
  if (post < text.length && isHighSurrogate(text.charCodeAt(post - 1))) post++;
  return {
    quote: { type: 'TextQuoteSelector', exact: text.slice(start, end), prefix: text.slice(pre, start), suffix: text.slice(end, post) },
    position: { type: 'TextPositionSelector', start, end },
  };
}
