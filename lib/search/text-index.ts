// In-memory inverted index over title, body text, site and tags, ranked with BM25 plus field boosts.
//
// In memory: a query must rank 50,000 articles in well under 50 ms as the user types (scripts/bench-library.ts);
// IndexedDB cursors would cost a round trip per term and expansion.
//
// Two layers. The base (index-base.ts) is flat typed arrays as stored: loading it is a structured clone
// of a few buffers, not a rebuild. Documents added since live in `extra` (plain arrays per term) and are
// folded into a new base by `rebase()` (which `serialize()` runs). A replaced or removed document's slot
// is marked dead and skipped until the next rebase drops it.
//
// Posting: slot << 12 | fields << 9 | min(tf, 511), unsigned 32 bits (4 bytes per posting in the base).
//
// Phrases: each document keeps the sorted 32-bit hashes of its adjacent word pairs (phrase-pairs.ts).
// "white house" is then two binary searches per candidate, in memory, instead of reading bodies back.
// What a document adds (terms, field bits, pairs) is worked out by doc-terms.ts.
//
// Stored in two parts (index-serial.ts): words, which every search needs, and phrase pairs, which a loaded
// index takes later (`attachPhrases`; until then `phrasesReady` is false). A loaded index's postings stay
// packed until a query needs a term or `decodeFor` (run by IndexSync in slices after ready) reaches it.
// A fresh build: index-build.ts.
//
// Each document keeps the version it was indexed from (IndexDoc.ver), so a sync can skip articles whose
// indexed fields did not change.
import { EMPTY_BASE, findTerm, insertSorted, lowerBound, lowerBoundOf, mergeBase, termAt, termCount, type IndexBase } from './index-base';
import type { IndexParts } from './index-base';
import { readWordPart, writeParts, type PhrasePart, type SerializedIndex, type WordPart } from './index-serial';
import type { PackedPostings } from './packed-postings';
import { rankBm25, type TermQuery } from './bm25';
import { docTerms, type IndexDoc } from './doc-terms';
import { PhrasePairs } from './phrase-pairs';

export type { PhrasePart, SerializedIndex, WordPart } from './index-serial';
export type { TermQuery } from './bm25';
export type { IndexDoc } from './doc-terms';

const SLOT = 4096;
const MAX_SLOTS = 2 ** 20;
export const MIN_PREFIX = 2;

export class TextIndex {
  private base: IndexBase = EMPTY_BASE;
  /** A loaded base's postings not all decoded yet (null once they are). */
  private packed: PackedPostings | null = null;
  /** A term's packed postings failed to decode: the index must be rebuilt (IndexSync checks). */
  damaged = false;
  /** Postings added since the base was built, by term. */
  private extra = new Map<string, number[]>();
  /** Sorted terms of `extra` that the base lacks (for prefix expansion); null until needed. */
  private extraNew: string[] | null = null;
  private slotId: number[] = [];
  private slotLen: number[] = [];
  private slotVer: number[] = [];
  private phrases = new PhrasePairs();
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
  /** The version a document was indexed from (0: unknown); undefined when it is not indexed. */
  indexedVersion(id: number): number | undefined {
    const slot = this.byId.get(id);
    return slot === undefined ? undefined : this.slotVer[slot];
  }
  /** False while a loaded index waits for its phrase part: `hasPhrases`, `rebase` and `serialize` need it. */
  get phrasesReady(): boolean {
    return this.phrases.ready;
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
    const { values, bodyLength, pairs } = docTerms(doc);
    for (const [t, v] of values) {
      let list = this.extra.get(t);
      if (!list) {
        list = [];
        this.extra.set(t, list);
        if (this.extraNew && findTerm(this.base, t) < 0) insertSorted(this.extraNew, t);
      }
      list.push(slot * SLOT + v);
    }
    this.slotId.push(doc.id);
    this.slotLen.push(bodyLength);
    this.slotVer.push(doc.ver ?? 0);
    this.phrases.push(pairs);
    this.alive[slot] = 1;
    this.byId.set(doc.id, slot);
    this.totalLen += bodyLength;
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
    return this.dead > 500 || this.phrases.addedCount > 2000;
  }

