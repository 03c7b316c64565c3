// In-memory inverted index over title, body text, site and tags, ranked with BM25 plus field boosts.
//
// Why in memory (see scripts/bench-library.ts for the numbers): a query must rank 50,000 articles in
// well under 50 ms while the user types; walking postings held in memory costs a few ms, the same
// lookups as IndexedDB cursors a round trip per term and expansion.
//
// Two layers. The base (index-base.ts) is flat typed arrays as stored: loading it is a structured clone
// of a few buffers, not a rebuild. Documents added since live in `extra` (plain arrays per term) and are
// folded into a new base by `rebase()` (which `serialize()` runs). A replaced or removed document's slot
// is marked dead and skipped until the next rebase drops it.
//
// Posting: slot << 12 | fields << 9 | min(tf, 511), unsigned 32 bits (4 bytes per posting in the base).
//
// Phrases: each document keeps the sorted 32-bit hashes of its adjacent word pairs. "white house" is
// then two binary searches per candidate, in memory, instead of reading candidates' bodies back.
//
// Stored in two parts: the words (dictionary, postings, ids, lengths) that every search needs, and the
// phrase pairs (more than half the bytes) that only quoted queries need. A loaded index answers word
// searches at once and takes its phrase part later (`attachPhrases`); until then `phrasesReady` is false.
import { tokenize } from './tokenize';
import {
  EMPTY_BASE,
  buildBase,
  findTerm,
  isBase,
  lowerBound,
  packPostings,
  termAt,
  termCount,
  unpackPostings,
  type IndexBase,
} from './index-base';

export interface IndexDoc {
  id: number;
  title: string;
  text: string;
  site: string;
  tags: string[];
}

const TITLE = 1,
  TAGS = 2,
  SITE = 4;
const SLOT = 4096;
const TF_MASK = 511;
const MAX_SLOTS = 2 ** 20;
const FIELD_BOOST = { [TITLE]: 2.5, [TAGS]: 2, [SITE]: 1.5 } as const;
const K1 = 1.2,
  B = 0.75;
/** Prefix expansions score below the exact word: "bee" ranks "bee" above "beer". */
const PREFIX_WEIGHT = 0.6;
export const MIN_PREFIX = 2;

export interface TermQuery {
  term: string;
  /** Also match longer words starting with `term`. */
  prefix: boolean;
}

/** What word search needs: the base with its postings packed (packPostings). */
export interface WordPart {
  version: 3;
  base: Omit<IndexBase, 'postings'> & { packed: Uint8Array };
  ids: Int32Array;
  lengths: Uint32Array;
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

export class TextIndex {
  private base: IndexBase = EMPTY_BASE;
  /** Postings added since the base was built, by term. */
  private extra = new Map<string, number[]>();
  /** Sorted terms of `extra` that the base lacks (for prefix expansion); null until needed. */
  private extraNew: string[] | null = null;
  private slotId: number[] = [];
  private slotLen: number[] = [];
  /** Slots in the base (those before are covered by basePairs, those after by newPairs). */
  private baseSlots = 0;
  /** Pair hashes: flat for the base's slots (null until a loaded index gets its phrase part), one array per slot added since. */
  private basePairStart: Uint32Array = new Uint32Array([0]);
  private basePairs: Uint32Array | null = new Uint32Array(0);
  private newPairs: Uint32Array[] = [];
  private alive: Uint8Array = new Uint8Array(1024);
  private byId = new Map<number, number>();
  private totalLen = 0;
  private dead = 0;
  /** Bumped on every change so views can re-run their query. */
  version = 0;

  get size(): number {
    return this.byId.size;
  }
  has(id: number): boolean {
    return this.byId.has(id);
  }
  ids(): IterableIterator<number> {
    return this.byId.keys();
  }
  /** False while a loaded index waits for its phrase part: `hasPhrases`, `rebase` and `serialize` need it. */
  get phrasesReady(): boolean {
    return this.basePairs !== null;
  }

