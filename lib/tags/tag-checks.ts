// Checks a candidate tag against the article before it is offered: single words that are not nouns
// or names ("happy", "worried", "inside", "sat"), words glued together that the text writes apart
// ("TrumpPutin" for "Trump-Putin"), and the page's own site name or byline. Multi-word tags are left
// alone: publishers' subject tags ("Governors Elections") are good even when the text never says them.
import { posClass } from './pos';
import { siteKeys } from './publisher-tags';
import { tagKey } from './normalize';
import { wordRank } from './word-freq';

/**
 * How each word is written in the text: occurrences, how many mid-sentence ones are capitalised, and
 * how many follow a determiner ("the shooting": a noun, not "charging" in "charging stations").
 */
interface WordUse {
  count: number;
  mid: number;
  capMid: number;
  afterDet: number;
}

const DETERMINERS = new Set('the a an this that these those his her its their our my your every each another no'.split(' '));

export interface ArticleContext {
  title: string;
  text: string;
  siteName?: string | null;
  url?: string | null;
  byline?: string | null;
}

// Suffixes of words rarer than the lexicon that are almost never nouns ("hummed", "sleepily",
// "gorgeous", "bubonic", "gubernatorial").
const NON_NOUN_SUFFIX = /(?:[^e]ed|ly|ous|ful|less|ible|able|ic|al|ive|ish)$/;
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

export class TagChecker {
  private uses: Map<string, WordUse> | null = null;
  private pairs: Set<string> | null = null;
  private readonly own: Set<string>;

  constructor(private readonly ctx: ArticleContext) {
    this.own = ownKeys(ctx);
  }

  /** Why a tag should not be offered, or null when it may be. */
  reject(tag: string): 'own-name' | 'glued' | 'not-a-noun' | null {
    if (this.own.has(tagKey(tag))) return 'own-name';
    const t = tag.trim();
    // One word: multi-word tags (and "Trump-Putin") are phrases, judged by their ranking alone.
    if (!/^[\p{L}\p{N}]+(?:['’.][\p{L}\p{N}]+)*\.?$/u.test(t)) return null;
    // Acronyms ("EU", "NASA", "U.S.") are names.
    if (/^(?:\p{Lu}{2,}|(?:\p{Lu}\.)+\p{Lu}?)$/u.test(t)) return null;
    const word = t.toLowerCase().replace(/['’]s$/, '');
    const use = this.wordUses().get(word);
    if (this.isGlued(t, word, use)) return 'glued';
    if (!/^\p{L}+$/u.test(word)) return null;
    // Words the text writes as names ("Brave", "Trump") are names whatever the lexicon says.
    if (use && use.mid && use.capMid / use.mid >= 0.5) return null;
    const cls = posClass(word);
    if (cls === 'other') return 'not-a-noun';
    if (cls === 'unknown' && NON_NOUN_SUFFIX.test(word) && !(use && use.capMid)) return 'not-a-noun';
    // An -ing word the lexicon knows (as a noun or a verb form) is a noun when the text uses it as one
    // at least once ("the shooting", "a building"); one it does not know is a compound activity name
    // ("beekeeping", "crowdfunding"), not a verb form.
    if (/ing$/.test(word) && cls !== 'unknown' && use && !use.afterDet) return 'not-a-noun';
    return null;
  }

  /**
   * One token the text never writes as such but as two words ("TrumpPutin" for "Trump-Putin"), or a
   * CamelCase hashtag-style tag the text does not contain.
   */
  private isGlued(tag: string, word: string, use: WordUse | undefined): boolean {
    if (use || !/^\p{L}{5,}$/u.test(word)) return false;
    const t = tag.trim();
    if (/\p{Ll}\p{Lu}\p{Ll}/u.test(t) && /^\p{L}+$/u.test(t)) return true;
    if (wordRank(word) >= 0) return false; // a word of its own ("football")
    if (this.adjacentPairs().has(word)) return true;
    // Two dictionary words run together ("climatechange").
    for (let i = 3; i <= word.length - 3; i++) {
      if (wordRank(word.slice(0, i)) >= 0 && wordRank(word.slice(i)) >= 0) return true;
    }
    return false;
  }

  private wordUses(): Map<string, WordUse> {
    if (this.uses) return this.uses;
    const uses = new Map<string, WordUse>();
    for (const part of [this.ctx.title, this.ctx.text]) {
      let sentenceStart = true;
      let prev = '';
      for (const m of part.matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*|[.!?:\n]+/gu)) {
        const s = m[0];
        if (!/[\p{L}\p{N}]/u.test(s)) {
          sentenceStart = true;
          prev = '';
          continue;
        }
        const lower = s.toLowerCase().replace(/['’]s$/, '');
        const u = uses.get(lower) ?? { count: 0, mid: 0, capMid: 0, afterDet: 0 };
        u.count++;
        if (DETERMINERS.has(prev)) u.afterDet++;
        prev = lower;
        // The title is often Title Case: it says nothing about names.
        if (!sentenceStart && part === this.ctx.text) {
          u.mid++;
          if (/^\p{Lu}/u.test(s)) u.capMid++;
        }
        uses.set(lower, u);
        sentenceStart = false;
      }
    }
    this.uses = uses;
    return uses;
  }

  /** Two neighbouring words of the text run together ("trump-putin" -> "trumpputin"). */
  private adjacentPairs(): Set<string> {
    if (this.pairs) return this.pairs;
    const pairs = new Set<string>();
    for (const part of [this.ctx.title, this.ctx.text]) {
      let prev = '';
      for (const m of part.toLowerCase().matchAll(WORD)) {
        if (prev) pairs.add(prev + m[0]);
        prev = m[0];
      }
    }
    this.pairs = pairs;
    return pairs;
  }
}

/** The site's name, its host's main label, and each author of the byline, as tag keys. */
export function ownKeys(ctx: Pick<ArticleContext, 'siteName' | 'url' | 'byline'>): Set<string> {
  const keys = siteKeys(ctx);
  for (const name of bylineNames(ctx.byline ?? '')) keys.add(tagKey(name));
  keys.delete('');
  return keys;
}

/** "By Jane Doe and John Smith, Reuters" -> ["Jane Doe and John Smith, Reuters", "Jane Doe", "John Smith", "Reuters"]. */
export function bylineNames(byline: string): string[] {
  const b = byline.replace(/^\s*(?:by|von|par|por|door)\s+/i, '').trim();
  if (!b) return [];
  const parts = b
    .split(/\s*(?:,|;|\||&|\band\b|\bwith\b|\s[-–—]\s)\s*/i)
    .map((p) => p.replace(/^\s*by\s+/i, '').trim())
    .filter((p) => p.length > 1);
  return [b, ...parts];
}
