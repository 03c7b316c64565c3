import { browser } from 'wxt/browser';
import type { TabExtraction } from '../../lib/save/save-article';
import { withTimeout } from './with-timeout';

const EXTRACT_TIMEOUT_MS = 45_000;

/** Runs the extraction script on the live DOM of the tab (works behind logins and paywalls). */
export async function extractInTab(tabId: number): Promise<TabExtraction> {
  const tab = await browser.tabs.get(tabId);
  if (!tab.url || !/^https?:/i.test(tab.url)) throw new Error('Gist can only save web pages (http or https).');
  let results;
  try {
    results = await withTimeout(
      browser.scripting.executeScript({ target: { tabId }, files: ['/content-scripts/extract.js'] }),
      EXTRACT_TIMEOUT_MS,
      'Gist could not extract this page: reading it took too long.',
    );
  } catch (e) {
    if (e instanceof Error && e.message.startsWith('Gist could not extract')) throw e;
    throw new Error(`Gist cannot read this page: ${e instanceof Error ? e.message : String(e)}`);
  }
  const value = results?.[0]?.result as TabExtraction | undefined;
  if (!value || typeof value !== 'object') throw new Error('The page did not answer; reload it and try again.');
  if (value.error && !value.article) throw new Error(value.error);
  return value;
}
