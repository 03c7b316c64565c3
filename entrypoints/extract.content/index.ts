import { detectArticle, type Detection } from '../../lib/detect/index';
import { extractUnsanitized } from '../../lib/extract/core';
import { pageIdentity, type TabExtraction } from '../../lib/save/tab-extraction';

// Injected on demand (popup or shortcut) with scripting.executeScript; its return value is the result.
export default defineContentScript({
  registration: 'runtime',
  main(): TabExtraction {
    const page = pageIdentity();
    let detection: Detection = { isArticle: false, wordCount: 0, cjkChars: 0, score: 0 };
    try {
      detection = detectArticle(document);
      // No DOMPurify here: the result is untrusted once it leaves the page, and the extension
      // sanitizes it before storing (lib/save), so sanitizing twice would only slow the tab.
      const article = extractUnsanitized(document, { url: page.url });
      return article
        ? { ...page, detection, article }
        : { ...page, detection, article: null, error: 'Could not find readable text on this page.' };
    } catch (e) {
      return { ...page, detection, article: null, error: `Could not extract this page: ${e instanceof Error ? e.message : String(e)}` };
    }
  },
});
