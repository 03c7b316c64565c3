// Text → search terms. The same function indexes documents and parses queries, so both sides agree.
// Lower case, diacritics folded ("café" finds "cafe"), no stemming: prefix matching as you type already
// finds "bees" and "beekeeping" from "bee", and stems would break prefixes ("runn" is not a prefix of "run").
// Chinese and Japanese are written without spaces: each Han/kana character is its own term, and a
// query run of them must match as a phrase.

const WORD = /[\p{L}\p{N}]+/gu;
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc]/u;
const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc]/gu;
const MARKS = /\p{M}+/gu;
/** Longer "words" are base64, hashes or URLs: never typed as a query, only bloat the index. */
export const MAX_TERM_LENGTH = 32;

/** Lower case, compatibility-decomposed, combining marks removed. */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(MARKS, '').toLowerCase();
}

/** Terms in order of appearance (repeats kept: callers count them). */
export function tokenize(text: string): string[] {
  if (!text) return [];
  const out: string[] = [];
  for (const m of fold(text).matchAll(WORD)) {
    const w = m[0];
    if (CJK_RUN.test(w)) {
      // Split mixed runs ("gpt使用") into the Latin part and single CJK characters.
      let last = 0;
      for (const c of w.matchAll(CJK_CHAR)) {
        if (c.index! > last) push(out, w.slice(last, c.index));
        out.push(c[0]);
        last = c.index! + c[0].length;
      }
      if (last < w.length) push(out, w.slice(last));
    } else push(out, w);
  }
  return out;
}

function push(out: string[], w: string): void {
  if (w.length <= MAX_TERM_LENGTH) out.push(w);
}

export function isCjkTerm(term: string): boolean {
  return term.length === 1 && CJK_RUN.test(term);
}
