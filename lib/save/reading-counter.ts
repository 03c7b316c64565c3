// The hand-off between the detect content script and the module it loads on article pages
// (entrypoints/reading-counts.ts): WXT 0.20 builds scripts as IIFEs, not ES modules with exports, so the
// module leaves its function on the content scripts' global under this name. Kept apart from the
// extraction code so that the always-on script imports only these few bytes.
import type { StoredCounts } from '../reading-time/index';

export const READING_COUNTER = '__gistReadingCounter';
/** The popup's counts for the page in `doc` (its own extraction), or null when the popup would show none. */
export type ReadingCounter = (doc: Document) => StoredCounts | null;
/** The module's path in the built extension (web-accessible: content scripts import it). */
export const READING_COUNTS_PATH = '/reading-counts.js' as const;