  /** Adds or replaces a document. */
  add(doc: IndexDoc): void {
    this.remove(doc.id, false);
    if (this.slotId.length >= MAX_SLOTS) this.rebase();
    const slot = this.slotId.length;
    if (slot >= this.alive.length) {
      const next = new Uint8Array(this.alive.length * 2);
      next.set(this.alive);
      this.alive = next;
    }
    const counts = new Map<string, number>();
    const body = tokenize(doc.text);
    for (const t of body) counts.set(t, (counts.get(t) ?? 0) + 1);
    // Field bits sit above the tf bits; a word only in the title has tf 0 and the title bit.
    for (const [t, c] of counts) if (c > TF_MASK) counts.set(t, TF_MASK);
    const title = tokenize(doc.title);
    const pairs = pairHashes(title, pairHashes(body, new Set<number>()));
    const mark = (terms: string[], bit: number) => {
      for (const t of terms) counts.set(t, (counts.get(t) ?? 0) | (bit << 9));
    };
    mark(title, TITLE);
    mark(tokenize(doc.tags.join(' ')), TAGS);
    mark(tokenize(doc.site), SITE);
    for (const [t, v] of counts) {
      let list = this.extra.get(t);
      if (!list) {
        list = [];
        this.extra.set(t, list);
        if (this.extraNew && findTerm(this.base, t) < 0) insertSorted(this.extraNew, t);
      }
      list.push(slot * SLOT + v);
    }
    this.slotId.push(doc.id);
    this.slotLen.push(body.length);
    this.newPairs.push(Uint32Array.from(pairs).sort());
    this.alive[slot] = 1;
    this.byId.set(doc.id, slot);
    this.totalLen += body.length;
    this.version++;
  }

  remove(id: number, bump = true): void {
    const slot = this.byId.get(id);
    if (slot === undefined) return;
    this.alive[slot] = 0;
    this.byId.delete(id);
    this.totalLen -= this.slotLen[slot];
    this.dead++;
    if (bump) this.version++;
  }

  /** True when enough was added or removed since the base that folding it in pays off. */
  get stale(): boolean {
    return this.dead > 500 || this.newPairs.length > 2000;
  }

  /** Folds added documents into a new base and drops dead slots. */
  rebase(): void {
    const basePairs = this.needPhrases();
    const baseSlots = this.baseSlots;
    const remap = new Int32Array(this.slotId.length).fill(-1);
    const ids: number[] = [],
      lens: number[] = [];
    let nPairs = 0;
    const pairsOf = (s: number) =>
      s < baseSlots ? basePairs.subarray(this.basePairStart[s], this.basePairStart[s + 1]) : this.newPairs[s - baseSlots];
    for (let s = 0; s < this.slotId.length; s++) {
      if (!this.alive[s]) continue;
      remap[s] = ids.length;
      ids.push(this.slotId[s]);
      lens.push(this.slotLen[s]);
      nPairs += pairsOf(s).length;
    }
    const pairStart = new Uint32Array(ids.length + 1);
    const pairs = new Uint32Array(nPairs);
    let k = 0;
    for (let s = 0; s < this.slotId.length; s++) {
      if (remap[s] < 0) continue;
      pairStart[remap[s]] = k;
      pairs.set(pairsOf(s), k);
      k += pairsOf(s).length;
    }
    pairStart[ids.length] = k;
    // Merge the base's sorted terms with the new ones; each term's list is remapped without dead slots.
    const b = this.base;
    const added = this.extraNew ?? this.sortedExtraNew();
    const terms: string[] = [];
    const lists: Uint32Array[] = [];
    const buf = new Uint32Array(b.postings.length + [...this.extra.values()].reduce((a, l) => a + l.length, 0));
    let used = 0;
    const emit = (t: string, from: ArrayLike<number> | null, more: number[] | undefined) => {
      const start = used;
      for (const list of [from, more]) {
        if (!list) continue;
        for (let i = 0; i < list.length; i++) {
          const p = list[i];
          const r = remap[p >>> 12];
          if (r >= 0) buf[used++] = r * SLOT + (p & (SLOT - 1));
        }
      }
      if (used > start) {
        terms.push(t);
        lists.push(buf.subarray(start, used));
      }
    };
    let j = 0;
    for (let i = 0; i < termCount(b); i++) {
      const t = termAt(b, i);
      while (j < added.length && added[j] < t) emit(added[j], null, this.extra.get(added[j++]));
      emit(t, b.postings.subarray(b.postStart[i], b.postStart[i + 1]), this.extra.get(t));
    }
    while (j < added.length) emit(added[j], null, this.extra.get(added[j++]));
    this.base = buildBase(terms, lists);
    this.extra = new Map();
    this.extraNew = [];
    this.slotId = ids;
    this.slotLen = lens;
    this.baseSlots = ids.length;
    this.basePairStart = pairStart;
    this.basePairs = pairs;
    this.newPairs = [];
    this.alive = new Uint8Array(Math.max(1024, ids.length * 2));
    this.alive.fill(1, 0, ids.length);
    this.byId = new Map(ids.map((id, i) => [id, i]));
    this.dead = 0;
    this.version++;
  }

