// Builds a TextIndex from scratch (the first opening, or a rebuild) several times faster than
// `TextIndex.add` then `rebase`, and to the same index: words get numbers once, each document's term
// counts live in a typed scratch table instead of a Map, postings and phrase pairs go into flat chunked
// typed arrays (no per-document Set or array), and the sorted base is made in one counting pass at the
// end. `add` is the incremental path for the few documents that change after opening.
import { forEachTerm } from './tokenize';
import { pairHash, termHash } from './pair-hash';
import { sortU32 } from './radix-sort';
import { SITE, TAGS, TF_MASK, TITLE } from './bm25';
import { TextIndex, type IndexDoc } from './text-index';

const CHUNK = 1 << 20;
/** Work between yields of finishSteps (a mask): terms handled, and postings moved (cheaper each). */
const STEP = (1 << 13) - 1,
  BIG_STEP = (1 << 16) - 1;

/** An append-only list of unsigned 32-bit numbers in 4 MB chunks: growing never copies what is there. */
class U32List {
  private full: Uint32Array[] = [];
  private cur = new Uint32Array(CHUNK);
  private used = 0;
  length = 0;
  push(v: number): void {
    if (this.used === CHUNK) {
      this.full.push(this.cur);
      this.cur = new Uint32Array(CHUNK);
      this.used = 0;
    }
    this.cur[this.used++] = v;
    this.length++;
  }
  /** Each chunk's filled part, in order. */
  chunks(): Uint32Array[] {
    return [...this.full, this.cur.subarray(0, this.used)];
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
  private hashes = new Uint32Array(4096 + 1);
  /** Each term's characters, term id i at chars[charStart[i] .. charStart[i + 1]): compared without reaching for its string. */
  private chars = new Uint16Array(1 << 16);
  private charStart = new Uint32Array(4096 + 1);
  /**
   * Open addressing, kept at most half full: per entry the term's hash and its id + 1 (0 empty), side
   * by side so a probe reads one cache line.
   */
  private table = new Int32Array(2 << 14);
  /** Per term id, side by side: the document (+1) that last touched it, and its tf | fields << 9 there. */
  private seen = new Uint32Array(2 * (4096 + 1));
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
  private prevHash = -1;
  private nPairs = 0;
  private nBody = 0;
  private readonly onTerm = (f: string, start: number, end: number, hash: number): void => {
    const id = this.idOf(f, start, end, hash);
    this.count(id);
    if (this.bit > TITLE) return;
    if (this.bit === 0) this.nBody++;
    if (this.prevHash >= 0) {
      if (this.nPairs === this.scratch.length) this.scratch = grow(this.scratch, this.nPairs + 1, (n) => new Uint32Array(n));
      this.scratch[this.nPairs++] = pairHash(this.prevHash, hash);
    }
    this.prevHash = hash;
  };

  get size(): number {
    return this.ids.length;
  }

  /** The id of the term f.slice(start, end) whose termHash is `h`, made a string only the first time it is seen. */
  private idOf(f: string, start: number, end: number, h: number): number {
    const table = this.table;
    const mask = (table.length >> 1) - 1;
    const len = end - start;
    const hi = h | 0;
    let at = Math.imul(h, 0x9e3779b1) & mask;
    for (; ; at = (at + 1) & mask) {
      const id = table[2 * at + 1] - 1;
      if (id < 0) break;
      if (table[2 * at] !== hi) continue;
      const from = this.charStart[id];
      if (this.charStart[id + 1] - from !== len) continue;
      let k = 0;
      while (k < len && this.chars[from + k] === f.charCodeAt(start + k)) k++;
      if (k === len) return id;
    }
    const id = this.terms.length;
    this.terms.push(f.slice(start, end));
    if (id + 2 > this.charStart.length) {
      this.hashes = grow(this.hashes, id + 2, (n) => new Uint32Array(n));
      this.charStart = grow(this.charStart, id + 2, (n) => new Uint32Array(n));
      this.seen = grow(this.seen, 2 * (id + 2), (n) => new Uint32Array(n));
    }
    const from = this.charStart[id];
    if (from + len > this.chars.length) {
      const next = new Uint16Array(Math.max(from + len, this.chars.length * 2));
      next.set(this.chars);
      this.chars = next;
    }
    for (let k = 0; k < len; k++) this.chars[from + k] = f.charCodeAt(start + k);
    this.charStart[id + 1] = from + len;
    this.hashes[id] = h;
    table[2 * at] = hi;
    table[2 * at + 1] = id + 1;
    if (id * 4 > table.length) this.rehash();
    return id;
  }

  private rehash(): void {
    const table = new Int32Array(this.table.length * 2);
    const mask = (table.length >> 1) - 1;
    for (let id = 0; id < this.terms.length; id++) {
      let at = Math.imul(this.hashes[id], 0x9e3779b1) & mask;
      while (table[2 * at + 1]) at = (at + 1) & mask;
      table[2 * at] = this.hashes[id] | 0;
      table[2 * at + 1] = id + 1;
    }
    this.table = table;
  }

  /** Counts one occurrence of a term in the current document's field `this.bit` (0: the body). */
  private count(id: number): void {
    const seen = this.seen;
    if (seen[2 * id] !== this.doc) {
      seen[2 * id] = this.doc;
      seen[2 * id + 1] = 0;
      this.touched.push(id);
    }
    const v = seen[2 * id + 1];
    seen[2 * id + 1] = this.bit ? v | (this.bit << 9) : (v & TF_MASK) < TF_MASK ? v + 1 : v;
  }

  private field(text: string, bit: number): void {
    this.bit = bit;
    this.prevHash = -1;
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
      this.postVal.push(base + this.seen[2 * id + 1]);
    }
    // Sorted and unique, as TextIndex keeps them.
    const mine = sortU32(this.scratch.subarray(0, this.nPairs));
    for (let i = 0; i < mine.length; i++) if (i === 0 || mine[i] !== mine[i - 1]) this.pairs.push(mine[i]);
    this.pairStart.push(this.pairs.length);
    this.ids.push(d.id);
    this.lens.push(this.nBody);
    this.vers.push(d.ver ?? 0);
  }

