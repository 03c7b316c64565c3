// The sites the fetch queue still has to reach (waiting pages, and the images of imported content),
// as host-permission match patterns. The library page works this out on every list change; after a
// 100,000-link import that was one ~300 ms task (at load) with the page frozen, so it goes a slice
// of articles at a time with a pause before each slice (the first too: the list's delivery task has the
// page's render and the queue counts in it already), and gives up when a newer list supersedes it.
import type { ArticleRecord } from '../db/schema';
import { originPatterns } from '../url/match-patterns';

/** Articles per task: 5,000 were a ~400 ms task in bench-import-page's profile (30,000 rows, load ~20). */
const SLICE = 2000;

/**
 * Match patterns (sorted, no duplicates) for what `list` still waits for; null when `stale()` turned
 * true at a pause (a newer list came: its answer is the one wanted).
 */
export async function waitingOrigins(
  list: readonly Pick<ArticleRecord, 'contentState' | 'originalUrl' | 'url' | 'pendingImages'>[],
  pause: () => Promise<void>,
  stale: () => boolean,
): Promise<string[] | null> {
  const found = new Set<string>();
  for (let start = 0; start < list.length; start += SLICE) {
    await pause();
    if (stale()) return null;
    const urls: string[] = [];
    for (const a of list.slice(start, start + SLICE)) {
      if (a.contentState === 'pending') urls.push(a.originalUrl || a.url);
      else if (a.contentState === 'full' && a.pendingImages?.length) urls.push(...a.pendingImages);
    }
    for (const o of originPatterns(urls)) found.add(o);
  }
  return [...found].sort();
}
