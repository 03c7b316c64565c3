import { countReading } from '../lib/save/extract-page';
import { READING_COUNTER, type ReadingCounter } from '../lib/save/reading-counter';

// Loaded by the detect content script, with import(), only on pages detection calls articles: the
// popup's extraction, so the badge counts what the popup will show without carrying the extraction
// code into every page. An anonymous IIFE (WXT has no ES-module scripts) that registers its function.
export default defineUnlistedScript({
  globalName: false,
  exclude: ['firefox'], // Firefox's detect script carries the extraction itself (see popup-counts.ts)
  main() {
    (globalThis as { [READING_COUNTER]?: ReadingCounter })[READING_COUNTER] = countReading;
  },
});