  private needPhrases(): Uint32Array {
    if (!this.basePairs) throw new Error('The search index has not loaded its phrase part yet');
    return this.basePairs;
  }

  private sortedExtraNew(): string[] {
    return (this.extraNew = [...this.extra.keys()].filter((t) => findTerm(this.base, t) < 0).sort());
  }

  /** The indexed words starting with `prefix` (the word itself included when indexed). */
  expand(prefix: string, limit = Infinity): string[] {
    const out: string[] = [];
    const b = this.base;
    for (let i = lowerBound(b, prefix); i < termCount(b) && out.length < limit; i++) {
      const t = termAt(b, i);
      if (!t.startsWith(prefix)) break;
      out.push(t);
    }
    const added = this.extraNew ?? this.sortedExtraNew();
    for (let i = lowerBoundOf(added, prefix); i < added.length && added[i].startsWith(prefix) && out.length < limit; i++)
      out.push(added[i]);
    return out;
  }

  private lists(term: string): ArrayLike<number>[] {
    const out: ArrayLike<number>[] = [];
    const i = findTerm(this.base, term);
    if (i >= 0) out.push(this.base.postings.subarray(this.base.postStart[i], this.base.postStart[i + 1]));
    const more = this.extra.get(term);
    if (more) out.push(more);
    return out;
  }

  /**
   * Documents containing every query term (exactly, or by prefix where asked), with a relevance score.
   * An empty query matches nothing: callers show the unsearched list instead.
   */
  search(query: TermQuery[]): Map<number, number> {
    const result = new Map<number, number>();
    if (!query.length) return result;
    const n = this.slotId.length;
    const live = this.byId.size || 1;
    const avgLen = this.totalLen / live || 1;
    let acc: Float64Array | null = null;
    for (const q of query) {
      const termScore = new Float64Array(n);
      const words = q.prefix && q.term.length >= MIN_PREFIX ? this.expand(q.term) : [q.term];
      const lists = words.map((w) => ({ w, lists: this.lists(w) }));
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
            if (!this.alive[s] || (acc && acc[s] === 0)) continue;
            const tf = p & TF_MASK;
            const fields = (p >>> 9) & 7;
            let sc = tf ? (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * this.slotLen[s]) / avgLen)) : 0;
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
    for (let s = 0; s < n; s++) if (acc![s] > 0 && this.alive[s]) result.set(this.slotId[s], acc![s]);
    return result;
  }

  /** True when every phrase (terms in order) occurs in the document's title or body. */
  hasPhrases(id: number, phrases: string[][]): boolean {
    const slot = this.byId.get(id);
    if (slot === undefined) return false;
    const baseSlots = this.baseSlots;
    const mine =
      slot < baseSlots
        ? this.needPhrases().subarray(this.basePairStart[slot], this.basePairStart[slot + 1])
        : this.newPairs[slot - baseSlots];
    return phrases.every((p) => {
      for (let i = 0; i + 1 < p.length; i++) if (!binaryHas(mine, pairHash(termHash(p[i]), termHash(p[i + 1])))) return false;
      return true;
    });
  }

