// Reading time from extracted text (never from HTML markup: tags, attributes and scripts are not words).
//
// Units:
// - Space-delimited scripts (Latin, Cyrillic, Greek, Arabic, Hebrew, Devanagari, ...): words.
// - Chinese and Japanese (Han, Hiragana, Katakana): characters, because they are written without
//   spaces; ~500 characters/min is the usual figure for silent reading (Firefox Reader View uses
//   255 cpm for zh and 357 for ja with large ranges; we stay at one figure the user can change).
// - Korean is written WITH spaces between eojeol (word units of ~3 syllables), so it counts as words
//   at the user's words-per-minute, not as characters: counting Hangul syllables at 500/min would
//   make Korean articles look ~1.5× longer than equally long English ones.
// - Thai, Lao, Khmer and Myanmar are written without spaces: words come from Intl.Segmenter when the
//   runtime has it, else from an average of 5 characters per word, so they never count as "0 words".
// Images add seconds like Medium: 12 s for the first, one less for each next, never below 3 s.
// The result is whole minutes and never 0.

/** Silent reading of English non-fiction averages ~238 wpm (Brysbaert 2019). */
export const DEFAULT_WPM = 238;
/** Characters per minute for Chinese/Japanese text. */
export const DEFAULT_CJK_CPM = 500;

export interface TextCounts {
  /** Words in space-delimited scripts (Korean included, see above). */
  words: number;
  /** Chinese/Japanese characters (Han, Hiragana, Katakana), read by character rather than by word. */
  cjkChars: number;
  /** Images in the article body. */
  images: number;
}

export interface ReadingSpeed {
  wpm?: number;
  cjkCpm?: number;
}

// Built on first use: a Unicode property escape costs its parse (about 0.1-0.2 ms each, cold) wherever
// the pattern is written, even in a function never called, and the tab's extraction script carries this
// file for pages whose text the detector's own count cannot read (lib/detect/count-text).
let patterns: { cjk: RegExp; unspaced: RegExp; word: RegExp } | null = null;
const countPatterns = () =>
  (patterns ??= {
    // Han ideographs, kana and the prolonged sound mark (ー, Script=Common), halfwidth katakana.
    cjk: new RegExp('[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\u30fc\\uff66-\\uff9f]', 'gu'),
    // Scripts without spaces between words that are not read by character.
    unspaced: new RegExp('[\\p{Script=Thai}\\p{Script=Lao}\\p{Script=Khmer}\\p{Script=Myanmar}]+', 'gu'),
    // A word starts with a letter or digit and may continue through marks, apostrophes, hyphens and
    // inner dots/commas of numbers ("don't", "state-of-the-art", "3.5", "1,000").
    word: new RegExp("[\\p{L}\\p{N}][\\p{L}\\p{M}\\p{N}'’_-]*(?:[.,][\\p{N}]+)*", 'gu'),
  });

type Segmenter = { segment(s: string): Iterable<{ isWordLike?: boolean }> };

function unspacedWords(run: string): number {
  const Seg = (Intl as unknown as { Segmenter?: new (l: string, o: { granularity: 'word' }) => Segmenter }).Segmenter;
  if (Seg) {
    let n = 0;
    for (const s of new Seg('th', { granularity: 'word' }).segment(run)) if (s.isWordLike) n++;
    return n;
  }
  return Math.ceil(run.length / 5);
}

/** Counts words and CJK characters in plain text (pass extracted text, not HTML). */
export function countText(text: string): { words: number; cjkChars: number } {
  if (!text) return { words: 0, cjkChars: 0 };
  const { cjk, unspaced, word } = countPatterns();
  const cjkChars = (text.match(cjk) ?? []).length;
  let words = 0;
  const rest = text.replace(cjk, ' ').replace(unspaced, (run) => {
    words += unspacedWords(run);
    return ' ';
  });
  words += (rest.match(word) ?? []).length;
  return { words, cjkChars };
}

/** Seconds the images add: 12 s, 11 s, ... down to 3 s each (Medium's rule). */
export function imageSeconds(images: number): number {
  let seconds = 0;
  for (let i = 0; i < images; i++) seconds += Math.max(3, 12 - i);
  return seconds;
}

function positive(v: number | undefined, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback;
}

/** Whole minutes, never 0. Invalid speeds (0, negative, NaN) fall back to the defaults. */
export function readingMinutes(counts: TextCounts, speed: ReadingSpeed = {}): number {
  const wpm = positive(speed.wpm, DEFAULT_WPM);
  const cpm = positive(speed.cjkCpm, DEFAULT_CJK_CPM);
  const words = Math.max(0, counts.words || 0);
  const chars = Math.max(0, counts.cjkChars || 0);
  const seconds = (words / wpm) * 60 + (chars / cpm) * 60 + imageSeconds(Math.max(0, counts.images || 0));
  return Math.max(1, Math.round(seconds / 60));
}

/** Counts as stored with an article or reported by detection (unknown CJK characters or images: 0). */
export interface StoredCounts {
  words: number;
  cjkChars?: number;
  images?: number;
}

/**
 * Every reading time shown to the user (badge, popup, library, reader) comes from here: the stored
 * counts at the user's words per minute (lib/reading-time/speed.ts keeps it in storage.local).
 */
export function minutesForSpeed(counts: StoredCounts, wpm: number): number {
  return readingMinutes({ words: counts.words, cjkChars: counts.cjkChars ?? 0, images: counts.images ?? 0 }, { wpm });
}

/** Popup/library label: "4 min", "1 h 5 min". */
export function formatMinutes(minutes: number): string {
  const m = Math.max(1, Math.round(minutes || 0));
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  const rest = m % 60;
  return rest ? `${h} h ${rest} min` : `${h} h`;
}

/** Toolbar badge text, at most 3 characters: "4m", "99m", then hours "2h" (capped at "99h"). */
export function formatBadge(minutes: number): string {
  const m = Math.max(1, Math.round(minutes || 0));
  if (m < 100) return `${m}m`;
  const h = Math.round(m / 60);
  return h < 100 ? `${h}h` : '99h';
}
