// Text → search terms. The same function indexes documents and parses queries, so both sides agree.
// Lower case, diacritics folded ("café" finds "cafe"), no stemming: prefix matching as you type already
// finds "bees" and "beekeeping" from "bee", and stems would break prefixes ("runn" is not a prefix of "run").
// Chinese and Japanese are written without spaces: each Han/kana character is its own term, and a
// query run of them must match as a phrase.
//
// A character loop with a per-character class table instead of a Unicode-property regex, and no NFKD
// pass over text whose only non-ASCII characters fold to themselves (quotes, dashes): tokenizing is a
// large part of the first index build (35 M words at 50,000 articles).

const MARKS = /\p{M}+/gu;
const NON_ASCII = /[^\x00-\x7f]/;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc]/u;
/** Longer "words" are base64, hashes or URLs: never typed as a query, only bloat the index. */
export const MAX_TERM_LENGTH = 32;

/** FNV-1a, as pair-hash.ts termHash. */
const FNV_BASIS = 0x811c9dc5,
  FNV_PRIME = 0x01000193;
const SEP = 0,
  WORD = 1,
  CJK = 2;
/** Class + 1 of each BMP character once seen (0: not yet); astral ones in a Map. */
const bmpClass = new Uint8Array(0x10000);
const astral = new Map<number, number>();
function classOf(cp: number): number {
  if (cp < 128) return (cp >= 97 && cp <= 122) || (cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) ? WORD : SEP;
  if (cp < 0x10000 && bmpClass[cp]) return bmpClass[cp] - 1;
  let c = astral.get(cp);
  if (c === undefined) {
    const ch = String.fromCodePoint(cp);
    c = CJK_CHAR.test(ch) ? CJK : WORD_CHAR.test(ch) ? WORD : SEP;
    if (cp < 0x10000) bmpClass[cp] = c + 1;
    else astral.set(cp, c);
  }
  return c;
}

/** Per BMP character: 1 when NFKD leaves it as it is and it is no combining mark, 2 when folding changes it. */
const foldSafe = new Uint8Array(0x10000);
/** True when folding would change more than the case: most non-ASCII text (curly quotes, dashes) needs no NFKD pass. */
function needsNormalize(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const cp = text.charCodeAt(i);
    if (cp < 128) continue;
    if (cp >= 0xd800 && cp <= 0xdfff) return true;
    let k = foldSafe[cp];
    if (!k) {
      const ch = String.fromCharCode(cp);
      k = foldSafe[cp] = ch.normalize('NFKD') === ch && !/\p{M}/u.test(ch) ? 1 : 2;
    }
    if (k === 2) return true;
  }
  return false;
}

/** Lower case, compatibility-decomposed, combining marks removed. */
export function fold(text: string): string {
  return (NON_ASCII.test(text) && needsNormalize(text) ? text.normalize('NFKD').replace(MARKS, '') : text).toLowerCase();
}

/** Terms in order of appearance (repeats kept: callers count them). */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  forEachTerm(text, (f, start, end) => out.push(f.slice(start, end)));
  return out;
}

/**
 * Calls `each(f, start, end, hash)` for every term of `text` in order, where `f` is the folded text, the
 * term is f.slice(start, end) and `hash` its termHash (pair-hash.ts), made while scanning: the index
 * builder (index-build.ts) looks terms up without making a string of each one or reading its characters
 * again.
 */
export function forEachTerm(text: string, each: (f: string, start: number, end: number, hash: number) => void): void {
  if (!text) return;
  const f = fold(text);
  const n = f.length;
  let start = -1;
  let h = 0;
  for (let i = 0; i < n; i++) {
    let cp = f.charCodeAt(i);
    if (cp < 128) {
      // ASCII: letters (folded to lower case) and digits make words, the rest separates them.
      if ((cp >= 97 && cp <= 122) || (cp >= 48 && cp <= 57)) {
        if (start < 0) {
          start = i;
          h = FNV_BASIS;
        }
        h = Math.imul(h ^ cp, FNV_PRIME);
      } else if (start >= 0) {
        if (i - start <= MAX_TERM_LENGTH) each(f, start, i, h >>> 0);
        start = -1;
      }
      continue;
    }
    let wide = 1;
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < n) {
      cp = f.codePointAt(i)!;
      wide = 2;
    }
    const c = classOf(cp);
    if (c === WORD) {
      if (start < 0) {
        start = i;
        h = FNV_BASIS;
      }
      h = Math.imul(h ^ f.charCodeAt(i), FNV_PRIME);
      if (wide === 2) h = Math.imul(h ^ f.charCodeAt(i + 1), FNV_PRIME);
    } else {
      if (start >= 0) {
        if (i - start <= MAX_TERM_LENGTH) each(f, start, i, h >>> 0);
        start = -1;
      }
      if (c === CJK) {
        let k = Math.imul(FNV_BASIS ^ f.charCodeAt(i), FNV_PRIME);
        if (wide === 2) k = Math.imul(k ^ f.charCodeAt(i + 1), FNV_PRIME);
        each(f, i, i + wide, k >>> 0);
      }
    }
    i += wide - 1;
  }
  if (start >= 0 && n - start <= MAX_TERM_LENGTH) each(f, start, n, h >>> 0);
}

export function isCjkTerm(term: string): boolean {
  const cp = term.codePointAt(0);
  return cp !== undefined && term.length <= 2 && classOf(cp) === CJK;
}
