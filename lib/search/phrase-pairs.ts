// The phrase side of TextIndex: each slot's sorted word-pair hashes (pair-hash.ts), so "white house" is
// two binary searches per candidate instead of a read of its body. The base's slots share two flat arrays
// as stored (the pairs null until a loaded index gets its phrase part); each slot added since has its own.
import { checkPhrasePart, type PhrasePart } from './index-serial';
import { binaryHas, pairHash, termHash } from './pair-hash';

export class PhrasePairs {
  private added: Uint32Array[] = [];

  constructor(
    /** Slots in the base (those before are covered by `pairs`, those after by `added`). */
    private readonly baseSlots = 0,
    private start: Uint32Array = new Uint32Array([0]),
    private pairs: Uint32Array | null = new Uint32Array(0),
  ) {}

  /** False while a loaded index waits for its phrase part. */
  get ready(): boolean {
    return this.pairs !== null;
  }

  /** Slots added since the base. */
  get addedCount(): number {
    return this.added.length;
  }

  /** The pairs of the next slot after the last one (sorted). */
  push(pairs: Uint32Array): void {
    this.added.push(pairs);
  }

  /** The base's pairs; throws until the phrase part is there. */
  all(): Uint32Array {
    if (!this.pairs) throw new Error('The search index has not loaded its phrase part yet');
    return this.pairs;
  }

  private of(slot: number): Uint32Array {
    return slot < this.baseSlots ? this.all().subarray(this.start[slot], this.start[slot + 1]) : this.added[slot - this.baseSlots];
  }

  /** True when every phrase (terms in order) has all its adjacent pairs in the slot. */
  has(slot: number, phrases: string[][]): boolean {
    const mine = this.of(slot);
    return phrases.every((p) => {
      for (let i = 0; i + 1 < p.length; i++) if (!binaryHas(mine, pairHash(termHash(p[i]), termHash(p[i + 1])))) return false;
      return true;
    });
  }

  /** The kept slots' pairs (slot s becomes remap[s]; -1: dropped) as a new base of `kept` slots. */
  compacted(remap: Int32Array, kept: number): PhrasePairs {
    let nPairs = 0;
    for (let s = 0; s < remap.length; s++) if (remap[s] >= 0) nPairs += this.of(s).length;
    const pairStart = new Uint32Array(kept + 1);
    const pairs = new Uint32Array(nPairs);
    let k = 0;
    for (let s = 0; s < remap.length; s++) {
      if (remap[s] < 0) continue;
      pairStart[remap[s]] = k;
      pairs.set(this.of(s), k);
      k += this.of(s).length;
    }
    pairStart[kept] = k;
    return new PhrasePairs(kept, pairStart, pairs);
  }

  /** The base as stored: where each slot's pairs start, and the pairs (throws until they are there). */
  stored(): { pairStart: Uint32Array; pairs: Uint32Array } {
    return { pairStart: this.start, pairs: this.all() };
  }

  /** Takes the phrase part saved with the base; throws when it cannot be that part. False: already there. */
  attach(p: PhrasePart): boolean {
    checkPhrasePart(p, this.baseSlots);
    if (this.pairs) return false;
    this.start = p.pairStart;
    this.pairs = p.pairs;
    return true;
  }
}
