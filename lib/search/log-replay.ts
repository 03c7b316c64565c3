// Applies change-log rows (lib/db/change-log.ts) after a watermark to a TextIndex, in bounded batches
// that yield between them (a big import is 100,000 rows' worth).
import type { ChangeRecord } from '../db/change-log';
import type { TextIndex } from './text-index';
import type { IndexStore } from './index-store';
import { reindexArticles } from './article-indexing';

/** Log rows read at a time (a row lists up to 5,000 articles). */
const LOG_PAGE = 200;
/** Articles whose records are read and compared at a time when applying the log: one short task each. */
const LOG_BATCH = 500;
/** Deletions applied between yields. */
const REMOVE_BATCH = 5000;

/**
 * Applies the rows after `after` page by page, calling `onPage` with each page's last seq and how many
 * articles it touched. 'reset': the log says to rebuild (a cleared table). Records are read LOG_BATCH at
 * a time, and an article whose log rows all left its body alone and whose indexed metadata version is
 * current is skipped without reading its body.
 */
export async function replayLog(
  store: IndexStore,
  ix: TextIndex,
  after: number,
  pause: () => Promise<void>,
  onPage: (seq: number, articles: number) => void,
): Promise<'reset' | 'changed' | 'unchanged'> {
  let changed = false;
  for (;;) {
    const rows = await store.changesAfter(after, LOG_PAGE);
    if (!rows.length) break;
    if (rows.some((r) => r.op === 'reset')) return 'reset';
    // Each article's last op, and whether any of its rows may have changed its body.
    const last = new Map<number, { op: ChangeRecord['op']; body: boolean }>();
    for (const r of rows) last.set(r.articleId, { op: r.op, body: !r.meta || !!last.get(r.articleId)?.body });
    const put: number[] = [];
    const body = new Set<number>();
    let removed = 0;
    for (const [id, c] of last)
      if (c.op === 'delete') {
        ix.remove(id);
        if (++removed % REMOVE_BATCH === 0) await pause();
      } else {
        put.push(id);
        if (c.body) body.add(id);
      }
    for (let i = 0; i < put.length; i += LOG_BATCH) {
      await reindexArticles(store, ix, put.slice(i, i + LOG_BATCH), body, pause);
      await pause();
    }
    after = rows[rows.length - 1].seq;
    onPage(after, last.size);
    changed = true;
    if (rows.length < LOG_PAGE) break;
  }
  return changed ? 'changed' : 'unchanged';
}
