// The search index as stored (lib/search/text-index.ts holds it in memory): two parts, the words
// (dictionary, postings, ids, lengths, versions) that every search needs, and the phrase pairs (more
// than half the bytes) that only quoted queries need. Both are a few typed arrays and one string, so
// loading is a structured clone, not a rebuild. Reading checks every part's shape and throws on anything
// inconsistent: the caller rebuilds (the saved index is a cache).
import { isBase, packPostings, unpackPostings, type IndexBase } from './index-base';

/** What word search needs: the base with its postings packed (packPostings). */
export interface WordPart {
  version: 3;
  base: Omit<IndexBase, 'postings'> & { packed: Uint8Array };
  ids: Int32Array;
  lengths: Uint32Array;
  /**
   * Per slot, the version of the fields the document was indexed from (IndexDoc.ver; 0: unknown).
   * Missing in indexes saved before versions existed: their documents count as unknown.
   */
  vers?: Float64Array;
}

/** Phrase data of the same slots as its WordPart. */
export interface PhrasePart {
  /** Slot i owns pairs[pairStart[i] .. pairStart[i + 1]). */
  pairStart: Uint32Array;
  pairs: Uint32Array;
}

export interface SerializedIndex {
  words: WordPart;
  phrases: PhrasePart;
}

/** An index's slots after a rebase (no dead or added ones): what both parts are written from. */
export interface IndexSlots {
  base: IndexBase;
  ids: number[];
  lengths: number[];
  vers: number[];
  pairStart: Uint32Array;
  pairs: Uint32Array;
}

const baseMeta = (b: Omit<IndexBase, 'postings'>) => ({ termText: b.termText, termStart: b.termStart, postStart: b.postStart });

export function writeParts(s: IndexSlots): SerializedIndex {
  return {
    words: {
      version: 3,
      base: { ...baseMeta(s.base), packed: packPostings(s.base) },
      ids: Int32Array.from(s.ids),
      lengths: Uint32Array.from(s.lengths),
      vers: Float64Array.from(s.vers),
    },
    phrases: { pairStart: s.pairStart, pairs: s.pairs },
  };
}

/** The slots of a word part; throws on anything but a consistent one. */
export function readWordPart(words: WordPart): Omit<IndexSlots, 'pairStart' | 'pairs'> {
  const b = words?.base;
  let base: IndexBase | null = null;
  if (words?.version === 3 && b?.packed instanceof Uint8Array && b.postStart instanceof Uint32Array && b.postStart.length) {
    try {
      base = { ...baseMeta(b), postings: unpackPostings(b.packed, b.postStart) };
    } catch {
      /* damaged: refused below */
    }
  }
  const n = words?.ids?.length;
  const ok =
    isBase(base) &&
    words.ids instanceof Int32Array &&
    words.lengths instanceof Uint32Array &&
    words.lengths.length === n &&
    (words.vers === undefined || (words.vers instanceof Float64Array && words.vers.length === n));
  if (!ok || !base) throw new Error('Unknown or damaged search index format');
  return {
    base,
    ids: Array.from(words.ids),
    lengths: Array.from(words.lengths),
    vers: words.vers ? Array.from(words.vers) : new Array<number>(n).fill(0),
  };
}

/** Throws unless `p` can be the phrase part of a word part of `slots` slots. */
export function checkPhrasePart(p: PhrasePart, slots: number): void {
  const ok =
    p?.pairStart instanceof Uint32Array &&
    p.pairs instanceof Uint32Array &&
    p.pairStart.length === slots + 1 &&
    p.pairStart[slots] === p.pairs.length;
  if (!ok) throw new Error('Damaged or mismatched search index phrase part');
}
