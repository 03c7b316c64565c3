// The badge's reading time counted by the extraction the popup will show. Once detection calls a page an
// article, the background runs the tab's extraction script (the popup's own path) and keeps the result in
// the preview cache; the badge is set from its counts and the popup, opening on the same page load, shows
// that cached preview: the two agree by construction, and the popup opens without extracting again.
// Only where the script may run without a click (host access to the page's origin: the e2e build's
// 127.0.0.1, or "all sites" granted for the import queue); elsewhere the badge keeps detection's estimate.
// Only in the tab being looked at: a tab loaded in the background is extracted when first activated.
// Tagging and the storage key are left to the popup (they need the offscreen document).
import type { StoredCounts } from '../reading-time/index';
import { countText } from '../reading-time/index';
import type { PreviewCache, SessionArea } from './preview-cache';
import type { PageIdentity, TabExtraction } from './tab-extraction';

/** The counts the popup's time is computed from (buildPreview), or null when the popup would show none. */
export function extractionCounts(ex: TabExtraction): StoredCounts | null {
  const a = ex.article;
  if (!a || !ex.detection.isArticle) return null;
  return { ...countText(a.text), images: a.images.length };
}

export interface EarlyPreviewDeps {
  cache: PreviewCache;
  /** Runs the extraction script in the tab (throws when it cannot). */
  extract(tabId: number): Promise<TabExtraction>;
  /** Whether the tab is the one shown in its window, and its URL; null when the tab is gone. */
  tab(tabId: number): Promise<{ active: boolean; url?: string } | null>;
  /** Whether scripts may run in a page of this URL without the user's click (host permission). */
  mayRun(url: string): Promise<boolean>;
  /** Tabs waiting for their first activation (storage.session: survives the service worker stopping). */
  pending: SessionArea;
}

const PENDING = 'gist:early:';
/**
 * E2E builds only: storage.local key that, set to true, makes the background act as the usual install
 * (no host access: the badge is what the page reports). The e2e build has host access to 127.0.0.1,
 * which the tests' popup needs in place of the click's activeTab.
 */
export const E2E_NO_HOST_ACCESS = 'gist:e2e:no-host-access';

export function createEarlyPreview(deps: EarlyPreviewDeps) {
  // One extraction per tab at a time; the popup waits for one under way instead of starting another.
  const inflight = new Map<number, Promise<StoredCounts | null>>();
  const held = new Map<number, TabExtraction>();

  const extractNow = (tabId: number): Promise<StoredCounts | null> => {
    const running = inflight.get(tabId);
    if (running) return running;
    const p = (async () => {
      try {
        const ex = await deps.extract(tabId);
        const counts = extractionCounts(ex);
        held.delete(tabId);
        // Too large for the session cache (a 20 MB page): held in memory instead, one at a time, so the
        // popup does not extract the page a second time.
        if (counts && !(await deps.cache.put(tabId, ex).catch(() => false))) {
          held.clear();
          held.set(tabId, ex);
        }
        return counts;
      } catch {
        return null; // the page refused or has no text: the badge keeps detection's estimate
      } finally {
        inflight.delete(tabId);
      }
    })();
    inflight.set(tabId, p);
    return p;
  };

  return {
    /**
     * Detection called the tab's page (at `url`) an article: the extraction's counts, or null when it was
     * not run (not allowed, a background tab: then it runs on activation) or found nothing.
     */
    async onArticle(tabId: number, url: string): Promise<StoredCounts | null> {
      if (!(await deps.mayRun(url).catch(() => false))) return null;
      const tab = await deps.tab(tabId).catch(() => null);
      if (!tab || tab.url !== url) return null;
      if (!tab.active) {
        await deps.pending.set({ [`${PENDING}${tabId}`]: url }).catch(() => undefined);
        return null;
      }
      return extractNow(tabId);
    },

    /** A tab was activated: the counts of a page left waiting, when it still shows that page; else null. */
    async onActivated(tabId: number): Promise<StoredCounts | null> {
      const key = `${PENDING}${tabId}`;
      const url = (await deps.pending.get(key).catch(() => ({}) as Record<string, unknown>))[key];
      if (typeof url !== 'string') return null;
      await deps.pending.remove(key).catch(() => undefined);
      const tab = await deps.tab(tabId).catch(() => null);
      return tab?.url === url ? extractNow(tabId) : null;
    },

    /** Waits for an extraction under way in the tab, so the popup reads its cached result. */
    async settled(tabId: number): Promise<void> {
      await inflight.get(tabId);
    },

    /** The extraction the cache could not keep, if the tab still shows that page load (given once). */
    async held(tabId: number, identify: (tabId: number) => Promise<PageIdentity | null>): Promise<TabExtraction | null> {
      const ex = held.get(tabId);
      held.delete(tabId);
      if (!ex) return null;
      const now = await identify(tabId).catch(() => null);
      return now && now.url === ex.url && now.pageId === ex.pageId ? ex : null;
    },

    async forget(tabId: number): Promise<void> {
      held.delete(tabId);
      await deps.pending.remove(`${PENDING}${tabId}`).catch(() => undefined);
    },
  };
}

export type EarlyPreview = ReturnType<typeof createEarlyPreview>;
