import { browser } from 'wxt/browser';
import { prepareStoredHtml } from '../../lib/sanitize/prepare-stored-html';
import { isOffscreenRequest } from './offscreen-protocol';
import { extractHtml, isExtractHtmlRequest } from './extract-html';

// Answers only our own background (same extension, not a tab).
browser.runtime.onMessage.addListener((msg, sender) => {
  if (isExtractHtmlRequest(msg) && sender.id === browser.runtime.id && !sender.tab) return Promise.resolve(extractHtml(msg.html, msg.url, window));
  if (!isOffscreenRequest(msg) || sender.id !== browser.runtime.id || sender.tab) return undefined;
  try {
    return Promise.resolve(prepareStoredHtml(msg.html, window, msg.baseUrl));
  } catch (e) {
    return Promise.resolve({ error: e instanceof Error ? e.message : String(e) });
  }
});
