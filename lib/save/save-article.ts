// From what the extraction script returned in the tab to a stored article: tags, reading time,
// sanitizing, image download, then one short write. Browser APIs come in as arguments.
import type { Detection } from '../detect/index';
import type { ExtractedArticle } from '../extract/types';
import { pickShownTags, rankTags } from '../tags/index';
import { countText, readingMinutes } from '../reading-time/index';
import { articleKey } from '../url/canonical-url';
import { displayHost } from '../url/host';
import { findByUrl, saveArticle, type ArticleInput } from '../db/articles';
import type { GistDB } from '../db/schema';
import type { Preview, SaveResult } from '../messaging/protocol';
import type { StoredHtml } from '../sanitize/prepare-stored-html';

/** What the extraction script returns from the tab (plain data: it crosses a message boundary). */
export interface TabExtraction {
  url: string;
  detection: Detection;
  article: ExtractedArticle | null;
  error?: string;
}

export interface SaveDeps {
  db: GistDB;
  /** Sanitizes and lists images; needs a DOM (offscreen document in Chrome, the page in Firefox). */
  prepareHtml(html: string, baseUrl: string): Promise<StoredHtml>;
  /** Downloads one image from the extension context; null when it cannot. */
  fetchImage(url: string): Promise<Blob | null>;
  now?: () => number;
}

const TAGS_SHOWN = 8;
const MAX_IMAGES = 60;

export function storageKey(ex: TabExtraction): string {
  return articleKey(ex.url, ex.article?.canonicalUrl ?? null);
}

function describe(ex: TabExtraction) {
  const a = ex.article;
  const text = a?.text ?? '';
  const counts = countText(text);
  const imageCount = a?.images.length ?? 0;
  const ranked = a
    ? rankTags({ title: a.title, text, lang: a.lang, publisherTags: a.publisherTags, siteName: a.siteName, url: ex.url })
    : [];
  return {
    counts,
    imageCount,
    minutes: readingMinutes({ ...counts, images: imageCount }),
    tags: pickShownTags(ranked, TAGS_SHOWN),
    candidates: ranked.slice(0, 40).map((t) => t.tag),
  };
}

export async function buildPreview(ex: TabExtraction, db: GistDB): Promise<Preview> {
  const a = ex.article;
  const d = describe(ex);
  const saved = await findByUrl(db, storageKey(ex));
  const imageOrigins = [...new Set((a?.images ?? []).flatMap((src) => { try { return [new URL(src).origin]; } catch { return []; } }))];
  // What the time comes from (detection's counts when nothing was extracted): shown at the user's speed.
  const counts = a ? { ...d.counts, images: d.imageCount } : { words: ex.detection.wordCount, cjkChars: ex.detection.cjkChars ?? 0, images: 0 };
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
    tags: saved ? saved.tags : d.tags,
    imageOrigins,
    canExtract: !!a,
    saved: saved ? { id: saved.id, tags: saved.tags, savedAt: saved.savedAt } : null,
  };
}

async function downloadAll(urls: string[], fetchImage: SaveDeps['fetchImage']) {
  const out: { src: string; blob: Blob }[] = [];
  let failed = 0;
  const queue = urls.slice(0, MAX_IMAGES);
  const worker = async () => {
    for (let src = queue.shift(); src !== undefined; src = queue.shift()) {
      const blob = await fetchImage(src).catch(() => null);
      if (blob) out.push({ src, blob });
      else failed++;
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return { images: out, failed: failed + Math.max(0, urls.length - MAX_IMAGES) };
}

/** Saves the extraction. `userTags` (edited in the popup) win over suggestions. */
export async function saveExtraction(ex: TabExtraction, userTags: string[] | undefined, deps: SaveDeps): Promise<SaveResult> {
  const a = ex.article;
  if (!a) throw new Error(ex.error || 'Could not find an article on this page.');
  const d = describe(ex);
  const stored = await deps.prepareHtml(a.content, ex.url);
  const { images, failed } = await downloadAll(stored.images, deps.fetchImage);
  const input: ArticleInput = {
    url: storageKey(ex),
    originalUrl: ex.url,
    title: a.title || ex.url,
    byline: a.byline,
    siteName: a.siteName ?? displayHost(ex.url),
    lang: a.lang,
    publishedTime: a.publishedTime,
    excerpt: a.excerpt,
    html: stored.html,
    text: a.text,
    tags: userTags ?? d.tags,
    tagCandidates: d.candidates,
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
