// From what the extraction script returned in the tab to a stored article: tags, reading time,
// sanitizing, image download, then one short write. Browser APIs come in as arguments; tagging,
// the storage key and sanitizing too (they need the word table, the Public Suffix List or a DOM, so
// they run in Chrome's offscreen document or Firefox's background page, never in the service worker).
import type { SuggestedTags, TagInput } from '../tags/index';
import { tagSuggestions } from '../tags/suggestions';
import { downloadImages, type FetchImage } from '../images/download';
import { countText, readingMinutes } from '../reading-time/index';
import { canonicalUrl } from '../url/canonical-url';
import { displayHost } from '../url/host';
import { findByUrl, saveArticle, type ArticleInput } from '../db/articles';
import type { GistDB } from '../db/schema';
import type { Preview, SaveResult } from '../messaging/protocol';
import type { StoredHtml } from '../sanitize/prepare-stored-html';
import type { TabExtraction } from './tab-extraction';

export type { TabExtraction } from './tab-extraction';

/** What the word table and the Public Suffix List make of an extracted article (lib/save/analyze-page). */
export interface AnalysisRequest {
  /** The page's URL. */
  url: string;
  /** The canonical the page declares (rel=canonical / og:url), claimed only within its own site. */
  canonicalUrl: string | null;
  tagInput: TagInput;
}

export interface PageAnalysis {
  /** The key the article is stored under (lib/url/site articleKey). */
  key: string;
  tags: SuggestedTags;
}

export interface SaveDeps {
  db: GistDB;
  /** Sanitizes and lists images; needs a DOM (offscreen document in Chrome, the page in Firefox). */
  prepareHtml(html: string, baseUrl: string): Promise<StoredHtml>;
  /** Tags and storage key in one call (offscreen document in Chrome, the background page in Firefox). */
  analyzePage(req: AnalysisRequest): Promise<PageAnalysis>;
  /** Downloads one image from the extension context; null when it cannot. */
  fetchImage: FetchImage;
  now?: () => number;
}

export const NO_TAGS: SuggestedTags = { shown: [], candidates: [] };

/**
 * Tags are drawn from the opening of very long texts: what an article is about shows early, and tagging
 * a 20 MB page whole took longer than the offscreen request allows.
 */
export const TAG_TEXT_MAX = 200_000;

/** What to ask analyzePage about the extraction; null when the tab found no article. */
export function analysisRequest(ex: TabExtraction): AnalysisRequest | null {
  const a = ex.article;
  if (!a) return null;
  return {
    url: ex.url,
    canonicalUrl: a.canonicalUrl,
    tagInput: {
      title: a.title,
      text: a.text.length > TAG_TEXT_MAX ? a.text.slice(0, TAG_TEXT_MAX) : a.text,
      lang: a.lang,
      publisherTags: a.publisherTags,
      siteName: a.siteName,
      url: ex.url,
      byline: a.byline,
    },
  };
}

/**
 * Tags and storage key for what the tab returned. Without an article there is no text to tag and no
 * canonical to claim, so the key is the normalised page URL (articleKey's answer) and nothing is asked.
 */
export async function analyzeFor(ex: TabExtraction, analyzePage: SaveDeps['analyzePage']): Promise<PageAnalysis> {
  const req = analysisRequest(ex);
  return req ? analyzePage(req) : { key: canonicalUrl(ex.url), tags: NO_TAGS };
}

function describe(ex: TabExtraction) {
  const a = ex.article;
  const counts = countText(a?.text ?? '');
  const imageCount = a?.images.length ?? 0;
  return { counts, minutes: readingMinutes({ ...counts, images: imageCount }) };
}

export async function buildPreview(ex: TabExtraction, analysis: PageAnalysis, db: GistDB): Promise<Preview> {
  const a = ex.article;
  const d = describe(ex);
  const saved = await findByUrl(db, analysis.key);
  // Web images only: data: URLs are inline already and have no origin to ask access for.
  const imageOrigins = [
    ...new Set(
      (a?.images ?? []).flatMap((src) => {
        try {
          const u = new URL(src);
          return /^https?:$/.test(u.protocol) ? [u.origin] : [];
        } catch {
          return [];
        }
      }),
    ),
  ];
  // What the time comes from (detection's counts when nothing was extracted): shown at the user's speed.
  const counts = a
    ? { ...d.counts, images: a.images.length }
    : { words: ex.detection.wordCount, cjkChars: ex.detection.cjkChars ?? 0, images: 0 };
  return {
    url: ex.url,
    isArticle: ex.detection.isArticle,
    title: a?.title || ex.url,
    siteName: a?.siteName ?? displayHost(ex.url),
    byline: a?.byline ?? null,
    excerpt: a?.excerpt ?? null,
    readingMinutes: a ? d.minutes : readingMinutes({ words: ex.detection.wordCount, cjkChars: ex.detection.cjkChars ?? 0, images: 0 }),
    wordCount: counts.words,
    cjkChars: counts.cjkChars,
    imageCount: counts.images,
    tags: saved ? saved.tags : analysis.tags.shown,
    tagSuggestions: tagSuggestions(
      saved ? (saved.tagCandidates ?? []) : analysis.tags.candidates,
      saved ? saved.tags : analysis.tags.shown,
    ),
    imageOrigins,
    canExtract: !!a,
    saved: saved ? { id: saved.id, tags: saved.tags, savedAt: saved.savedAt } : null,
  };
}

/**
 * Saves the extraction. `userTags` (edited in the popup) win over suggestions; `analysis` is what the
 * preview computed (its tags and key; asked again when absent, as for the keyboard shortcut).
 */
export async function saveExtraction(
  ex: TabExtraction,
  userTags: string[] | undefined,
  deps: SaveDeps,
  analysis?: PageAnalysis,
): Promise<SaveResult> {
  const a = ex.article;
  if (!a) throw new Error(ex.error || 'Could not find an article on this page.');
  const d = describe(ex);
  const { key, tags } = analysis ?? (await analyzeFor(ex, deps.analyzePage));
  const stored = await deps.prepareHtml(a.content, ex.url);
  const { images, failed } = await downloadImages(stored.images, deps.fetchImage);
  const input: ArticleInput = {
    url: key,
    originalUrl: ex.url,
    title: a.title || ex.url,
    byline: a.byline,
    siteName: a.siteName ?? displayHost(ex.url),
    lang: a.lang,
    publishedTime: a.publishedTime,
    excerpt: a.excerpt,
    html: stored.html,
    text: a.text,
    tags: userTags ?? tags.shown,
    tagCandidates: tags.candidates,
    tagsEdited: userTags !== undefined,
    wordCount: d.counts.words,
    cjkChars: d.counts.cjkChars,
    imageCount: stored.images.length,
    readingMinutes: readingMinutes({ ...d.counts, images: stored.images.length }),
    images,
  };
  const { id, created } = await saveArticle(deps.db, input, deps.now?.());
  return { id, created, images: images.length, imagesFailed: failed };
}
