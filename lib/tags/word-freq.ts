// English word frequencies as IDF: idf(w) = -log10(freq) = 9 - zipf (wordfreq's Zipf scale).
// The table is decoded lazily on first use so importing lib/tags costs nothing until tags are needed.
import { WORD_FREQ_FLOOR_ZIPF, WORD_FREQ_RUNS, WORD_FREQ_WORDS } from './word-freq-table';

interface Table {
  rank: Map<string, number>;
  zipf: Float32Array;
}
let table: Table | null = null;

function load(): Table {
  if (table) return table;
  const words = WORD_FREQ_WORDS.split(' ');
  const rank = new Map<string, number>();
  const zipfs = new Float32Array(words.length);
  let w = 0;
  for (let r = 0; r < WORD_FREQ_RUNS.length; r += 2) {
    const zipf = 9 - WORD_FREQ_RUNS[r] / 100;
    for (let i = 0; i < WORD_FREQ_RUNS[r + 1]; i++) {
      rank.set(words[w], w);
      zipfs[w++] = zipf;
    }
  }
  table = { rank, zipf: zipfs };
  return table;
}

/** IDF for words rarer than anything in the table: a step beyond its floor. */
export const OOV_IDF = 9 - (WORD_FREQ_FLOOR_ZIPF - 1);

// wordfreq folds curly apostrophes and writes runs of 2+ digits as zeros ("2019" -> "0000", "ps4" stays).
const tableForm = (word: string) => word.replace(/’/g, "'").replace(/[0-9]{2,}/g, (m) => '0'.repeat(m.length));

/** Position of a lowercase word in the table (0 = commonest), or -1 when it is not there. */
export function wordRank(word: string): number {
  return load().rank.get(tableForm(word)) ?? -1;
}

/** Zipf frequency of a lowercase word, or null when it is rarer than the table's floor. */
export function zipf(word: string): number | null {
  const t = load();
  const w = tableForm(word);
  const i = t.rank.get(w);
  if (i !== undefined) return Math.round(t.zipf[i] * 100) / 100;
  // Inflected forms rarer than the table's floor: fall back to the base form.
  if (w.length > 4 && w.endsWith('s') && !w.endsWith('ss')) {
    const j = t.rank.get(w.slice(0, -1));
    return j === undefined ? null : Math.round(t.zipf[j] * 100) / 100;
  }
  return null;
}

/** Inverse document frequency of a lowercase word (higher = rarer = more telling). */
export function idf(word: string): number {
  const z = zipf(word);
  return z === null ? OOV_IDF : 9 - z;
}
