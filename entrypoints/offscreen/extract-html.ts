// Extraction of a fetched page (import fetch queue): parse the HTML into an inert document with a
// <base> so relative links and images resolve against the page, run the same extractor the Save
// button uses, then prepare the article for storage and suggest its tags. Runs where there is a DOM:
// Chrome's offscreen document, Firefox's background page.
import { extractUnsanitized } from '../../lib/extract/core';
import type { Extracted } from '../../lib/fetch-queue/runner';
import { prepareStoredHtml } from '../../lib/sanitize/prepare-stored-html';
import { suggestTagLists } from '../../lib/tags/index';

const URL_ATTRS = ['href', 'src', 'poster', 'cite', 'data-src', 'data-original', 'data-lazy-src', 'data-url', 'data-hi-res-src'];
const SRCSET_ATTRS = ['srcset', 'data-srcset', 'data-lazy-srcset'];

function resolve(value: string, base: string): string | null {
  try {
    return new URL(value.trim(), base).href;
  } catch {
    return null;
  }
}

/**
 * Makes every URL in the document absolute against the page. A <base> alone is not enough: the
 * extension pages' CSP (base-uri 'none') applies to documents parsed in them, so relative URLs would
 * resolve against chrome-extension:// and the extractor would drop the images.
 */
function absolutize(doc: Document, base: string): void {
  for (const attr of URL_ATTRS) {
    for (const el of doc.querySelectorAll(`[${attr}]`)) {
      const v = el.getAttribute(attr) ?? '';
      if (!v || v.startsWith('#') || /^(?:data|blob|javascript|mailto|tel):/i.test(v.trim())) continue;
      const abs = resolve(v, base);
      if (abs) el.setAttribute(attr, abs);
    }
  }
  for (const attr of SRCSET_ATTRS) {
    for (const el of doc.querySelectorAll(`[${attr}]`)) {
      const parts = (el.getAttribute(attr) ?? '').split(/,\s+/).map((c) => {
        const [u, ...d] = c.trim().split(/\s+/);
        return u ? [resolve(u, base) ?? u, ...d].join(' ') : '';
      });
      el.setAttribute(attr, parts.filter(Boolean).join(', '));
    }
  }
}

export function extractHtml(html: string, url: string, win: Window): Extracted {
  try {
    // DOMParser documents never run scripts or load resources.
    const doc = new (win as Window & typeof globalThis).DOMParser().parseFromString(html, 'text/html');
    for (const b of doc.querySelectorAll('base')) b.remove();
    const base = doc.createElement('base');
    base.setAttribute('href', url);
    doc.head.prepend(base);
    absolutize(doc, url);
    // prepareStoredHtml sanitizes right below: one DOMPurify pass is enough.
    const article = extractUnsanitized(doc, { url });
    if (!article) return { article: null, stored: null, tags: null, error: 'no readable article found on the page' };
    const tags = suggestTagLists({
      title: article.title,
      text: article.text,
      lang: article.lang,
      publisherTags: article.publisherTags,
      siteName: article.siteName,
      url,
      byline: article.byline,
    });
    return { article, stored: prepareStoredHtml(article.content, win, url), tags };
  } catch (e) {
    return { article: null, stored: null, tags: null, error: `could not extract the page: ${e instanceof Error ? e.message : String(e)}` };
  }
}
