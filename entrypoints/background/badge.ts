import { browser } from 'wxt/browser';
import { formatBadge, formatMinutes, readingMinutes } from '../../lib/reading-time/index';
import type { DetectReport } from '../../lib/messaging/protocol';

// Firefox MV2 builds have browserAction, MV3 builds have action.
const action = () => browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;

export async function setBadge(tabId: number, report: DetectReport): Promise<void> {
  await setBadgeMinutes(tabId, report.isArticle ? readingMinutes({ words: report.wordCount, cjkChars: report.cjkChars ?? 0, images: 0 }) : null);
}

/**
 * The reading time on the toolbar button (null: none). Detection's estimate comes first; once the
 * popup has extracted the page, its reading time replaces it so the two never disagree.
 */
export async function setBadgeMinutes(tabId: number, minutes: number | null): Promise<void> {
  const text = minutes === null ? '' : formatBadge(minutes);
  await action().setBadgeText({ tabId, text });
  if (text) await action().setBadgeBackgroundColor({ tabId, color: '#3b5bdb' });
  await action().setTitle({ tabId, title: minutes === null ? 'Gist' : `Gist — about ${formatMinutes(minutes)} read` });
}

/** Green after a save, red after a failed one; the reading time stays. */
export async function setSavedBadge(tabId: number, ok: boolean): Promise<void> {
  await action().setBadgeBackgroundColor({ tabId, color: ok ? '#2b8a3e' : '#c92a2a' });
  await action().setTitle({ tabId, title: ok ? 'Gist — saved' : 'Gist — could not save this page' });
}
