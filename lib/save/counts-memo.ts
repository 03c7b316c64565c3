// The counts the popup's extraction found for a page, remembered per page URL (normalised) so a later
// visit's badge shows the popup's number instead of detection's estimate. Kept in the session area
// (browser.storage.session: survives the service worker stopping, cleared with the browser), newest
// MAX_PAGES pages, in one entry.
import type { StoredCounts } from '../reading-time/index';
import { canonicalUrl } from '../url/canonical-url';
import type { SessionArea } from './preview-cache';
import { isCount, sessionRecord } from './session-record';

const KEY = 'gist:counts';
export const MAX_PAGES = 200;

type Entry = [words: number, cjkChars: number, images: number];
const isEntry = (v: unknown): v is Entry => Array.isArray(v) && v.length === 3 && v.every(isCount);

export function createCountsMemo(area: SessionArea) {
  const { read, write } = sessionRecord<Entry>(area, KEY, MAX_PAGES);
  return {
    async get(pageUrl: string): Promise<StoredCounts | null> {
      const e = (await read())[canonicalUrl(pageUrl)];
      return isEntry(e) ? { words: e[0], cjkChars: e[1], images: e[2] } : null;
    },
    async put(pageUrl: string, c: StoredCounts): Promise<void> {
      const all = await read();
      const key = canonicalUrl(pageUrl);
      delete all[key]; // re-inserted last: insertion order is age
      all[key] = [c.words, c.cjkChars ?? 0, c.images ?? 0];
      await write(all);
    },
  };
}
