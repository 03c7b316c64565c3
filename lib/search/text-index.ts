// In-memory inverted index over title, body text, site and tags, ranked with BM25 plus field boosts.
//
// Why in memory (see scripts/bench-library.ts for the numbers): a query must rank 10,000 articles in
// well under 50 ms while the user types. Walking postings held in memory costs a few ms; the same
// prefix lookups as IndexedDB cursors cost a round trip per term and expansion. MiniSearch would do the
// ranking, but keeps a Map entry per (term, document): ~3.5 M of them at 10k articles is over 150 MB of
// heap. Here one posting is one unboxed double in a packed array (slot * 2^16 + weight bits): ~8 bytes.
//
// Postings: slot << 16 | fields << 12 | min(tf, 4095). Slots only grow; a replaced or removed document's
// slot is marked dead and skipped, and `compact()` drops dead slots when they pile up.
//
// Phrases: each document keeps the sorted 32-bit hashes of its adjacent word pairs (~4 bytes per distinct
// pair). "white house" is then two binary searches per candidate, in memory, instead of reading every
// candidate's body back from IndexedDB (which measured 90+ ms for a hundred candidates).
import { tokenize } from './tokenize';

export interface IndexDoc {
  id: number;
  title: string;
  text: string;
  site: string;
  tags: string[];
  /** Changes whenever the indexed fields change; lets a sync skip unchanged documents. */
  fingerprint: string;
}

const TITLE = 1,
  TAGS = 2,
  SITE = 4;
const SHIFT = 65536;
const TF_MASK = 4095;
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

export interface SerializedIndex {
  version: 1;
  terms: string[];
  /** Concatenated postings; term i owns postings[offsets[i] .. offsets[i+1]). */
  offsets: Uint32Array;
  postings: Float64Array;
  ids: Int32Array;
  lengths: Uint32Array;
  fingerprints: string[];
  /** Concatenated per-slot sorted pair hashes; slot i owns pairs[pairOffsets[i] .. pairOffsets[i+1]). */
  pairOffsets: Uint32Array;
  pairs: Uint32Array;
}

export class TextIndex {
  /** Loaded lists stay views into the stored buffer until a document is added to them. */
  private postings = new Map<string, number[] | Float64Array>();
  private sorted: string[] | null = null;
  private slotId: number[] = [];
  private slotLen: number[] = [];
  private slotFp: string[] = [];
  private slotPairs: Uint32Array[] = [];
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
  fingerprint(id: number): string | undefined {
    const s = this.byId.get(id);
    return s === undefined ? undefined : this.slotFp[s];
  }
  ids(): IterableIterator<number> {
    return this.byId.keys();
  }
  get termCount(): number {
    return this.postings.size;
  }

  /** Adds or replaces a document. */
  add(doc: IndexDoc): void {
    this.remove(doc.id, false);
    const slot = this.slotId.length;
    if (slot >= this.alive.length) {
      const next = new Uint8Array(this.alive.length * 2);
      next.set(this.alive);
      this.alive = next;
    }
    const counts = new Map<string, number>();
    const body = tokenize(doc.text);
    for (const t of body) counts.set(t, (counts.get(t) ?? 0) + 1);
    const mark = (text: string, bit: number) => {
      for (const t of tokenize(text)) counts.set(t, (counts.get(t) ?? 0) | (bit << 12));
    };
    // Field bits sit above the tf bits; a word only in the title has tf 0 and the title bit.
    for (const t of counts.keys()) counts.set(t, Math.min(counts.get(t)!, TF_MASK));
    const title = tokenize(doc.title);
    const pairs = pairHashes(title, pairHashes(body, new Set<number>()));
    for (const t of title) counts.set(t, (counts.get(t) ?? 0) | (TITLE << 12));
    mark(doc.tags.join(' '), TAGS);
    mark(doc.site, SITE);
    for (const [t, v] of counts) {
      let list = this.postings.get(t);
      if (!list) {
        list = [];
        this.postings.set(t, list);
        if (this.sorted) insertSorted(this.sorted, t);
      } else if (!Array.isArray(list)) {
        list = Array.from(list);
        this.postings.set(t, list);
      }
      list.push(slot * SHIFT + v);
    }
    this.slotId.push(doc.id);
    this.slotLen.push(body.length);
    this.slotFp.push(doc.fingerprint);
    this.slotPairs.push(Uint32Array.from(pairs).sort());
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
    if (this.dead > 500 && this.dead > this.slotId.length / 4) this.compact();
  }

