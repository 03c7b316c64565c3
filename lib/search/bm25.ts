// BM25 ranking with field boosts over the index's postings (lib/search/text-index.ts).
//
// Posting: slot << 12 | fields << 9 | min(tf, 511), unsigned 32 bits.

export const TITLE = 1,
  TAGS = 2,
  SITE = 4;
export const TF_MASK = 511;
const FIELD_BOOST = { [TITLE]: 2.5, [TAGS]: 2, [SITE]: 1.5 } as const;
const K1 = 1.2,
  B = 0.75;
/** Prefix expansions score below the exact word: "bee" ranks "bee" above "beer". */
const PREFIX_WEIGHT = 0.6;

export interface TermQuery {
  term: string;
  /** Also match longer words starting with `term`. */
  prefix: boolean;
}

/** What ranking reads of an index. */
export interface RankView {
  slotId: ArrayLike<number>;
  slotLen: ArrayLike<number>;
  alive: Uint8Array;
  /** Live documents (at least 1). */
  live: number;
  totalLen: number;
  /** The indexed words a query term matches (itself, or its expansions). */
  words(q: TermQuery): string[];
  /** The posting lists of one word. */
  lists(w: string): ArrayLike<number>[];
}

/**
 * Documents containing every query term (exactly, or by prefix where asked), with a relevance score.
 * An empty query matches nothing: callers show the unsearched list instead.
 */
export function rankBm25(ix: RankView, query: TermQuery[]): Map<number, number> {
  const result = new Map<number, number>();
  if (!query.length) return result;
  const n = ix.slotId.length;
  const live = ix.live;
  const avgLen = ix.totalLen / live || 1;
  let acc: Float64Array | null = null;
  for (const q of query) {
    const termScore = new Float64Array(n);
    const words = ix.words(q);
    const lists = words.map((w) => ({ w, lists: ix.lists(w) }));
    // One idf per typed word, from all its expansions: otherwise a rare longer word ("beer") would
    // outscore the exact word typed ("bee") just for being rare. Dead slots still sit in the lists
    // until a rebase, so the count is capped at the live documents.
    let df = 0;
    for (const x of lists) for (const l of x.lists) df += l.length;
    df = Math.min(df, live);
    const idf = Math.log(1 + (live - df + 0.5) / (df + 0.5));
    for (const { w, lists: ls } of lists) {
      const weight = w === q.term ? 1 : PREFIX_WEIGHT;
      for (const list of ls) {
        for (let i = 0; i < list.length; i++) {
          const p = list[i];
          const s = p >>> 12;
          if (!ix.alive[s] || (acc && acc[s] === 0)) continue;
          const tf = p & TF_MASK;
          const fields = (p >>> 9) & 7;
          let sc = tf ? (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * ix.slotLen[s]) / avgLen)) : 0;
          if (fields & TITLE) sc += FIELD_BOOST[TITLE];
          if (fields & TAGS) sc += FIELD_BOOST[TAGS];
          if (fields & SITE) sc += FIELD_BOOST[SITE];
          sc *= idf * weight;
          if (sc > termScore[s]) termScore[s] = sc;
        }
      }
    }
    if (!acc) acc = termScore;
    else for (let s = 0; s < n; s++) acc[s] = termScore[s] > 0 && acc[s] > 0 ? acc[s] + termScore[s] : 0;
  }
  for (let s = 0; s < n; s++) if (acc![s] > 0 && ix.alive[s]) result.set(ix.slotId[s], acc![s]);
  return result;
}
