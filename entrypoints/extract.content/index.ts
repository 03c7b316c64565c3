import { extractPage } from '../../lib/save/extract-page';
import type { TabExtraction } from '../../lib/save/tab-extraction';

// Injected on demand (popup or shortcut) with scripting.executeScript; its return value is the result.
export default defineContentScript({
  registration: 'runtime',
  main(): TabExtraction {
    return extractPage(document);
  },
});
