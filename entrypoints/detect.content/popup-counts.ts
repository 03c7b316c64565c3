import { browser } from 'wxt/browser';
import type { StoredCounts } from '../../lib/reading-time/index';
import { READING_COUNTER, READING_COUNTS_PATH, type ReadingCounter } from '../../lib/save/reading-counter';

/**
 * The counts the popup will show for this page, from the popup's own extraction. Chrome: the module
 * holding it (entrypoints/reading-counts.ts, web-accessible) is imported on first use, so pages that are
 * not articles never load it. Firefox: AMO's linter refuses import() of a computed URL (no-unsanitized),
 * so its detect script carries the extraction itself (bundled inline; Chrome builds drop this branch).
 * Throws when the module cannot load; null when the extraction finds nothing.
 */
export async function popupCounts(doc: Document): Promise<StoredCounts | null> {
  if (import.meta.env.FIREFOX) return (await import('../../lib/save/extract-page')).countReading(doc);
  const g = globalThis as { [READING_COUNTER]?: ReadingCounter };
  if (!g[READING_COUNTER]) await import(/* @vite-ignore */ browser.runtime.getURL(READING_COUNTS_PATH));
  const count = g[READING_COUNTER];
  if (!count) throw new Error(`${READING_COUNTS_PATH} loaded but registered no counter`);
  return count(doc);
}
