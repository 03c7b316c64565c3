// Adjacent-word-pair hashes for phrase checks (lib/search/text-index.ts): each document keeps the sorted
// 32-bit hashes of its word pairs, so "white house" is two binary searches, not a read of the body.

import { lowerBoundOf } from './index-base';

/** FNV-1a, 32 bit. */
export function termHash(t: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < t.length; i++) h = Math.imul(h ^ t.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export function pairHash(a: number, b: number): number {
  return (Math.imul(a, 0x9e3779b1) ^ b) >>> 0;
}

/** Adds the hash of every adjacent pair of `terms` to `into`. */
export function pairHashes(terms: string[], into: Set<number>): Set<number> {
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

export function binaryHas(a: Uint32Array, x: number): boolean {
  const lo = lowerBoundOf(a, x);
  return lo < a.length && a[lo] === x;
}
