// The search index as stored (lib/search/text-index.ts holds it in memory): two parts, the words
// (dictionary, postings, ids, lengths, versions) that every search needs, and the phrase pairs (more
// than half the bytes) that only quoted queries need. Both are a few typed arrays and one string, so
// loading is a structured clone, not a rebuild. Reading checks every part's shape and throws on anything
// inconsistent: the caller rebuilds (the saved index is a cache). Postings stay packed on reading and
// are decoded as needed (packed-postings.ts).
import { isBase, type IndexBase } from './index-base';
import { checkPacked, packPostings, PackedPostings, type Packed } from './packed-postings';

/**
 * The format of WordPart: 4 stores each term's byte offset in the packed postings (3 did not, so it
 * could only be decoded whole). A part of any other version is refused (and the index rebuilt).
 */
export const WORD_FORMAT = 4;

/** What word search needs: the base with its postings packed (packPostings). */
export interface WordPart {
  version: typeof WORD_FORMAT;
  base: Omit<IndexBase, 'postings'> & Packed;
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
      version: WORD_FORMAT,
      base: { ...baseMeta(s.base), ...packPostings(s.base) },
      ids: Int32Array.from(s.ids),
      lengths: Uint32Array.from(s.lengths),
      vers: Float64Array.from(s.vers),
    },
    phrases: { pairStart: s.pairStart, pairs: s.pairs },
  };
}

/** What reading a word part gives: its slots, and its postings still to decode (into `base.postings`). */
export interface LoadedWords {
  base: IndexBase;
  postings: PackedPostings;
  ids: Int32Array;
  lengths: Uint32Array;
  vers: Float64Array | null;
}

/**
 * The slots of a word part, without decoding its postings or copying its arrays; throws on anything but
 * a consistent part of this format.
 */
export function readWordPart(words: WordPart): LoadedWords {
  const b = words?.base;
  const n = words?.ids?.length;
  let base: IndexBase | null = null;
  let postings: PackedPostings | null = null;
  if (words?.version === WORD_FORMAT && b?.postStart instanceof Uint32Array && b.postStart.length) {
    try {
      checkPacked(b, b.postStart);
      base = { ...baseMeta(b), postings: new Uint32Array(b.postStart[b.postStart.length - 1]) };
      postings = new PackedPostings({ packed: b.packed, byteStart: b.byteStart }, b.postStart, base.postings);
    } catch {
      /* damaged: refused below */
    }
  }
  const ok =
    isBase(base) &&
    postings &&
    words.ids instanceof Int32Array &&
    words.lengths instanceof Uint32Array &&
    words.lengths.length === n &&
    (words.vers === undefined || (words.vers instanceof Float64Array && words.vers.length === n));
  if (!ok || !base || !postings) throw new Error('Unknown or damaged search index format');
  return { base, postings, ids: words.ids, lengths: words.lengths, vers: words.vers ?? null };
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
