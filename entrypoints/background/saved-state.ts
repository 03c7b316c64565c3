import { browser } from 'wxt/browser';
import type { GistDB } from '../../lib/db/schema';
import type { DetectReport, Preview } from '../../lib/messaging/protocol';
import type { StoredCounts } from '../../lib/reading-time/index';
import { createCountsMemo } from '../../lib/save/counts-memo';
import { showPageToast, TOAST_MS } from '../../lib/save/page-toast';
import type { SessionArea } from '../../lib/save/preview-cache';
import { findSavedPage, type ResolveKey } from '../../lib/save/saved-lookup';
import { setBadgeCounts } from './badge';

/**
 * What the toolbar button shows for a page: saved or not (looked up in the library on every visit) and
 * one reading time: the saved article's counts, else those the popup's extraction found for this URL
 * earlier, else detection's estimate. No Public Suffix List here (lib/save/saved-lookup.ts says why);
 * `resolveKey` settles the rare cross-host canonical the cheap rules cannot.
 */
export function createSavedState(getDb: () => GistDB, session: SessionArea, resolveKey?: ResolveKey) {
  const memo = createCountsMemo(session);
  return {
    /**
     * `extract` (lib/save/early-preview) runs the popup's extraction for an article not saved yet; its
     * counts then set the badge, so it shows the number the popup will (null: detection's estimate).
     */
    async onDetect(
      tabId: number,
      report: DetectReport,
      extract?: (tabId: number, url: string) => Promise<StoredCounts | null>,
    ): Promise<void> {
      const saved = await findSavedPage(getDb(), report.url, report.canonical, resolveKey).catch((e: unknown) => {
        console.warn('Gist: could not look the page up in the library', e); // the badge still shows the time
        return undefined;
      });
      let counts: StoredCounts | null = null;
      const early = report.isArticle && !saved && extract ? await extract(tabId, report.url) : null;
      if (early) {
        counts = early;
        await memo.put(report.url, early).catch((e: unknown) => console.warn('Gist: reading time not kept', e));
      } else if (report.isArticle) {
        const reported = { words: report.wordCount, cjkChars: report.cjkChars ?? 0, images: report.images ?? 0 };
        // The page counted itself with the popup's extraction (no host access needed): the popup, which
        // extracts the live page again, will show this number, saved or not; kept for later visits too.
        if (report.counted) await memo.put(report.url, reported).catch((e: unknown) => console.warn('Gist: reading time not kept', e));
        counts = report.counted
          ? reported
          : saved?.contentState === 'full'
            ? { words: saved.wordCount, cjkChars: saved.cjkChars, images: saved.imageCount }
            : ((await memo.get(report.url).catch(() => null)) ?? reported);
      }
      await setBadgeCounts(tabId, counts, !!saved);
    },

    /** The popup extracted the page: its counts win, now and on later visits of this URL. */
    async onPreview(tabId: number, p: Preview): Promise<void> {
      if (!p.isArticle || !p.canExtract) return;
      const counts = { words: p.wordCount, cjkChars: p.cjkChars ?? 0, images: p.imageCount ?? 0 };
      await memo.put(p.url, counts).catch((e: unknown) => console.warn('Gist: reading time not kept', e));
      await setBadgeCounts(tabId, counts, !!p.saved);
    },

    /** An extraction made when the tab was first activated (early-preview): its counts on the badge. */
    async onExtracted(tabId: number, url: string, counts: StoredCounts): Promise<void> {
      await memo.put(url, counts).catch((e: unknown) => console.warn('Gist: reading time not kept', e));
      await setBadgeCounts(tabId, counts, false);
    },

    /** A short note in the page itself (keyboard-shortcut saves have no popup to say it). */
    async toast(tabId: number, message: string, ok: boolean): Promise<void> {
      await browser.scripting.executeScript({ target: { tabId }, func: showPageToast, args: [message, ok, TOAST_MS] });
    },
  };
}
