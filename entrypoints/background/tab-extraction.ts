import { browser } from 'wxt/browser';
import type { TabExtraction } from '../../lib/save/save-article';

/** Runs the extraction script on the live DOM of the tab (works behind logins and paywalls). */
export async function extractInTab(tabId: number): Promise<TabExtraction> {
  const tab = await browser.tabs.get(tabId);
  if (!tab.url || !/^https?:/i.test(tab.url)) throw new Error('Gist can only save web pages (http or https).');
  let results;
  try {
    results = await browser.scripting.executeScript({ target: { tabId }, files: ['/content-scripts/extract.js'] });
  } catch (e) {
    throw new Error(`Gist cannot read this page: ${e instanceof Error ? e.message : String(e)}`);
  }
  const value = results?.[0]?.result as TabExtraction | undefined;
  if (!value || typeof value !== 'object') throw new Error('The page did not answer; reload it and try again.');
  if (value.error && !value.article) throw new Error(value.error);
  return value;
}