  /** Rewrites postings without dead slots. */
  compact(): void {
    const remap = new Int32Array(this.slotId.length).fill(-1);
    const ids: number[] = [],
      lens: number[] = [],
      fps: string[] = [],
      pairs: Uint32Array[] = [];
    for (let s = 0; s < this.slotId.length; s++) {
      if (!this.alive[s]) continue;
      remap[s] = ids.length;
      ids.push(this.slotId[s]);
      lens.push(this.slotLen[s]);
      fps.push(this.slotFp[s]);
      pairs.push(this.slotPairs[s]);
    }
    for (const [t, list] of this.postings) {
      const next: number[] = [];
      for (const p of list) {
        const s = Math.floor(p / SHIFT);
        if (remap[s] >= 0) next.push(remap[s] * SHIFT + (p - s * SHIFT));
      }
      if (next.length) this.postings.set(t, next);
      else this.postings.delete(t);
    }
    this.slotId = ids;
    this.slotLen = lens;
    this.slotFp = fps;
    this.slotPairs = pairs;
    this.alive = new Uint8Array(Math.max(1024, ids.length * 2));
    this.alive.fill(1, 0, ids.length);
    this.byId = new Map(ids.map((id, i) => [id, i]));
    this.dead = 0;
    this.sorted = null;
    this.version++;
  }

  private vocabulary(): string[] {
    return (this.sorted ??= [...this.postings.keys()].sort());
  }

  /** The indexed words starting with `prefix` (the word itself included when indexed). */
  expand(prefix: string, limit = Infinity): string[] {
    const v = this.vocabulary();
    const out: string[] = [];
    for (let i = lowerBound(v, prefix); i < v.length && v[i].startsWith(prefix) && out.length < limit; i++) out.push(v[i]);
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
      const words = q.prefix && q.term.length >= MIN_PREFIX ? this.expand(q.term) : this.postings.has(q.term) ? [q.term] : [];
      // One idf per typed word, from all its expansions: otherwise a rare longer word ("beer") would
      // outscore the exact word typed ("bee") just for being rare. Dead slots still sit in the lists
      // until compaction, so the count is capped at the live documents.
      let df = 0;
      for (const w of words) df += this.postings.get(w)!.length;
      df = Math.min(df, live);
      const idf = Math.log(1 + (live - df + 0.5) / (df + 0.5));
      for (const w of words) {
        const list = this.postings.get(w)!;
        const weight = w === q.term ? 1 : PREFIX_WEIGHT;
        for (let i = 0; i < list.length; i++) {
          const p = list[i];
          const s = Math.floor(p / SHIFT);
          if (!this.alive[s] || (acc && acc[s] === 0)) continue;
          const v = p - s * SHIFT;
          const tf = v & TF_MASK;
          const fields = v >> 12;
          let sc = tf ? (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * this.slotLen[s]) / avgLen)) : 0;
          if (fields & TITLE) sc += FIELD_BOOST[TITLE];
          if (fields & TAGS) sc += FIELD_BOOST[TAGS];
          if (fields & SITE) sc += FIELD_BOOST[SITE];
          sc *= idf * weight;
          if (sc > termScore[s]) termScore[s] = sc;
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
    const mine = this.slotPairs[slot];
    return phrases.every((p) => {
      for (let i = 0; i + 1 < p.length; i++) if (!binaryHas(mine, pairHash(termHash(p[i]), termHash(p[i + 1])))) return false;
      return true;
    });
  }

  serialize(): SerializedIndex {
    if (this.dead) this.compact();
    const terms = [...this.postings.keys()];
    const offsets = new Uint32Array(terms.length + 1);
    let total = 0;
    terms.forEach((t, i) => {
      offsets[i] = total;
      total += this.postings.get(t)!.length;
    });
    offsets[terms.length] = total;
    const postings = new Float64Array(total);
    terms.forEach((t, i) => postings.set(this.postings.get(t)!, offsets[i]));
    const pairOffsets = new Uint32Array(this.slotPairs.length + 1);
    let np = 0;
    this.slotPairs.forEach((p, i) => {
      pairOffsets[i] = np;
      np += p.length;
    });
    pairOffsets[this.slotPairs.length] = np;
    const pairs = new Uint32Array(np);
    this.slotPairs.forEach((p, i) => pairs.set(p, pairOffsets[i]));
    return {
      version: 1,
      terms,
      offsets,
      postings,
      ids: Int32Array.from(this.slotId),
      lengths: Uint32Array.from(this.slotLen),
      fingerprints: [...this.slotFp],
      pairOffsets,
      pairs,
    };
  }

  static deserialize(data: SerializedIndex): TextIndex {
    if (data?.version !== 1) throw new Error('Unknown search index format');
    const ix = new TextIndex();
    data.terms.forEach((t, i) => ix.postings.set(t, data.postings.subarray(data.offsets[i], data.offsets[i + 1])));
    ix.slotId = Array.from(data.ids);
    ix.slotLen = Array.from(data.lengths);
    ix.slotFp = [...data.fingerprints];
    ix.slotPairs = ix.slotId.map((_, i) => data.pairs.subarray(data.pairOffsets[i], data.pairOffsets[i + 1]));
    ix.alive = new Uint8Array(Math.max(1024, ix.slotId.length * 2));
    ix.alive.fill(1, 0, ix.slotId.length);
    ix.byId = new Map(ix.slotId.map((id, i) => [id, i]));
    ix.totalLen = ix.slotLen.reduce((a, b) => a + b, 0);
    return ix;
  }
}

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

function lowerBound(a: string[], x: string): number {
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
  a.splice(lowerBound(a, x), 0, x);
}