  /** The index as a few typed arrays and one string, in its two parts (folds pending changes in first). */
  serialize(): SerializedIndex {
    if (this.dead || this.newPairs.length || this.extra.size) this.rebase();
    return {
      words: {
        version: 3,
        base: { ...baseMeta(this.base), packed: packPostings(this.base) },
        ids: Int32Array.from(this.slotId),
        lengths: Uint32Array.from(this.slotLen),
      },
      phrases: { pairStart: this.basePairStart, pairs: this.needPhrases() },
    };
  }

  /**
   * An index from its word part, answering word searches at once; its phrases come with `attachPhrases`
   * (or pass them here). Throws on anything but a consistent part (callers then rebuild).
   */
  static deserialize(words: WordPart, phrases?: PhrasePart): TextIndex {
    const b = words?.base;
    let base: IndexBase | null = null;
    if (words?.version === 3 && b?.packed instanceof Uint8Array && b.postStart instanceof Uint32Array && b.postStart.length) {
      try {
        base = { ...baseMeta(b), postings: unpackPostings(b.packed, b.postStart) };
      } catch {
        /* damaged: refused below */
      }
    }
    const ok =
      isBase(base) && words.ids instanceof Int32Array && words.lengths instanceof Uint32Array && words.lengths.length === words.ids.length;
    if (!ok || !base) throw new Error('Unknown or damaged search index format');
    const ix = new TextIndex();
    ix.base = base;
    ix.slotId = Array.from(words.ids);
    ix.slotLen = Array.from(words.lengths);
    ix.baseSlots = ix.slotId.length;
    ix.basePairs = null;
    ix.extraNew = [];
    ix.alive = new Uint8Array(Math.max(1024, ix.slotId.length * 2));
    ix.alive.fill(1, 0, ix.slotId.length);
    ix.byId = new Map(ix.slotId.map((id, i) => [id, i]));
    ix.totalLen = ix.slotLen.reduce((a, b) => a + b, 0);
    if (phrases) ix.attachPhrases(phrases);
    return ix;
  }

  /** Adds the phrase part saved with this index's word part; throws when it cannot be that part. */
  attachPhrases(p: PhrasePart): void {
    const ok =
      p?.pairStart instanceof Uint32Array &&
      p.pairs instanceof Uint32Array &&
      p.pairStart.length === this.baseSlots + 1 &&
      p.pairStart[this.baseSlots] === p.pairs.length;
    if (!ok) throw new Error('Damaged or mismatched search index phrase part');
    if (this.basePairs) return;
    this.basePairStart = p.pairStart;
    this.basePairs = p.pairs;
    this.version++;
  }
}

const baseMeta = (b: Omit<IndexBase, 'postings'>) => ({ termText: b.termText, termStart: b.termStart, postStart: b.postStart });

/** FNV-1a, 32 bit. */
function termHash(t: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < t.length; i++) h = Math.imul(h ^ t.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function pairHash(a: number, b: number): number {
  return (Math.imul(a, 0x9e3779b1) ^ b) >>> 0;
}

function pairHashes(terms: string[], into: Set<number>): Set<number> {
  let prev = -1;
  const seen = new Map<string, number>();
  for (const t of terms) {
    let h = seen.get(t);
    if (h === undefined) {
      h = termHash(t);
      seen.set(t, h);
    }
    if (prev >= 0) into.add(pairHash(prev, h));
    prev = h;
  }
  return into;
}

function binaryHas(a: Uint32Array, x: number): boolean {
  let lo = 0,
    hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo < a.length && a[lo] === x;
}

function lowerBoundOf(a: string[], x: string): number {
  let lo = 0,
    hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function insertSorted(a: string[], x: string): void {
  a.splice(lowerBoundOf(a, x), 0, x);
}
