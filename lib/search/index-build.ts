// Builds a TextIndex from scratch (the first opening, or a rebuild) several times faster than
// `TextIndex.add` then `rebase`, and to the same index: words get numbers once, each document's term
// counts live in a typed scratch table instead of a Map, postings and phrase pairs go into flat chunked
// typed arrays (no per-document Set or array), and the sorted base is made in one counting pass at the
// end. `add` is the incremental path for the few documents that change after opening.
import { forEachTerm } from './tokenize';
import { pairHash } from './pair-hash';
import { SITE, TAGS, TF_MASK, TITLE } from './bm25';
import { TextIndex, type IndexDoc } from './text-index';

const CHUNK = 1 << 20;

/** An append-only list of unsigned 32-bit numbers in 4 MB chunks: growing never copies what is there. */
class U32List {
  private chunks: Uint32Array[] = [];
  private cur = new Uint32Array(CHUNK);
  private used = 0;
  length = 0;
  push(v: number): void {
    if (this.used === CHUNK) {
      this.chunks.push(this.cur);
      this.cur = new Uint32Array(CHUNK);
      this.used = 0;
    }
    this.cur[this.used++] = v;
    this.length++;
  }
  /** Calls `f` with each chunk's filled part, in order. */
  forEachChunk(f: (c: Uint32Array) => void): void {
    for (const c of this.chunks) f(c);
    f(this.cur.subarray(0, this.used));
  }
  toArray(): Uint32Array {
    const out = new Uint32Array(this.length);
    let k = 0;
    this.forEachChunk((c) => {
      out.set(c, k);
      k += c.length;
    });
    return out;
  }
}

const grow = <T extends Uint32Array | Int32Array>(a: T, need: number, make: (n: number) => T): T => {
  if (need <= a.length) return a;
  const next = make(Math.max(need, a.length * 2));
  next.set(a);
  return next;
};

export class IndexBuilder {
  private terms: string[] = [];
  /** termHash of each term id (pair hashes are made of them; the table below probes by them). */
  private hashes = new Uint32Array(4096);
  /** Open addressing: term id + 1 by hash, 0 empty; kept at most half full. */
  private table = new Int32Array(1 << 14);
  /** Per term id: the document (+1) that last touched it, and its tf | fields << 9 there. */
  private seenIn = new Int32Array(4096);
  private value = new Uint32Array(4096);
  private touched: number[] = [];
  private postTerm = new U32List();
  private postVal = new U32List();
  private pairs = new U32List();
  private pairStart: number[] = [0];
  private scratch = new Uint32Array(4096);
  private ids: number[] = [];
  private lens: number[] = [];
  private vers: number[] = [];
  private added = new Set<number>();
  // The document being added, for `onTerm` (one callback for every field: no closure per document).
  private doc = 0;
  private bit = 0;
  private prev = -1;
  private nPairs = 0;
  private nBody = 0;
  private readonly onTerm = (f: string, start: number, end: number): void => {
    const id = this.idOf(f, start, end);
    this.count(id);
    if (this.bit > TITLE) return;
    if (this.bit === 0) this.nBody++;
    if (this.prev >= 0) {
      if (this.nPairs === this.scratch.length) this.scratch = grow(this.scratch, this.nPairs + 1, (n) => new Uint32Array(n));
      this.scratch[this.nPairs++] = pairHash(this.hashes[this.prev], this.hashes[id]);
    }
    this.prev = id;
  };

  get size(): number {
    return this.ids.length;
  }

