// Fixed train / held-out halves of the shared corpora. A page's half is the parity of the first byte
// of sha1(its name): the Readability test page's folder slug, the Zyte id, the detection id. A page
// found under several names (page-twins.ts: Readability's pages among the detection pages, detection
// pages that are Zyte pages, one article Readability saved twice) takes the name of its first copy in
// that order, so all its copies land in one half. Rules and weights are tuned on 'train' only;
// regression tests assert on 'held-out'. Deterministic, needs no list; a page added later lands in a
// half without moving the others (unless it is an earlier corpus' copy of one).
import { createHash } from 'node:crypto';
import { canonicalName, type Corpus } from './page-twins';

export type Half = 'train' | 'held-out';
export const HALVES: readonly Half[] = ['train', 'held-out'];

/** The half a name hashes to (a page's half is that of its canonical name: pageHalf). */
export function halfOf(name: string): Half {
  return createHash('sha1').update(name, 'utf8').digest()[0] % 2 === 0 ? 'train' : 'held-out';
}

/** The half of a corpus page: the Zyte id, the detection id, the Readability slug, or its twin's. */
export const pageHalf = (corpus: Corpus, name: string): Half => halfOf(canonicalName(corpus, name));
