import { detectArticle, type Detection } from '../../lib/detect/index';
import { extractArticle } from '../../lib/extract/index';
import type { TabExtraction } from '../../lib/save/save-article';

// Injected on demand (popup or shortcut) with scripting.executeScript; its return value is the result.
export default defineContentScript({
  registration: 'runtime',
  main(): TabExtraction {
    const url = location.href;
    let detection: Detection = { isArticle: false, wordCount: 0, score: 0 };
    try {
      detection = detectArticle(document);
      const article = extractArticle(document, { url, window });
      return article
        ? { url, detection, article }
        : { url, detection, article: null, error: 'Could not find readable text on this page.' };
    } catch (e) {
      return { url, detection, article: null, error: `Could not extract this page: ${e instanceof Error ? e.message : String(e)}` };
    }
  },
});
