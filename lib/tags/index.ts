// Tag suggestions: publisher metadata first, then key phrases from the text: English, one of the
// languages with a function-word list (other-language.ts), Japanese / Chinese (spaceless-tags.ts), Korean
// (korean-tags.ts) or Thai (thai-tags.ts).
// Pure string code (no DOM), but with a large word table: it runs in Chrome's offscreen document or
// Firefox's background page, never in the service worker that wakes on every page load. Deterministic: the same
// input always gives the same tags in the same order (user edits are the storage layer's job).
import { filterPublisherTags, MAX_PUBLISHER_TAGS } from './publisher-tags';
import { englishScore } from './stopwords';
import { ENGLISH_LEXICON, extractTextTags, textKey, type PhraseLexicon, type TextTag, type TextTagOptions } from './text-tags';
import { guessOtherLanguage, phraseStopwords } from './other-language';
import { isKoreanText, koreanTextTags } from './korean-tags';
import { spacelessLanguage, spacelessTextTags } from './spaceless-tags';
import { isThaiText, thaiTextTags } from './thai-tags';
import { tagKey } from './normalize';
import { TagChecker } from './tag-checks';

export { collectPublisherTags, filterPublisherTags, rawPublisherTags } from './publisher-tags';

export interface TagInput {
  title: string;
  text: string;
  lang?: string | null;
  /** Tags the publisher declared, raw or filtered (rawPublisherTags / collectPublisherTags); may be empty. */
  publisherTags?: string[];
  siteName?: string | null;
  url?: string | null;
  /** The article's byline: its authors are not tags of it. */
  byline?: string | null;
}

export interface RankedTag {
  tag: string;
  score: number;
  source: 'publisher' | 'text';
}

export interface RankOptions extends TextTagOptions {
  /** Publisher tags at or above this count are "enough": text tags then only follow them. */
  enoughPublisherTags?: number;
  /** suggestTags: also hide a phrase when a shown tag is part of it ("Luisana Lopilato" after "Lopilato"). */
  hideSuperPhrases?: boolean;
  /** Text tags below this share of the best text tag are not applied (suggestions only). */
  minTextShare?: number;
}

/** Minimum share of English function words for the English extractor to run (prose: ~0.3+). */
export const ENGLISH_THRESHOLD = 0.12;
/** Candidates kept in the ranked list. */
export const MAX_RANKED = 30;

/**
 * Whether the English phrase extractor may run: the text must look English whatever the page's
 * lang says (sites often declare "en" for everything); a non-English lang needs clearer evidence.
 */
export function isEnglishText(text: string, lang?: string | null): boolean {
  const score = englishScore(text);
  const declared = (lang ?? '').trim().toLowerCase();
  if (!declared || declared.startsWith('en')) return score >= ENGLISH_THRESHOLD;
  return score >= ENGLISH_THRESHOLD * 1.5;
}

/**
 * Terse English (a wire brief thick with names, few function words) can fall below the English
 * threshold: on a page declared English or undeclared, text with at least two thirds of it is English
 * when no other language's function words fit it and it is not Japanese or Chinese.
 */
export function englishByElimination(title: string, text: string, lang?: string | null): boolean {
  const declared = (lang ?? '').trim().toLowerCase();
  if (declared && !declared.startsWith('en')) return false;
  if (englishScore(`${title}\n${text}`) < (ENGLISH_THRESHOLD * 2) / 3) return false;
  return !spacelessLanguage(text || title) && !guessOtherLanguage(text || title, lang);
}

/** Single words this often or more may be tags where no part-of-speech lexicon checks them. */
export const MIN_PLAIN_WORD_COUNT = 3;
/**
 * Without a part-of-speech lexicon (languages other than English) a single word is as often a verb,
 * an adverb, a filler ("например", "viver") or page furniture ("Publicado", "Categoria": capitalised
 * only because a line starts with it) as a subject: it must recur, twice for a name written with a
 * capital mid-sentence, and a two-letter word must be an acronym ("UE"). Phrases are judged like
 * English ones.
 */
function sureWithoutLexicon(t: TextTag): boolean {
  if (/\s/.test(t.tag)) return true;
  const letters = [...t.tag.replace(/[^\p{L}]/gu, '')];
  if (letters.length < 3 && t.tag !== t.tag.toUpperCase()) return false;
  return t.count >= (t.nameMidSentence ? 2 : MIN_PLAIN_WORD_COUNT);
}

/**
 * The text's key phrases in the language it is written in: English; Japanese or Chinese (segmented,
 * checked there); Korean (particles taken off, korean-tags.ts); Thai (thai-tags.ts); another language with function words (single words checked above); else null.
 */
