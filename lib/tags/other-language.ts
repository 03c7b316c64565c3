// Which non-English function-word list fits a text: the key-phrase extractor needs one to split
// phrases, and most pages' own lang attribute is missing or wrong ("en" on everything), so the text
// decides. Languages without spaces between words (Chinese, Japanese, Thai) have no list here.
import { OTHER_STOPWORDS } from './stopwords-other-table';
import { ENGLISH_MARKERS } from './stopwords';

/** Share of words that are function words in running prose (about 0.35–0.55 in these languages). */
export const MIN_STOPWORD_SHARE = 0.2;
/** Words sampled from the start of the text: enough to tell languages apart, cheap on long texts. */
const SAMPLE_WORDS = 1500;

export interface OtherLanguage {
  lang: string;
  /** The language's function words (for the guess). */
  stopwords: ReadonlySet<string>;
  /** Share of the sampled words in that list. */
  share: number;
}

const sets = new Map<string, ReadonlySet<string>>();
function stopwordsOf(lang: string): ReadonlySet<string> {
  let s = sets.get(lang);
  if (!s) sets.set(lang, (s = new Set(OTHER_STOPWORDS[lang].split(' '))));
  return s;
}

/**
 * The language whose function words make up the largest share of the text's first words, when that
 * share is prose-like; the declared lang wins a near tie (related languages share many words:
 * Portuguese/Spanish, Czech/Slovak, Danish/Norwegian). Null for text in other scripts (Chinese,
 * Japanese: spaceless-tags.ts), word lists and texts too short to tell.
 */
export function guessOtherLanguage(text: string, declared?: string | null): OtherLanguage | null {
  const words =
    text
      .toLowerCase()
      .match(/[\p{L}][\p{L}'’]*/gu)
      ?.slice(0, SAMPLE_WORDS) ?? [];
  if (words.length < 30) return null;
  const primary = (declared ?? '').trim().toLowerCase().split(/[-_]/)[0];
  let best: OtherLanguage | null = null;
  let declaredFit: OtherLanguage | null = null;
  for (const lang of Object.keys(OTHER_STOPWORDS)) {
    const stopwords = stopwordsOf(lang);
    let hits = 0;
    for (const w of words) if (stopwords.has(w)) hits++;
    const fit = { lang, stopwords, share: hits / words.length };
    if (!best || fit.share > best.share) best = fit;
    if (lang === primary || (primary === 'nb' && lang === 'no')) declaredFit = fit;
  }
  if (declaredFit && best && declaredFit.share >= MIN_STOPWORD_SHARE && declaredFit.share >= best.share * 0.9) return declaredFit;
  return best && best.share >= MIN_STOPWORD_SHARE ? best : null;
}

const phraseSets = new Map<string, ReadonlySet<string>>();
/**
 * The words that split phrases in that language's text: its function words and English ones, since
 * such texts quote English titles and names ("The" of "The Goonies" is no tag).
 */
export function phraseStopwords(language: OtherLanguage): ReadonlySet<string> {
  let s = phraseSets.get(language.lang);
  if (!s) phraseSets.set(language.lang, (s = new Set([...language.stopwords, ...ENGLISH_MARKERS])));
  return s;
}