  /** Folds added documents into a new base and drops dead slots. */
  rebase(): void {
    this.phrases.all(); // throws, changing nothing, until the phrase part is there
    this.decodeFor(() => true);
    const remap = new Int32Array(this.slotId.length).fill(-1);
    const ids: number[] = [],
      lens: number[] = [],
      vers: number[] = [];
    for (let s = 0; s < this.slotId.length; s++) {
      if (!this.alive[s]) continue;
      remap[s] = ids.length;
      ids.push(this.slotId[s]);
      lens.push(this.slotLen[s]);
      vers.push(this.slotVer[s]);
    }
    const phrases = this.phrases.compacted(remap, ids.length);
    this.base = mergeBase(this.base, this.extra, this.extraNew ?? this.sortedExtraNew(), remap);
    this.extra = new Map();
    this.extraNew = [];
    this.slotId = ids;
    this.slotLen = lens;
    this.slotVer = vers;
    this.phrases = phrases;
    this.alive = new Uint8Array(Math.max(1024, ids.length * 2));
    this.alive.fill(1, 0, ids.length);
    this.byId = new Map(ids.map((id, i) => [id, i]));
    this.dead = 0;
    this.version++;
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

  /**
   * Decodes packed postings (of a loaded index) in term order while `more()` says so; true when all
   * are. Throws on damaged postings (the index must then be rebuilt).
   */
  decodeFor(more: () => boolean): boolean {
    if (this.packed?.decodeWhile(more) === false) return false;
    this.packed = null;
    return true;
  }

  private lists(term: string): ArrayLike<number>[] {
    const out: ArrayLike<number>[] = [];
    const i = findTerm(this.base, term);
    if (i >= 0 && this.packed) {
      try {
        out.push(this.packed.list(i));
      } catch {
        this.damaged = true;
      }
    } else if (i >= 0) out.push(this.base.postings.subarray(this.base.postStart[i], this.base.postStart[i + 1]));
    const more = this.extra.get(term);
    if (more) out.push(more);
    return out;
  }

  /**
   * Documents containing every query term (exactly, or by prefix where asked), with a relevance score.
   * An empty query matches nothing: callers show the unsearched list instead.
   */
  search(query: TermQuery[]): Map<number, number> {
    return rankBm25(
      {
        slotId: this.slotId,
        slotLen: this.slotLen,
        alive: this.alive,
        live: this.byId.size || 1,
        totalLen: this.totalLen,
        words: (q) => (q.prefix && q.term.length >= MIN_PREFIX ? this.expand(q.term) : [q.term]),
        lists: (w) => this.lists(w),
      },
      query,
    );
  }

  /** True when every phrase (terms in order) occurs in the document's title or body. */
  hasPhrases(id: number, phrases: string[][]): boolean {
    const slot = this.byId.get(id);
    return slot !== undefined && this.phrases.has(slot, phrases);
  }

  /** The index in its two parts (folds pending changes in first). */
  serialize(): SerializedIndex {
    if (this.dead || this.phrases.addedCount || this.extra.size) this.rebase();
    this.decodeFor(() => true);
    return writeParts({
      base: this.base,
      ids: this.slotId,
      lengths: this.slotLen,
      vers: this.slotVer,
      ...this.phrases.stored(),
    });
  }

  /** An index from its word part; phrases come with `attachPhrases` (or here). Throws unless consistent (callers rebuild). */
  static deserialize(words: WordPart, phrases?: PhrasePart): TextIndex {
    const s = readWordPart(words);
    const ix = TextIndex.fromBase({
      base: s.base,
      ids: Array.from(s.ids),
      lengths: Array.from(s.lengths),
      vers: s.vers ? Array.from(s.vers) : new Array<number>(s.ids.length).fill(0),
      pairStart: new Uint32Array([0]),
      pairs: null,
    });
    ix.packed = s.postings;
    if (phrases) ix.attachPhrases(phrases);
    return ix;
  }

  /** An index over a complete base (from a saved word part, or built by index-build.ts); pairs null: attached later. */
  static fromBase(p: IndexParts): TextIndex {
    const ix = new TextIndex();
    ix.base = p.base;
    ix.slotId = p.ids;
    ix.slotLen = p.lengths;
    ix.slotVer = p.vers;
    ix.phrases = new PhrasePairs(ix.slotId.length, p.pairStart, p.pairs);
    ix.extraNew = [];
    ix.alive = new Uint8Array(Math.max(1024, ix.slotId.length * 2));
    ix.alive.fill(1, 0, ix.slotId.length);
    ix.byId = new Map(ix.slotId.map((id, i) => [id, i]));
    ix.totalLen = ix.slotLen.reduce((a, b) => a + b, 0);
    return ix;
  }

  /** Adds the phrase part saved with this index's word part; throws when it cannot be that part. */
  attachPhrases(p: PhrasePart): void {
    if (this.phrases.attach(p)) this.version++;
  }
}
