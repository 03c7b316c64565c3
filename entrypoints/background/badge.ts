import { browser } from 'wxt/browser';
import { formatBadge, formatMinutes, minutesForSpeed, type StoredCounts } from '../../lib/reading-time/index';
import { loadWpm } from '../../lib/reading-time/speed';
import type { DetectReport } from '../../lib/messaging/protocol';

// Firefox MV2 builds have browserAction, MV3 builds have action.
const action = () => browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;

export async function setBadge(tabId: number, report: DetectReport): Promise<void> {
  await setBadgeCounts(tabId, report.isArticle ? { words: report.wordCount, cjkChars: report.cjkChars ?? 0 } : null);
}

/**
 * The reading time on the toolbar button at the user's speed (read from storage.local on each call:
 * the service worker keeps no state); null clears it. Detection's counts come first; once the popup
 * has extracted the page, its counts replace them so the two never disagree.
 */
export async function setBadgeCounts(tabId: number, counts: StoredCounts | null): Promise<void> {
  const minutes = counts ? minutesForSpeed(counts, await loadWpm(browser.storage.local)) : null;
  const text = minutes === null ? '' : formatBadge(minutes); // at most 3 characters ("3h" for 150 min)
  await action().setBadgeText({ tabId, text });
  if (minutes !== null) await action().setBadgeBackgroundColor({ tabId, color: '#3b5bdb' });
  await action().setTitle({ tabId, title: minutes === null ? 'Gist' : `Gist — about ${formatMinutes(minutes)} read` });
}

/** Green after a save, red after a failed one; the reading time stays. */
export async function setSavedBadge(tabId: number, ok: boolean): Promise<void> {
  await action().setBadgeBackgroundColor({ tabId, color: ok ? '#2b8a3e' : '#c92a2a' });
  await action().setTitle({ tabId, title: ok ? 'Gist — saved' : 'Gist — could not save this page' });
}
