// Fixed train / held-out halves of the shared corpora. A page's half is the parity of the first byte
// of sha1(its name): the Zyte id, the detection id, the Readability test page's folder slug. Rules and
// weights are tuned on 'train' only; regression tests assert on 'held-out'. Deterministic, needs no
// list, and a page added later lands in a half without moving the others.
import { createHash } from 'node:crypto';

export type Half = 'train' | 'held-out';
export const HALVES: readonly Half[] = ['train', 'held-out'];

/** The half a corpus page belongs to, by the name it has in its corpus (file name without extension). */
export function halfOf(name: string): Half {
  return createHash('sha1').update(name, 'utf8').digest()[0] % 2 === 0 ? 'train' : 'held-out';
}

/** The items of one half, or all of them for 'all'. */
export function inHalf<T>(items: T[], name: (t: T) => string, half: Half | 'all'): T[] {
  return half === 'all' ? items : items.filter((t) => halfOf(name(t)) === half);
}