function rankTextTags(
  title: string,
  text: string,
  english: boolean,
  lang: string | null | undefined,
  options: RankOptions,
): TextTag[] | null {
  if (english) return extractTextTags(title, text, options, ENGLISH_LEXICON);
  const spaceless = spacelessLanguage(text || title);
  if (spaceless) return spacelessTextTags(title, text, spaceless);
  if (isKoreanText(text || title)) return koreanTextTags(title, text);
  if (isThaiText(text || title)) return thaiTextTags(title, text);
  const other = guessOtherLanguage(text || title, lang);
  if (!other) return null;
  const lexicon: PhraseLexicon = { stopwords: phraseStopwords(other), englishIdf: false, keepWrittenCase: true };
  // English lowercase phrases rank only by taking over their words (commonPhraseFactor 0: IDF already
  // lifts the rare words that make a phrase specific). Without IDF a repeated lowercase phrase is the
  // clearest subject there is ("transporte escolar"): it ranks on its own.
  // (The check drops many single words: rank a longer list so that MAX_RANKED survive it.)
  return extractTextTags(title, text, { commonPhraseFactor: 1, limit: 4 * MAX_RANKED, ...options }, lexicon).filter(sureWithoutLexicon);
}

/** The full ranked candidate list: publisher tags first (in their order), then text phrases. */
export function rankTags(input: TagInput, options: RankOptions = {}): RankedTag[] {
  const title = input.title ?? '';
  const text = input.text ?? '';
  const english = isEnglishText(`${title}\n${text}`, input.lang) || englishByElimination(title, text, input.lang);
  // The part-of-speech lexicon is English: elsewhere only the site name and byline are checked.
  const checker = new TagChecker({ title, text, siteName: input.siteName, url: input.url, byline: input.byline });
  const allowed = (tag: string) => {
    const why = checker.reject(tag);
    return why === null || (!english && why !== 'own-name');
  };
  const publisher = filterPublisherTags(input.publisherTags ?? [], { siteName: input.siteName, url: input.url })
    .filter(allowed)
    .slice(0, MAX_PUBLISHER_TAGS);
  const out: RankedTag[] = publisher.map((tag, i) => ({ tag, score: 1000 - i, source: 'publisher' as const }));
  const textTags = rankTextTags(title, text, english, input.lang, options);
  if (!textTags) return out;

  const seenKeys = new Set(out.map((t) => tagKey(t.tag)));
  const publisherPhrases = out.map((t) => textKey(t.tag));
  for (const t of textTags) {
    if (out.length >= MAX_RANKED) break;
    const key = tagKey(t.tag);
    if (seenKeys.has(key)) continue;
    // A text phrase inside a publisher tag adds nothing ("Stadia" next to "Google Stadia").
    if (publisherPhrases.some((p) => ` ${p} `.includes(` ${t.key} `))) continue;
    if (!allowed(t.tag)) continue;
    seenKeys.add(key);
    out.push({ tag: t.tag, score: Math.round(t.score * 100) / 100, source: 'text' });
  }
  return out;
}

/** At most this many tags are applied; more candidates are offered as suggestions. */
export const TAGS_SHOWN = 5;
const CANDIDATES_KEPT = 40;
/**
 * Default of RankOptions.minTextShare. On the dev halves 0.15 took Zyte (stripped) shown F@5 from 14.9
 * to 15.5 for 0.1 on KPCrowd; 0.2–0.3 gained more on Zyte but cost KPCrowd 1–2 points; a minimum
 * count of occurrences changed nothing.
 */
export const MIN_TEXT_SHARE = 0.15;

/** Whether a text tag is sure enough to be applied: two good tags beat five weak ones. */
function confident(t: RankedTag, topText: number, options: RankOptions): boolean {
  return t.source !== 'text' || t.score >= topText * (options.minTextShare ?? MIN_TEXT_SHARE);
}

/** The tags to apply (at most `max`): publisher tags first, then text tags sure enough. */
export function suggestTags(input: TagInput, max = TAGS_SHOWN, options: RankOptions = {}): string[] {
  return pickShownTags(rankTags(input, options), max, options);
}

/** The tags to apply from an already ranked list (callers that also keep the ranking rank once). */
export function pickShownTags(ranked: RankedTag[], max = TAGS_SHOWN, options: RankOptions = {}): string[] {
  const limit = Math.max(0, Math.floor(max));
  const shown: string[] = [];
  const shownPhrases: string[] = [];
  const topText = ranked.find((t) => t.source === 'text')?.score ?? 0;
  for (const t of ranked) {
    if (shown.length >= limit) break;
    if (!confident(t, topText, options)) continue;
    const p = textKey(t.tag);
    if (t.source === 'text') {
      // "show" next to "auto show" says nothing new.
      if (shownPhrases.some((q) => ` ${q} `.includes(` ${p} `))) continue;
      if (options.hideSuperPhrases && shownPhrases.some((q) => ` ${p} `.includes(` ${q} `))) continue;
      // A longer phrase does not replace a shown part of it: on both benchmarks that lost more
      // ("Stadia" -> "Google Stadia Red") than it won ("House" -> "White House").
    }
    shown.push(t.tag);
    shownPhrases.push(p);
  }
  return shown;
}

/** What a save stores: the tags applied (unless the user edits them) and the longer candidate list. */
export interface SuggestedTags {
  shown: string[];
  candidates: string[];
}

/** Ranks once and returns both lists. */
export function suggestTagLists(input: TagInput): SuggestedTags {
  const ranked = rankTags(input);
  return { shown: pickShownTags(ranked), candidates: ranked.slice(0, CANDIDATES_KEPT).map((t) => t.tag) };
}