  /** The id of the term f.slice(start, end), made a string only the first time it is seen. */
  private idOf(f: string, start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ f.charCodeAt(i), 0x01000193);
    h >>>= 0; // termHash of the term
    const mask = this.table.length - 1;
    let at = Math.imul(h, 0x9e3779b1) >>> 0;
    for (; ; at++) {
      const id = this.table[at & mask] - 1;
      if (id < 0) break;
      const t = this.terms[id];
      if (this.hashes[id] === h && t.length === end - start && f.startsWith(t, start)) return id;
    }
    const id = this.terms.length;
    this.terms.push(f.slice(start, end));
    if (id >= this.hashes.length) {
      this.hashes = grow(this.hashes, id + 1, (n) => new Uint32Array(n));
      this.seenIn = grow(this.seenIn, id + 1, (n) => new Int32Array(n));
      this.value = grow(this.value, id + 1, (n) => new Uint32Array(n));
    }
    this.hashes[id] = h;
    this.table[at & mask] = id + 1;
    if (id * 2 > this.table.length) this.rehash();
    return id;
  }

  private rehash(): void {
    const table = new Int32Array(this.table.length * 2);
    const mask = table.length - 1;
    for (let id = 0; id < this.terms.length; id++) {
      let at = Math.imul(this.hashes[id], 0x9e3779b1) >>> 0;
      while (table[at & mask]) at++;
      table[at & mask] = id + 1;
    }
    this.table = table;
  }

  /** Counts one occurrence of a term in the current document's field `this.bit` (0: the body). */
  private count(id: number): void {
    if (this.seenIn[id] !== this.doc) {
      this.seenIn[id] = this.doc;
      this.value[id] = 0;
      this.touched.push(id);
    }
    const v = this.value[id];
    this.value[id] = this.bit ? v | (this.bit << 9) : (v & TF_MASK) < TF_MASK ? v + 1 : v;
  }

  private field(text: string, bit: number): void {
    this.bit = bit;
    this.prev = -1;
    forEachTerm(text, this.onTerm);
  }

  /** Adds a document; each id once (a rebuild reads every article once). */
  add(d: IndexDoc): void {
    if (this.added.has(d.id)) throw new Error(`Article ${d.id} was already indexed in this build`);
    this.added.add(d.id);
    const slot = this.ids.length;
    this.doc = slot + 1;
    this.touched.length = 0;
    this.nPairs = 0;
    this.nBody = 0;
    // Body first: its words are counted before the title's bits are set (as TextIndex.add does).
    this.field(d.text, 0);
    this.field(d.title, TITLE);
    this.field(d.tags.join(' '), TAGS);
    this.field(d.site, SITE);
    const base = slot * 4096;
    for (const id of this.touched) {
      this.postTerm.push(id);
      this.postVal.push(base + this.value[id]);
    }
    // Sorted and unique, as TextIndex keeps them.
    const mine = this.scratch.subarray(0, this.nPairs).sort();
    for (let i = 0; i < mine.length; i++) if (i === 0 || mine[i] !== mine[i - 1]) this.pairs.push(mine[i]);
    this.pairStart.push(this.pairs.length);
    this.ids.push(d.id);
    this.lens.push(this.nBody);
    this.vers.push(d.ver ?? 0);
  }

  /** The finished index (the builder is spent). */
  finish(): TextIndex {
    const nTerms = this.terms.length;
    const sorted = this.terms.slice().sort();
    const rank = new Uint32Array(nTerms);
    for (let i = 0; i < nTerms; i++) rank[this.idOf(sorted[i], 0, sorted[i].length)] = i;
    this.table = new Int32Array(0);
    const postStart = new Uint32Array(nTerms + 1);
    this.postTerm.forEachChunk((c) => {
      for (let i = 0; i < c.length; i++) postStart[rank[c[i]] + 1]++;
    });
    for (let i = 0; i < nTerms; i++) postStart[i + 1] += postStart[i];
    const at = postStart.slice(0, nTerms);
    const postings = new Uint32Array(this.postTerm.length);
    // Documents were added in slot order, so each term's postings stay in slot order.
    const terms: Uint32Array[] = [];
    this.postTerm.forEachChunk((c) => terms.push(c));
    let chunk = 0;
    this.postVal.forEachChunk((v) => {
      const t = terms[chunk++];
      for (let i = 0; i < v.length; i++) postings[at[rank[t[i]]]++] = v[i];
    });
    const termStart = new Uint32Array(nTerms + 1);
    for (let i = 0; i < nTerms; i++) termStart[i + 1] = termStart[i] + sorted[i].length + 1;
    return TextIndex.fromBase({
      base: { termText: nTerms ? sorted.join('\0') + '\0' : '', termStart, postStart, postings },
      ids: this.ids,
      lengths: this.lens,
      vers: this.vers,
      pairStart: Uint32Array.from(this.pairStart),
      pairs: this.pairs.toArray(),
    });
  }
}
