// The tab's extraction, one function for both callers: the popup's script (entrypoints/extract.ts, injected on
// a click) and the detect content script's reading count (reading-counts, loaded on article pages). The
// same code on the same DOM gives the same words, so the badge shows the number the popup will.
import { detectArticle, type Detection } from '../detect/index';
import { extractUnsanitized } from '../extract/core';
import type { ReadingCounter } from './reading-counter';
import { extractionCounts } from './early-preview';
import { pageIdentity, type TabExtraction } from './tab-extraction';

export function extractPage(doc: Document): TabExtraction {
  const page = pageIdentity();
  let detection: Detection = { isArticle: false, wordCount: 0, cjkChars: 0, score: 0 };
  try {
    detection = detectArticle(doc);
    // No DOMPurify here: the result is untrusted once it leaves the page, and the extension
    // sanitizes it before storing (lib/save), so sanitizing twice would only slow the tab.
    const article = extractUnsanitized(doc, { url: page.url });
    return article
      ? { ...page, detection, article }
      : { ...page, detection, article: null, error: 'Could not find readable text on this page.' };
  } catch (e) {
    return { ...page, detection, article: null, error: `Could not extract this page: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** The popup's counts for the page in `doc`, from the popup's own extraction. */
export const countReading: ReadingCounter = (doc) => extractionCounts(extractPage(doc));
