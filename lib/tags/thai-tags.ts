// Key phrases of Thai text, which has no spaces between words (a space ends a clause). The runtime's
// word segmenter (Intl.Segmenter, ICU's Thai dictionary) finds words, but splits compounds and names
// into their parts (ผู้|สื่อ|ข่าว "reporter", สุร|ชัย a name): a phrase is a run of content words between
// function words (stopwords-iso), spaces and punctuation, and a phrase is up to four words of a run
// starting with a noun (Thai puts the head noun first: ประเทศ|เพื่อน|บ้าน). Verbs are content words too,
// so a word counts as a noun only on evidence: somewhere the text writes it right after a word that only
// precedes nouns (ของ "of", ใน "in", จาก "from", นาย "Mr" …) or right before one that only follows them
// (นี้ "this", ดังกล่าว "the said"), or it is made a noun by its prefix (การเมือง, ความมั่นคง,
// นักเคลื่อนไหว, ผู้ลี้ภัย); a phrase never ends with a word the text shows as a verb (after "will",
// "not" …, or before "that": ยืนยันว่า "confirmed that"). A phrase always preceded or always followed by
// the same word is part of a longer one and left out. Ranked like Japanese and Chinese (rankPhraseStats). Lao, Khmer and Burmese, with no
// function-word list here, get no text tags.
import { rankPhraseStats, type PhraseStat } from './spaceless-tags';
import { SEGMENTED_STOPWORDS } from './stopwords-other-table';
import { STOPWORDS } from './stopwords';
import type { TextTag } from './text-tags';

const THAI = /\p{Script=Thai}/gu;
const LETTER = /\p{L}/gu;

/** Thai when Thai letters are at least 40 % of the letters of the text's start (20 letters at least). */
export function isThaiText(text: string): boolean {
  const sample = text.slice(0, 4000);
  const letters = sample.match(LETTER)?.length ?? 0;
  return letters >= 20 && (sample.match(THAI)?.length ?? 0) / letters >= 0.4;
}

/** Prefixes that make a noun of the word after them; in stopwords-iso's list, but never a tag's end. */
const NOUN_PREFIXES = new Set(['การ', 'ความ', 'นัก', 'ผู้', 'ชาว']);
/** Words only nouns follow: prepositions, quantifiers, titles of persons (not ต่อ "to": ต่อ|เนื่อง "continuous"). */
const BEFORE_NOUN = new Set('ของ ใน จาก กับ แก่ สำหรับ ระหว่าง เกี่ยวกับ ภายใน ภายใต้ บน ทุก หลาย บาง แต่ละ นาย นาง นางสาว'.split(' '));
/** Words that only follow nouns: demonstratives. */
const AFTER_NOUN = new Set('นี้ นั้น ดังกล่าว'.split(' '));
/** Auxiliaries only verbs follow ("will", "not", "must", passive "ถูก"). */
const BEFORE_VERB = new Set('จะ ได้ ไม่ ต้อง กำลัง เคย ควร อาจ ถูก'.split(' '));
/** Words only verbs precede: "that" after a verb of saying, directions and aspect ("go", "up", "already"). */
const AFTER_VERB = new Set('ว่า ไป มา ขึ้น ลง แล้ว อยู่'.split(' '));
/** Nouns too general to be tags (they start no phrase): time, people, news and its credits ("reporter"). */
const GENERAL = new Set('เวลา วันที่ ปี เดือน สัปดาห์ คน เรื่อง ข่าว สิ่ง ครั้ง ส่วน พื้นที่ เรา เขา ท่าน ผู้สื่อข่าว นักข่าว'.split(' '));
const LATIN = /^[\p{Script=Latin}\p{N}.]*\p{Lu}[\p{Script=Latin}\p{N}.]*$/u;

let thaiStopwords: ReadonlySet<string> | null = null;
function isFunctionWord(w: string): boolean {
  thaiStopwords ??= new Set(SEGMENTED_STOPWORDS.th.split(' ').filter((s) => !NOUN_PREFIXES.has(s)));
  return thaiStopwords.has(w) || BEFORE_NOUN.has(w) || AFTER_NOUN.has(w);
}

interface Run {
  words: string[];
  /** The word before the run (function word or '' after a space or punctuation), and the one after it. */
  before: string;
  after: string;
}

