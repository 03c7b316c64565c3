// Postings as stored, and their decoding. Stored packed: per term, each posting's slot as the gap from
// the previous one and its low 12 bits (fields and tf), both as LEB128 varints — mostly 2–3 bytes a
// posting instead of 4, and the read time of the saved index follows its bytes. Each term's first byte
// is stored too (byteStart), so a loaded index decodes a term when a query first needs it and the rest
// in the background: decoding all ~11 M postings of 50,000 articles before search was ready took most
// of the opening's second.
import type { IndexBase } from './index-base';

/** The packed postings of a base and where each term's bytes start (one more entry than terms). */
export interface Packed {
  packed: Uint8Array;
  byteStart: Uint32Array;
}

const damaged = () => new Error('Damaged search index postings');
/** Bytes a posting takes: the gap (slots below 2^20: up to 3 bytes) and the low 12 bits (up to 2). */
const MIN_BYTES = 2,
  MAX_BYTES = 5;

export function packPostings(b: IndexBase): Packed {
  const { postings, postStart } = b;
  const terms = postStart.length - 1;
  const byteStart = new Uint32Array(terms + 1);
  let size = 0;
  const walk = (emit: (v: number) => void, onTerm: (t: number) => void) => {
    for (let t = 0; t < terms; t++) {
      onTerm(t);
      let prev = 0;
      for (let i = postStart[t]; i < postStart[t + 1]; i++) {
        const p = postings[i];
        if (p >>> 12 < prev) throw new Error('Search index postings out of slot order');
        emit((p >>> 12) - prev);
        emit(p & 4095);
        prev = p >>> 12;
      }
    }
  };
  walk(
    (v) => (size += v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x200000 ? 3 : 4),
    (t) => (byteStart[t] = size),
  );
  byteStart[terms] = size;
  const out = new Uint8Array(size);
  let k = 0;
  walk(
    (v) => {
      while (v >= 0x80) {
        out[k++] = (v & 0x7f) | 0x80;
        v >>>= 7;
      }
      out[k++] = v;
    },
    () => {},
  );
  return { packed: out, byteStart };
}

/**
 * Decodes `count` postings from bytes[from, to) into out[at, at + count); throws unless those bytes
 * hold exactly that many.
 */
function decodeRun(bytes: Uint8Array, from: number, to: number, out: Uint32Array, at: number, count: number): void {
  let k = from;
  let slot = 0;
  for (let i = at; i < at + count; i++) {
    let v = 0,
      shift = 0,
      c: number;
    do {
      if (k >= to || shift > 21) throw damaged();
      c = bytes[k++];
      v |= (c & 0x7f) << shift;
      shift += 7;
    } while (c & 0x80);
    slot += v;
    let low = 0;
    shift = 0;
    do {
      if (k >= to || shift > 7) throw damaged();
      c = bytes[k++];
      low |= (c & 0x7f) << shift;
      shift += 7;
    } while (c & 0x80);
    if (low > 4095) throw damaged();
    out[i] = (slot * 4096 + low) >>> 0;
  }
  if (k !== to) throw damaged();
}

/**
 * Checks what can be checked without decoding (offsets in order, ending at the bytes' end, each term's
 * bytes possible for its count of postings); throws otherwise. Decoding checks the rest, term by term.
 */
export function checkPacked(p: Packed, postStart: Uint32Array): void {
  const { packed, byteStart } = p;
  const ok =
    packed instanceof Uint8Array &&
    byteStart instanceof Uint32Array &&
    byteStart.length === postStart.length &&
    byteStart[0] === 0 &&
    byteStart[byteStart.length - 1] === packed.length;
  if (!ok) throw damaged();
  for (let t = 0; t + 1 < byteStart.length; t++) {
    const bytes = byteStart[t + 1] - byteStart[t];
    const n = postStart[t + 1] - postStart[t];
    if (byteStart[t + 1] < byteStart[t] || bytes < n * MIN_BYTES || bytes > n * MAX_BYTES) throw damaged();
  }
}

/** Every posting at once (tests and tools; a loaded index uses PackedPostings). */
export function unpackPostings(p: Packed, postStart: Uint32Array): Uint32Array {
  checkPacked(p, postStart);
  const out = new Uint32Array(postStart[postStart.length - 1]);
  for (let t = 0; t + 1 < postStart.length; t++)
    decodeRun(p.packed, p.byteStart[t], p.byteStart[t + 1], out, postStart[t], postStart[t + 1] - postStart[t]);
  return out;
}

/**
 * A loaded base's postings: `out` (the base's postings array) is filled a term at a time, on first use
 * (`list`) or in order by `decodeFor`. When every term is decoded the packed bytes are let go.
 */
export class PackedPostings {
  private decoded: Uint8Array;
  private next = 0;
  private left: number;

  constructor(
    private p: Packed | null,
    private postStart: Uint32Array,
    readonly out: Uint32Array,
  ) {
    this.left = postStart.length - 1;
    this.decoded = new Uint8Array(this.left);
    if (!this.left) this.p = null;
  }

  get complete(): boolean {
    return this.p === null;
  }

  /** Term `t`'s postings, decoded first if they are not yet; throws on damaged bytes. */
  list(t: number): Uint32Array {
    this.decode(t);
    return this.out.subarray(this.postStart[t], this.postStart[t + 1]);
  }

  private decode(t: number) {
    if (!this.p || this.decoded[t]) return;
    const { packed, byteStart } = this.p;
    decodeRun(packed, byteStart[t], byteStart[t + 1], this.out, this.postStart[t], this.postStart[t + 1] - this.postStart[t]);
    this.decoded[t] = 1;
    if (--this.left === 0) this.p = null;
  }

  /** Decodes terms in order until `more()` says to stop or all are; true when all are. Throws on damaged bytes. */
  decodeWhile(more: () => boolean): boolean {
    const terms = this.decoded.length;
    while (this.p && this.next < terms) {
      // A few hundred terms between clock reads: most are a handful of postings.
      const end = Math.min(terms, this.next + 256);
      for (; this.next < end; this.next++) this.decode(this.next);
      if (!more()) break;
    }
    return this.complete;
  }
}
