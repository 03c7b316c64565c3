// The loaded part of the search index: flat typed arrays that load as they were stored (a structured
// clone of a few ArrayBuffers and one string), with no per-term object. At 50,000 articles that is
// ~300,000 terms and ~11 M postings: a Map entry and typed-array view per term took seconds and
// tens of MB to rebuild on every opening.
//
// Terms are sorted and joined into one string (NUL-separated) with their start offsets; a term is found
// by binary search, and a prefix's expansions are the run of terms after its lower bound.

export interface IndexBase {
  /** Sorted terms, joined with "\0"; term i is text.slice(termStart[i], termStart[i + 1] - 1). */
  termText: string;
  termStart: Uint32Array;
  /** Term i owns postings[postStart[i] .. postStart[i + 1]). */
  postStart: Uint32Array;
  postings: Uint32Array;
}

/** A whole index as TextIndex.fromBase takes it: the base, per-slot fields, and the phrase pairs (null: attached later). */
export interface IndexParts {
  base: IndexBase;
  ids: number[];
  lengths: number[];
  vers: number[];
  pairStart: Uint32Array;
  pairs: Uint32Array | null;
}

export const EMPTY_BASE: IndexBase = {
  termText: '',
  termStart: new Uint32Array([0]),
  postStart: new Uint32Array([0]),
  postings: new Uint32Array(0),
};

export const termCount = (b: IndexBase): number => b.termStart.length - 1;

export function termAt(b: IndexBase, i: number): string {
  return b.termText.slice(b.termStart[i], b.termStart[i + 1] - 1);
}

/** First term index whose term is >= x. */
export function lowerBound(b: IndexBase, x: string): number {
  let lo = 0,
    hi = termCount(b);
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (termAt(b, mid) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function findTerm(b: IndexBase, t: string): number {
  const i = lowerBound(b, t);
  return i < termCount(b) && termAt(b, i) === t ? i : -1;
}

/** Builds a base from sorted terms and their posting lists. */
export function buildBase(terms: string[], lists: ArrayLike<number>[]): IndexBase {
  const termStart = new Uint32Array(terms.length + 1);
  const postStart = new Uint32Array(terms.length + 1);
  let chars = 0,
    total = 0;
  for (let i = 0; i < terms.length; i++) {
    termStart[i] = chars;
    postStart[i] = total;
    chars += terms[i].length + 1;
    total += lists[i].length;
  }
  termStart[terms.length] = chars;
  postStart[terms.length] = total;
  const postings = new Uint32Array(total);
  for (let i = 0; i < terms.length; i++) postings.set(lists[i], postStart[i]);
  return { termText: terms.length ? terms.join('\0') + '\0' : '', termStart, postStart, postings };
}

/** Checks a stored base is consistent before trusting it (a cache may be cut short or from elsewhere). */
export function isBase(b: unknown): b is IndexBase {
  const x = b as IndexBase;
  return (
    !!x &&
    typeof x.termText === 'string' &&
    x.termStart instanceof Uint32Array &&
    x.postStart instanceof Uint32Array &&
    x.postings instanceof Uint32Array &&
    x.termStart.length === x.postStart.length &&
    x.termStart[x.termStart.length - 1] === x.termText.length &&
    x.postStart[x.postStart.length - 1] === x.postings.length
  );
}

/**
 * The base with `extra` (postings added since, by term; `added`: its terms the base lacks, sorted) folded
 * in, each list remapped to the new slots (`remap[slot]`, -1: dropped). Postings hold the slot from bit 12.
 */
export function mergeBase(b: IndexBase, extra: Map<string, number[]>, added: string[], remap: Int32Array): IndexBase {
  const terms: string[] = [];
  const lists: Uint32Array[] = [];
  let size = b.postings.length;
  for (const l of extra.values()) size += l.length;
  const buf = new Uint32Array(size);
  let used = 0;
  const emit = (t: string, from: ArrayLike<number> | null, more: number[] | undefined) => {
    const start = used;
    for (const list of [from, more]) {
      if (!list) continue;
      for (let i = 0; i < list.length; i++) {
        const p = list[i];
        const r = remap[p >>> 12];
        if (r >= 0) buf[used++] = r * 4096 + (p & 4095);
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
    while (j < added.length && added[j] < t) emit(added[j], null, extra.get(added[j++]));
    emit(t, b.postings.subarray(b.postStart[i], b.postStart[i + 1]), extra.get(t));
  }
  while (j < added.length) emit(added[j], null, extra.get(added[j++]));
  return buildBase(terms, lists);
}

/** Where `x` goes in the sorted `a` (terms, or pair hashes in pair-hash.ts). */
export function lowerBoundOf<T extends string | number>(a: ArrayLike<T>, x: T): number {
  let lo = 0,
    hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function insertSorted(a: string[], x: string): void {
  a.splice(lowerBoundOf(a, x), 0, x);
}
