// What one document puts into the index: each term's posting value (field bits above the capped term
// frequency), the body's length in words, and the sorted hashes of its adjacent word pairs (phrases).
import { tokenize } from './tokenize';
import { pairHashes } from './pair-hash';
import { SITE, TAGS, TF_MASK, TITLE } from './bm25';

export interface IndexDoc {
  id: number;
  title: string;
  text: string;
  site: string;
  tags: string[];
  /** What the fields were indexed from (see TextIndex.indexedVersion); 0 or absent: unknown. */
  ver?: number;
}

export interface DocTerms {
  /** Term -> fields << 9 | min(tf, TF_MASK). */
  values: Map<string, number>;
  bodyLength: number;
  /** Sorted word-pair hashes of the title and body. */
  pairs: Uint32Array;
}

export function docTerms(doc: IndexDoc): DocTerms {
  const counts = new Map<string, number>();
  const body = tokenize(doc.text);
  for (const t of body) counts.set(t, (counts.get(t) ?? 0) + 1);
  // Field bits sit above the tf bits; a word only in the title has tf 0 and the title bit.
  for (const [t, c] of counts) if (c > TF_MASK) counts.set(t, TF_MASK);
  const title = tokenize(doc.title);
  const pairs = pairHashes(title, pairHashes(body, new Set<number>()));
  const mark = (terms: string[], bit: number) => {
    for (const t of terms) counts.set(t, (counts.get(t) ?? 0) | (bit << 9));
  };
  mark(title, TITLE);
  mark(tokenize(doc.tags.join(' ')), TAGS);
  mark(tokenize(doc.site), SITE);
  return { values: counts, bodyLength: body.length, pairs: Uint32Array.from(pairs).sort() };
}
