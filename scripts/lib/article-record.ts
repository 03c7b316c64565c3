// The extraction CLI's record for one page: detection + extraction + reading time + tags,
// all from lib/ so the CLI shows exactly what the extension computes.
import { detectArticle } from '../../lib/detect/index';
import { extractArticle } from '../../lib/extract/index';
import { countText, readingMinutes } from '../../lib/reading-time/index';
import { suggestTags } from '../../lib/tags/index';
import { collectPublisherTags } from '../../lib/tags/publisher-tags';
import { storageKey } from '../../lib/save/analyze-page';

export interface ArticleRecord {
  /** The key the extension would store the article under (lib/save/analyze-page storageKey: same-site canonical, normalised). */
  url: string;
  isArticle: boolean;
  title: string;
  byline: string | null;
  siteName: string | null;
  lang: string | null;
  publishedTime: string | null;
  excerpt: string | null;
  text: string;
  content: string;
  wordCount: number;
  readingMinutes: number;
  tags: string[];
  /** Set when the page parsed but no article body was found; content and text are then empty. */
  warning?: string;
}

export const NO_CONTENT = 'no article content found';

/**
 * `url` is the page's address, if known (links resolve against it; else against `doc.URL`). `pageUrl`
 * is where the page is taken to live for its storage key, for callers that know more than `doc.URL`
 * (the CLI gives a file's own file: URL when the page names no address).
 */
export function articleRecord(doc: Document, win: Window, url?: string, pageUrl = url ?? doc.URL): ArticleRecord {
  const detection = detectArticle(doc);
  const article = extractArticle(doc, { url: url ?? doc.URL, window: win });
  const key = storageKey({ url: pageUrl, detection, article });
  if (!article) {
    const title = (doc.querySelector('meta[property="og:title"]')?.getAttribute('content') ?? doc.title ?? '').trim();
    return {
      url: key,
      isArticle: false,
      title,
      byline: null,
      siteName: null,
      lang: doc.documentElement.getAttribute('lang') || null,
      publishedTime: null,
      excerpt: null,
      text: '',
      content: '',
      wordCount: 0,
      readingMinutes: 0,
      tags: suggestTags({ title, text: '', publisherTags: collectPublisherTags(doc), url: url ?? null }),
      warning: NO_CONTENT,
    };
  }
  const counts = countText(article.text);
  return {
    url: key,
    isArticle: detection.isArticle,
    title: article.title,
    byline: article.byline,
    siteName: article.siteName,
    lang: article.lang,
    publishedTime: article.publishedTime,
    excerpt: article.excerpt,
    text: article.text,
    content: article.content,
    // CJK text has no spaces: each character counts as one unit, as readingMinutes reads it.
    wordCount: counts.words + counts.cjkChars,
    readingMinutes: readingMinutes({ ...counts, images: article.images.length }),
    tags: suggestTags({
      title: article.title,
      text: article.text,
      lang: article.lang,
      publisherTags: article.publisherTags,
      siteName: article.siteName,
      url: article.canonicalUrl ?? url ?? null,
      byline: article.byline,
    }),
  };
}
