// Key phrases of Japanese and Chinese text, which has no spaces between words. The runtime's word
// segmenter (Intl.Segmenter: ICU dictionaries, in Chrome, Firefox ≥ 125 and Node) finds the words;
// a phrase is a run of content words: in Japanese the nouns are written in kanji and katakana while
// particles and inflections are hiragana (商標法違反 in 商品の改造が商標法違反に), in Chinese the run stops at
// function words (stopwords-iso). Each run gives its 1–3-word parts, and a longer part that holds most
// occurrences of a shorter one takes its place ("商標法違反" over "違反"), as in the English extractor.
import { SEGMENTED_STOPWORDS } from './stopwords-other-table';
import { STOPWORDS } from './stopwords';
import type { TextTag } from './text-tags';

export type SpacelessLanguage = 'ja' | 'zh';

const HAN = /\p{Script=Han}/gu;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const HANGUL = /[\uac00-\ud7a3]/g;
const LETTER = /\p{L}/gu;
/** A Japanese content word: kanji, katakana (with its long-vowel mark and middle dot), Latin, digits. */
const JA_CONTENT = /^[\p{Script=Han}\p{Script=Katakana}ー・\p{Script=Latin}\p{N}]+$/u;
const HAS_LETTER = /\p{L}/u;
const KATAKANA_WORD = /^[\p{Script=Katakana}ー]+$/u;

/** The letters of the text's start, and how many of them are Han, kana and Hangul; null below 20 letters. */
export function scriptCounts(text: string): { letters: number; han: number; kana: number; hangul: number } | null {
  const sample = text.slice(0, 4000);
  const letters = sample.match(LETTER)?.length ?? 0;
  if (letters < 20) return null;
  const count = (re: RegExp) => sample.match(re)?.length ?? 0;
  return { letters, han: count(HAN), kana: count(KANA), hangul: count(HANGUL) };
}

/** Japanese when kana are part of the text, Chinese when it is Han alone; null for other scripts. */
export function spacelessLanguage(text: string): SpacelessLanguage | null {
  const c = scriptCounts(text);
  if (!c || (c.han + c.kana) / c.letters < 0.4) return null;
  return c.kana / (c.han + c.kana) >= 0.05 ? 'ja' : 'zh';
}

/** A phrase's sightings: in the body (`count`, `first` word position) and whether the title has it. */
export interface PhraseStat {
  tag: string;
  count: number;
  first: number;
  inTitle: boolean;
}

let zhStopwords: ReadonlySet<string> | null = null;
function isContent(word: string, lang: SpacelessLanguage): boolean {
  if (!HAS_LETTER.test(word)) return false;
  // English quoted in the text: its function words end a phrase ("Kindle for PC").
  if (STOPWORDS.has(word.toLowerCase())) return false;
  if (lang === 'ja') return JA_CONTENT.test(word);
  zhStopwords ??= new Set(SEGMENTED_STOPWORDS.zh.split(' '));
  return !zhStopwords.has(word);
}

/** Marks that join two content words into one ("Wi-Fi", "IT・科学"), never at a phrase's edge. */
const JOINERS = new Set(['-', '・', '･', '‐']);

/** Runs of content words between function words and punctuation. */
function runs(text: string, lang: SpacelessLanguage): string[][] {
  const out: string[][] = [];
  let run: string[] = [];
  let joiner = '';
  const end = () => {
    if (run.length) out.push(run);
    run = [];
    joiner = '';
  };
  for (const s of new Intl.Segmenter(lang, { granularity: 'word' }).segment(text)) {
    if (s.isWordLike && isContent(s.segment, lang)) {
      // Katakana loanwords are split where the dictionary lacks them (フ|ォルクスワーゲン): a katakana
      // run is one word.
      if (joiner || (run.length && KATAKANA_WORD.test(s.segment) && KATAKANA_WORD.test(run[run.length - 1])))
        run[run.length - 1] += joiner + s.segment;
      else run.push(s.segment);
      joiner = '';
    } else if (run.length && !joiner && JOINERS.has(s.segment)) joiner = s.segment;
    else end();
  }
  end();
  return out;
}

