// Extraction of a fetched page (import fetch queue): parse the HTML into an inert document with a
// <base> so relative links and images resolve against the page, run the same extractor the Save
// button uses, then prepare the article for storage. Runs where there is a DOM: Chrome's offscreen
// document, Firefox's background page.
import { extractArticle } from '../../lib/extract/index';
import type { Extracted } from '../../lib/fetch-queue/runner';
import { prepareStoredHtml } from '../../lib/sanitize/prepare-stored-html';

export interface ExtractHtmlRequest {
  target: 'offscreen';
  type: 'extract-html';
  html: string;
  url: string;
}

export function isExtractHtmlRequest(m: unknown): m is ExtractHtmlRequest {
  const r = m as Partial<ExtractHtmlRequest> | null;
  return !!r && r.target === 'offscreen' && r.type === 'extract-html' && typeof r.html === 'string' && typeof r.url === 'string';
}

export function extractHtml(html: string, url: string, win: Window): Extracted {
  try {
    // DOMParser documents never run scripts or load resources.
    const doc = new (win as Window & typeof globalThis).DOMParser().parseFromString(html, 'text/html');
    for (const b of doc.querySelectorAll('base')) b.remove();
    const base = doc.createElement('base');
    base.setAttribute('href', url);
    doc.head.prepend(base);
    const article = extractArticle(doc, { url, window: win });
    if (!article) return { article: null, stored: null, error: 'no readable article found on the page' };
    return { article, stored: prepareStoredHtml(article.content, win, url) };
  } catch (e) {
    return { article: null, stored: null, error: `could not extract the page: ${e instanceof Error ? e.message : String(e)}` };
  }
}
