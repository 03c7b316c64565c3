// Tag normalisation shared by publisher tags and text phrases: one key per spelling variant, and a
// display form with sensible case.
import { stemmer } from 'stemmer';

const LATIN = /^[a-z0-9]+$/;

/** Lowercased words of a tag: hyphens, slashes and underscores split, dots and apostrophes dropped. */
export function tagWords(tag: string): string[] {
  return tag
    .normalize('NFC')
    .toLowerCase()
    .replace(/[’']s\b/g, '')
    .replace(/[.'’`´]/g, '')
    .split(/[\s\-–—_/&+,]+/u)
    .filter(Boolean);
}

/** Porter stem for plain ASCII words; other scripts are left as they are. */
export function stem(word: string): string {
  return LATIN.test(word) ? stemmer(word) : word;
}

/**
 * Key that merges case and spelling variants: "E-Sports" = "esports", "U.S." = "US",
 * "Elections" = "election", "climate-change" = "Climate Change".
 */
export function tagKey(tag: string): string {
  const words = tagWords(tag);
  // "Energy & Environment" = "energy and environment"
  return (words.length > 1 ? words.filter((w) => w !== 'and') : words).map(stem).join('');
}

/** Display form: trims, collapses spaces, and turns SHOUTED multi-letter words into Title Case. */
export function displayTag(tag: string): string {
  const t = tag
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .replace(/^[\s#"'“”‘’«»]+|[\s"'“”‘’«».,;:!?]+$/g, '')
    .trim();
  const letters = t.replace(/[^\p{L}]/gu, '');
  // All caps and long words: SHOUTING, not an acronym ("CLIMATE CHANGE", but keep "NASA", "EU").
  if (letters.length > 5 && letters === letters.toUpperCase() && letters !== letters.toLowerCase() && /\p{L}{5,}/u.test(t)) {
    return t.toLowerCase().replace(/(^|[\s\-/])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
  }
  return t;
}
