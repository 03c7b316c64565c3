import { browser } from 'wxt/browser';
import { parseOffscreenRequest } from './offscreen-protocol';
import { runOffscreen } from './run';

// Chrome only: sanitizing, tag suggestions, storage keys and reading fetched pages for the service
// worker, which has no DOM and should not load the word table or the Public Suffix List on every wake-up.
// Answers only our own background (same extension, not a tab).
browser.runtime.onMessage.addListener((msg, sender) => {
  const req = parseOffscreenRequest(msg);
  if (!req || sender.id !== browser.runtime.id || sender.tab) return undefined;
  try {
    return Promise.resolve(runOffscreen(req, window));
  } catch (e) {
    return Promise.resolve({ error: e instanceof Error ? e.message : String(e) });
  }
});
