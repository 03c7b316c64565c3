import { browser } from 'wxt/browser';
import { pageIdentity, type PageIdentity, type TabExtraction } from '../../lib/save/tab-extraction';
import { withTimeout } from './with-timeout';

const EXTRACT_TIMEOUT_MS = 45_000;
const IDENTIFY_TIMEOUT_MS = 5_000;

/** Runs the extraction script on the live DOM of the tab (works behind logins and paywalls). */
export async function extractInTab(tabId: number): Promise<TabExtraction> {
  const tab = await browser.tabs.get(tabId);
  if (!tab.url || !/^https?:/i.test(tab.url)) throw new Error('Gist can only save web pages (http or https).');
  let results;
  try {
    results = await withTimeout(
      browser.scripting.executeScript({ target: { tabId }, files: ['/extract.js'] }),
      EXTRACT_TIMEOUT_MS,
      'Gist could not extract this page: reading it took too long.',
    );
  } catch (e) {
    if (e instanceof Error && e.message.startsWith('Gist could not extract')) throw e;
    throw new Error(`Gist cannot read this page: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  const value = results?.[0]?.result as TabExtraction | undefined;
  if (!value || typeof value !== 'object') throw new Error('The page did not answer; reload it and try again.');
  if (value.error && !value.article) throw new Error(value.error);
  return value;
}

/** Which page load the tab shows now (a tiny script, not the extractor); null when it cannot tell. */
export async function identifyTab(tabId: number): Promise<PageIdentity | null> {
  const results = await withTimeout(
    browser.scripting.executeScript({ target: { tabId }, func: pageIdentity }),
    IDENTIFY_TIMEOUT_MS,
    'The page did not answer.',
  );
  const v = results?.[0]?.result as Partial<PageIdentity> | undefined;
  return v && typeof v.url === 'string' && typeof v.pageId === 'string' ? { url: v.url, pageId: v.pageId } : null;
}
