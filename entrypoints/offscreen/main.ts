import { browser } from 'wxt/browser';
import { prepareStoredHtml } from '../../lib/sanitize/prepare-stored-html';
import { isOffscreenRequest } from './offscreen-protocol';

// Answers only our own background (same extension, not a tab).
browser.runtime.onMessage.addListener((msg, sender) => {
  if (!isOffscreenRequest(msg) || sender.id !== browser.runtime.id || sender.tab) return undefined;
  try {
    return Promise.resolve(prepareStoredHtml(msg.html, window, msg.baseUrl));
  } catch (e) {
    return Promise.resolve({ error: e instanceof Error ? e.message : String(e) });
  }
});
