import { browser } from 'wxt/browser';
import { formatBadge, formatMinutes, minutesForSpeed, type StoredCounts } from '../../lib/reading-time/index';
import { loadWpm } from '../../lib/reading-time/speed';
import { memoryArea, type SessionArea } from '../../lib/save/preview-cache';
import { createTabBadgeMemo } from '../../lib/save/tab-badge-memo';

// Firefox MV2 builds have browserAction, MV3 builds have action.
const action = () => browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;

const BLUE = '#3b5bdb';
/** Saved pages: green, and a check mark where there is no reading time to show. */
const GREEN = '#2b8a3e';
const RED = '#c92a2a';
export const SAVED_TITLE = 'Saved to Gist';
const SAVED_MARK = '✓';

// What each tab shows, so a new reading speed redraws every open tab (created on first use: the module
// is also loaded at build time, where there is no browser.storage).
let memo: ReturnType<typeof createTabBadgeMemo> | undefined;
const shown = () => (memo ??= createTabBadgeMemo((browser.storage as unknown as { session?: SessionArea }).session ?? memoryArea()));
const keep = (p: Promise<void>) => p.catch((e: unknown) => console.warn('Gist: badge state not kept', e));

/**
 * The toolbar button for a tab: the reading time at the user's speed (read from storage.local on each
 * call: the service worker keeps no state; null counts clear it), green with the title "Saved to Gist"
 * when the page is in the library. Detection's counts come first; once the popup has extracted the page,
 * or the page is saved, those counts replace them so the badge and the popup never disagree.
 */
export async function setBadgeCounts(tabId: number, counts: StoredCounts | null, saved = false): Promise<void> {
  const minutes = counts ? minutesForSpeed(counts, await loadWpm(browser.storage.local)) : null;
  const text = minutes === null ? (saved ? SAVED_MARK : '') : formatBadge(minutes); // at most 3 characters ("3h" for 150 min)
  await action().setBadgeText({ tabId, text });
  if (text) await action().setBadgeBackgroundColor({ tabId, color: saved ? GREEN : BLUE });
  await action().setTitle({
    tabId,
    title: saved ? SAVED_TITLE : minutes === null ? 'Gist' : `Gist — about ${formatMinutes(minutes)} read`,
  });
  await keep(shown().put(tabId, counts, saved));
}

/** The reading speed changed: every open tab's badge shows its minutes at the new speed. */
export async function redrawBadges(): Promise<void> {
  for (const b of await shown().all()) await setBadgeCounts(b.tabId, b.counts, b.saved).catch(() => keep(shown().drop(b.tabId))); // the tab is gone
}

/** A closed tab's entry goes. */
export const forgetBadge = (tabId: number): Promise<void> => keep(shown().drop(tabId));

/** After a save (green, "Saved to Gist"; the reading time stays) or a failed one (red). */
export async function setSavedBadge(tabId: number, ok: boolean): Promise<void> {
  if (ok && !(await action().getBadgeText({ tabId }))) await action().setBadgeText({ tabId, text: SAVED_MARK });
  await action().setBadgeBackgroundColor({ tabId, color: ok ? GREEN : RED });
  await action().setTitle({ tabId, title: ok ? SAVED_TITLE : 'Gist — could not save this page' });
  if (ok) await keep(shown().setSaved(tabId, true));
}

/** After the article was removed from the library (popup): back to the unsaved look. */
export async function setUnsavedBadge(tabId: number): Promise<void> {
  if ((await action().getBadgeText({ tabId })) === SAVED_MARK) await action().setBadgeText({ tabId, text: '' });
  await action().setBadgeBackgroundColor({ tabId, color: BLUE });
  await action().setTitle({ tabId, title: 'Gist' });
  await keep(shown().setSaved(tabId, false));
}