/** A phrase is worth showing: two characters at least, not a number, not one Latin letter. */
function plausible(tag: string): boolean {
  return [...tag].length >= 2 && HAS_LETTER.test(tag) && !/^\p{Script=Latin}$/u.test(tag);
}

function collect(title: string, text: string, lang: SpacelessLanguage): { stats: Map<string, PhraseStat>; total: number } {
  const stats = new Map<string, PhraseStat>();
  const add = (parts: string[], pos: number, inTitle: boolean) => {
    for (let n = 1; n <= 3; n++)
      for (let i = 0; i + n <= parts.length; i++) {
        const tag = parts.slice(i, i + n).join('');
        if (!plausible(tag)) continue;
        let s = stats.get(tag);
        if (!s) stats.set(tag, (s = { tag, count: 0, first: pos + i, inTitle: false }));
        if (inTitle) s.inTitle = true;
        else if (!s.count++) s.first = pos + i;
      }
  };
  for (const r of runs(title, lang)) add(r, 0, true);
  let pos = 0;
  for (const r of runs(text, lang)) {
    add(r, pos, false);
    pos += r.length;
  }
  return { stats, total: pos };
}

/**
 * Ranked key phrases of Japanese or Chinese text (best first). Only phrases seen twice in the body, or
 * in the title and the body, are returned: without a part-of-speech lexicon one sighting says little.
 */
export function spacelessTextTags(title: string, text: string, lang: SpacelessLanguage, limit = 30): TextTag[] {
  // Firefox before 125 has no segmenter: no text tags rather than characters taken for words.
  if (typeof Intl.Segmenter !== 'function') return [];
  const { stats, total } = collect(title, text, lang);
  return rankPhraseStats(stats, total, limit);
}

/**
 * Phrases ranked by sightings (the title's count double), an early first sighting and length, a part
 * seldom seen outside a longer kept phrase folded into it. Shared with Korean (korean-tags.ts).
 */
export function rankPhraseStats(stats: Map<string, PhraseStat>, total: number, limit = 30): TextTag[] {
  if (!total) return [];
  const scored: { s: PhraseStat; score: number }[] = [];
  for (const s of stats.values()) {
    if (s.count < 2 && !(s.inTitle && s.count >= 1)) continue;
    const opening = 1 + 0.5 * Math.max(0, 1 - s.first / (0.2 * total));
    // Longer compounds name the subject more precisely (商標法違反 vs 違反): weigh by length, gently.
    const length = Math.min(2, Math.sqrt([...s.tag].length / 2));
    scored.push({ s, score: (s.count + (s.inTitle ? 2 : 0)) ** 0.8 * opening * length * (s.inTitle ? 1.5 : 1) });
  }
  scored.sort((a, b) => b.score - a.score || a.s.first - b.s.first);
  const kept: { s: PhraseStat; score: number }[] = [];
  for (const c of scored) {
    let placed = false;
    for (let i = 0; i < kept.length; i++) {
      const k = kept[i];
      // A part seldom seen outside a kept longer phrase adds nothing; a longer phrase holding most of
      // a kept part's occurrences takes its rank.
      if (k.s.tag.includes(c.s.tag) && c.s.count - k.s.count < Math.max(1, 0.34 * c.s.count)) placed = true;
      else if (c.s.tag.includes(k.s.tag) && k.s.count - c.s.count < Math.max(1, 0.34 * k.s.count)) {
        kept[i] = { s: c.s, score: k.score };
        placed = true;
      }
      if (placed) break;
    }
    if (!placed) kept.push(c);
    if (kept.length >= limit) break;
  }
  const seen = new Set<string>();
  const out: TextTag[] = [];
  for (const { s, score } of kept)
    if (!seen.has(s.tag)) {
      seen.add(s.tag);
      out.push({ tag: s.tag, score, key: s.tag.toLowerCase(), count: s.count, nameMidSentence: false });
    }
  return out;
}
