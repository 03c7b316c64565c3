import { detectArticle, type Detection } from '../../lib/detect/index';
import { extractArticle } from '../../lib/extract/index';
import type { TabExtraction } from '../../lib/save/save-article';

// Injected on demand (popup or shortcut) with scripting.executeScript; its return value is the result.
export default defineContentScript({
  registration: 'runtime',
  main(): TabExtraction {
    const url = location.href;
    let detection: Detection = { isArticle: false, wordCount: 0, cjkChars: 0, score: 0 };
    try {
      detection = detectArticle(document);
      // No DOMPurify here: the result is untrusted once it leaves the page, and the extension
      // sanitizes it before storing (lib/save), so sanitizing twice would only slow the tab.
      const article = extractArticle(document, { url, window, sanitize: false });
      return article
        ? { url, detection, article }
        : { url, detection, article: null, error: 'Could not find readable text on this page.' };
    } catch (e) {
      return { url, detection, article: null, error: `Could not extract this page: ${e instanceof Error ? e.message : String(e)}` };
    }
  },
});
