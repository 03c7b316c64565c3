// Readability's `_textSimilarity`, shared by JSON-LD title choice and the headline rule of titles.
import { NOT_LETTER_OR_DIGIT } from './letter-class';

let SPLIT: RegExp | null = null;
/** Share of b's words (by length) that are also in a (Readability's `_textSimilarity`). */
export function similarity(a: string, b: string): number {
  const words = (s: string) =>
    s
      .toLowerCase()
      .split((SPLIT ??= new RegExp(`${NOT_LETTER_OR_DIGIT}+`)))
      .filter(Boolean);
  const ta = new Set(words(a)),
    tb = words(b);
  if (!tb.length) return 0;
  const extra = tb.filter((w) => !ta.has(w)).join(' ');
  return 1 - extra.length / tb.join(' ').length;
}
