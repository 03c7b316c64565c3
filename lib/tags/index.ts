// Tag suggestions: publisher metadata first, then English key phrases from the text.
// Pure string code (no DOM), but with a large word table: it runs in Chrome's offscreen document or
// Firefox's background page, never in the service worker that wakes on every page load. Deterministic: the same
// input always gives the same tags in the same order (user edits are the storage layer's job).
import { filterPublisherTags, MAX_PUBLISHER_TAGS } from './publisher-tags';
import { englishScore } from './stopwords';
import { extractTextTags, textKey, type TextTagOptions } from './text-tags';
import { tagKey } from './normalize';

export { collectPublisherTags, filterPublisherTags, rawPublisherTags } from './publisher-tags';

export interface TagInput {
  title: string;
  text: string;
  lang?: string | null;
  /** Tags the publisher declared, raw or filtered (rawPublisherTags / collectPublisherTags); may be empty. */
  publisherTags?: string[];
  siteName?: string | null;
  url?: string | null;
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
  /** suggestTags: text tags below this share of the best text tag are cut once 5 are shown. */
  shownCutoff?: number;
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

/** The full ranked candidate list: publisher tags first (in their order), then text phrases. */
export function rankTags(input: TagInput, options: RankOptions = {}): RankedTag[] {
  const publisher = filterPublisherTags(input.publisherTags ?? [], { siteName: input.siteName, url: input.url }).slice(0, MAX_PUBLISHER_TAGS);
  const out: RankedTag[] = publisher.map((tag, i) => ({ tag, score: 1000 - i, source: 'publisher' as const }));
  const title = input.title ?? '';
  const text = input.text ?? '';
  if (!isEnglishText(`${title}\n${text}`, input.lang)) return out;

  const seenKeys = new Set(out.map((t) => tagKey(t.tag)));
  const publisherPhrases = out.map((t) => textKey(t.tag));
  for (const t of extractTextTags(title, text, options)) {
    if (out.length >= MAX_RANKED) break;
    const key = tagKey(t.tag);
    if (seenKeys.has(key)) continue;
    // A text phrase inside a publisher tag adds nothing ("Stadia" next to "Google Stadia").
    if (publisherPhrases.some((p) => ` ${p} `.includes(` ${t.key} `))) continue;
    seenKeys.add(key);
    out.push({ tag: t.tag, score: Math.round(t.score * 100) / 100, source: 'text' });
  }
  return out;
}

/**
 * The 5–8 tags worth showing: up to `max`, but text tags that score far below the best one are
 * left out once 5 are shown.
 */
export function suggestTags(input: TagInput, max = 8, options: RankOptions = {}): string[] {
  return pickShownTags(rankTags(input, options), max, options);
}

/** The tags worth showing from an already ranked list (callers that also keep the ranking rank once). */
export function pickShownTags(ranked: RankedTag[], max = 8, options: RankOptions = {}): string[] {
  // Built at full size and cut, so a smaller max always gives a prefix of the bigger list.
  const limit = Math.max(8, Math.floor(max));
  const shown: string[] = [];
  const shownPhrases: string[] = [];
  const topText = ranked.find((t) => t.source === 'text')?.score ?? 0;
  for (const t of ranked) {
    if (shown.length >= limit) break;
    if (t.source === 'text' && shown.length >= 5 && t.score < topText * (options.shownCutoff ?? 0.35)) break;
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
  return shown.slice(0, Math.max(0, Math.floor(max)));
}

/** What a save stores: the tags shown (and saved unless the user edits them) and the longer candidate list. */
export interface SuggestedTags {
  shown: string[];
  candidates: string[];
}

export const TAGS_SHOWN = 8;
const CANDIDATES_KEPT = 40;

/** Ranks once and returns both lists. */
export function suggestTagLists(input: TagInput): SuggestedTags {
  const ranked = rankTags(input);
  return { shown: pickShownTags(ranked, TAGS_SHOWN), candidates: ranked.slice(0, CANDIDATES_KEPT).map((t) => t.tag) };
}