  /** The finished index, in one go (the builder is spent). */
  finish(): TextIndex {
    const steps = this.finishSteps();
    for (;;) {
      const r = steps.next();
      if (r.done) return r.value;
    }
  }

  /**
   * The finished index, made a slice of at most ~`sliceMs` at a time with `pause()` between slices: at
   * 50,000 articles finishing in one go held the page's main thread for most of a second.
   */
  async finishInSlices(pause: () => Promise<void>, sliceMs: number): Promise<TextIndex> {
    const steps = this.finishSteps();
    let start = performance.now();
    for (;;) {
      const r = steps.next();
      if (r.done) return r.value;
      if (performance.now() - start >= sliceMs) {
        await pause();
        start = performance.now();
      }
    }
  }

  /** Finishing, in steps of a few ms each (a yield between them): finish and finishInSlices run it. */
  private *finishSteps(): Generator<void, TextIndex> {
    const nTerms = this.terms.length;
    // Bucketed by their first two UTF-16 units (a shorter term before any longer one), then each bucket
    // sorted on its own: the order of one sort() of all (which compares UTF-16 units), in short steps.
    const buckets = new Map<number, string[]>();
    for (let i = 0; i < nTerms; i++) {
      const t = this.terms[i];
      const key = t.charCodeAt(0) * 0x10001 + (t.length > 1 ? t.charCodeAt(1) + 1 : 0);
      const b = buckets.get(key);
      if (b) b.push(t);
      else buckets.set(key, [t]);
      if ((i & STEP) === STEP) yield;
    }
    const sorted: string[] = [];
    for (const key of [...buckets.keys()].sort((x, y) => x - y)) {
      for (const t of buckets.get(key)!.sort()) sorted.push(t);
      yield;
    }
    const rank = new Uint32Array(nTerms);
    for (let i = 0; i < nTerms; i++) {
      rank[this.idOf(sorted[i], 0, sorted[i].length, termHash(sorted[i]))] = i;
      if ((i & STEP) === STEP) yield;
    }
    this.table = new Int32Array(0);
    const postStart = new Uint32Array(nTerms + 1);
    const termChunks = this.postTerm.chunks();
    for (const c of termChunks) {
      for (let i = 0; i < c.length; i++) {
        postStart[rank[c[i]] + 1]++;
        if ((i & BIG_STEP) === BIG_STEP) yield;
      }
      yield;
    }
    for (let i = 0; i < nTerms; i++) postStart[i + 1] += postStart[i];
    const at = postStart.slice(0, nTerms);
    const postings = new Uint32Array(this.postTerm.length);
    // Documents were added in slot order, so each term's postings stay in slot order.
    const valChunks = this.postVal.chunks();
    for (let k = 0; k < valChunks.length; k++) {
      const t = termChunks[k],
        v = valChunks[k];
      for (let i = 0; i < v.length; i++) {
        postings[at[rank[t[i]]]++] = v[i];
        if ((i & BIG_STEP) === BIG_STEP) yield;
      }
      yield;
    }
    const termStart = new Uint32Array(nTerms + 1);
    for (let i = 0; i < nTerms; i++) termStart[i + 1] = termStart[i] + sorted[i].length + 1;
    const termText = nTerms ? sorted.join('\0') + '\0' : '';
    yield;
    const pairs = new Uint32Array(this.pairs.length);
    let copied = 0;
    for (const c of this.pairs.chunks())
      for (let from = 0; from < c.length; from += BIG_STEP + 1) {
        const part = c.subarray(from, from + BIG_STEP + 1);
        pairs.set(part, copied);
        copied += part.length;
        yield;
      }
    return TextIndex.fromBase({
      base: { termText, termStart, postStart, postings },
      ids: this.ids,
      lengths: this.lens,
      vers: this.vers,
      pairStart: Uint32Array.from(this.pairStart),
      pairs,
    });
  }
}
