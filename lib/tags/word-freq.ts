// English word frequencies as IDF: idf(w) = -log10(freq) = 9 - zipf (wordfreq's Zipf scale).
// The table is decoded lazily on first use so importing lib/tags costs nothing until tags are needed.
import { WORD_FREQ_FLOOR_ZIPF, WORD_FREQ_RUNS, WORD_FREQ_WORDS } from './word-freq-table';

let table: Map<string, number> | null = null;

function load(): Map<string, number> {
  if (table) return table;
  const words = WORD_FREQ_WORDS.split(' ');
  const m = new Map<string, number>();
  let w = 0;
  for (let r = 0; r < WORD_FREQ_RUNS.length; r += 2) {
    const zipf = 9 - WORD_FREQ_RUNS[r] / 100;
    for (let i = 0; i < WORD_FREQ_RUNS[r + 1]; i++) m.set(words[w++], zipf);
  }
  table = m;
  return m;
}

/** IDF for words rarer than anything in the table: a step beyond its floor. */
export const OOV_IDF = 9 - (WORD_FREQ_FLOOR_ZIPF - 1);

/** Zipf frequency of a lowercase word, or null when it is rarer than the table's floor. */
export function zipf(word: string): number | null {
  const m = load();
  // wordfreq folds curly apostrophes and writes runs of 2+ digits as zeros ("2019" -> "0000", "ps4" stays).
  const w = word.replace(/’/g, "'").replace(/[0-9]{2,}/g, (m) => '0'.repeat(m.length));
  const z = m.get(w);
  if (z !== undefined) return z;
  // Inflected forms rarer than the table's floor: fall back to the base form.
  if (w.length > 4 && w.endsWith('s') && !w.endsWith('ss')) return m.get(w.slice(0, -1)) ?? null;
  return null;
}

/** Inverse document frequency of a lowercase word (higher = rarer = more telling). */
export function idf(word: string): number {
  const z = zipf(word);
  return z === null ? OOV_IDF : 9 - z;
}