/** Runs of Thai content words; a Latin name or acronym (DNA, PM2.5) is a run of its own. */
function runs(text: string): Run[] {
  const out: Run[] = [];
  let run: Run | null = null;
  let prev = '';
  const end = (next: string) => {
    if (run) out.push({ ...run, after: next });
    run = null;
  };
  for (const s of new Intl.Segmenter('th', { granularity: 'word' }).segment(text)) {
    const w = s.segment;
    if (s.isWordLike && /\p{Script=Thai}/u.test(w) && !isFunctionWord(w)) {
      run ??= { words: [], before: prev, after: '' };
      run.words.push(w);
    } else {
      end(s.isWordLike ? w : '');
      if (s.isWordLike && LATIN.test(w) && /\p{L}.*[\p{L}\p{N}]/u.test(w) && !STOPWORDS.has(w.toLowerCase()))
        out.push({ words: [w], before: '', after: '' });
    }
    // Quotes and spaces between a preposition and a name ("ของ 'ภูชนะ'") keep the preposition.
    if (s.isWordLike) prev = w;
    else if (!/^[\s'"‘’“”]+$/u.test(w)) prev = '';
  }
  end('');
  return out;
}

/**
 * Words the text shows as nouns (right after a word only nouns follow, or before one only nouns
 * precede) and as verbs (after an auxiliary, or before "that", "go", "already" …), the latter unless also
 * seen as nouns, or always right after the same word which is always right before it: then it is the end
 * of a word the segmenter split (ภู|ชนะ a name), not a verb of its own (ชนะ "win").
 */
function evidence(all: Run[]): { nouns: Set<string>; verbs: Set<string> } {
  const nouns = new Set<string>();
  const verbs = new Set<string>();
  const before = new Map<string, Set<string>>();
  const after = new Map<string, Set<string>>();
  const add = (m: Map<string, Set<string>>, k: string, v: string) => m.set(k, (m.get(k) ?? new Set()).add(v));
  for (const r of all) {
    if (BEFORE_NOUN.has(r.before) || AFTER_NOUN.has(r.after)) nouns.add(r.words[0]);
    if (BEFORE_VERB.has(r.before)) verbs.add(r.words[0]);
    if (AFTER_VERB.has(r.after)) verbs.add(r.words[r.words.length - 1]);
    r.words.forEach((w, i) => {
      add(before, w, r.words[i - 1] ?? '');
      add(after, w, r.words[i + 1] ?? '');
    });
  }
  const only = (set: Set<string> | undefined, w: string) => set?.size === 1 && set.has(w);
  for (const v of verbs) {
    const prev = before.get(v);
    const a = prev?.size === 1 ? [...prev][0] : '';
    if (nouns.has(v) || (a && only(after.get(a), v))) verbs.delete(v);
  }
  return { nouns, verbs };
}

/**
 * Ranked key phrases of Thai text (best first): phrases seen twice in the body, or in the title and
 * the body, that start with a noun or a noun prefix and are not always part of a longer phrase.
 */
export function thaiTextTags(title: string, text: string, limit = 30): TextTag[] {
  if (typeof Intl.Segmenter !== 'function') return [];
  const titleRuns = runs(title);
  const bodyRuns = runs(text);
  const { nouns, verbs } = evidence([...titleRuns, ...bodyRuns]);
  const stats = new Map<string, PhraseStat & { words: number; sides: Set<string> }>();
  let pos = 0;
  for (const [list, inTitle] of [
    [titleRuns, true],
    [bodyRuns, false],
  ] as const)
    for (const { words: w } of list) {
      for (let i = 0; i < w.length; i++) {
        const prefixed = NOUN_PREFIXES.has(w[i]);
        if (GENERAL.has(w[i]) || (!prefixed && !nouns.has(w[i]) && /\p{Script=Thai}/u.test(w[i]))) continue;
        for (let n = prefixed ? 2 : 1; n <= 4 && i + n <= w.length; n++) {
          // A noun and the verb after it are a clause ("officials confirm"), not a compound; a prefix
          // makes a noun of its verb (ผู้|ลี้ภัย).
          const last = w[i + n - 1];
          if (NOUN_PREFIXES.has(last) || (verbs.has(last) && !(prefixed && n === 2))) continue;
          const tag = w.slice(i, i + n).join('');
          let s = stats.get(tag);
          if (!s) stats.set(tag, (s = { tag, count: 0, first: pos + i, inTitle: false, words: n, sides: new Set() }));
          if (inTitle) s.inTitle = true;
          else {
            if (!s.count++) s.first = pos + i;
            s.sides.add(`${w[i - 1] ?? ''}|${w[i + n] ?? ''}`);
          }
        }
      }
      if (!inTitle) pos += w.length;
    }
  // Part of a longer phrase: the same word always right before it, or always right after it (a
  // phrase seen twice at least). A compound must recur: seen once, it is as often a noun and what follows.
  const fragment = (sides: Set<string>) =>
    [0, 1].some((k) => {
      const words = new Set([...sides].map((x) => x.split('|')[k]));
      return words.size === 1 && !words.has('');
    });
  for (const [tag, s] of stats)
    if ([...tag].length < 2 || GENERAL.has(tag) || (s.words > 1 && s.count < 2) || (s.count >= 2 && fragment(s.sides))) stats.delete(tag);
  return rankPhraseStats(stats, pos, limit);
}
