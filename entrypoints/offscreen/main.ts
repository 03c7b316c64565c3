import { browser } from 'wxt/browser';
import { prepareStoredHtml } from '../../lib/sanitize/prepare-stored-html';
import { suggestTagLists } from '../../lib/tags/index';
import { parseOffscreenRequest, type OffscreenRequest } from './offscreen-protocol';
import { extractHtml } from './extract-html';

// Chrome only: sanitizing, tag suggestions and reading fetched pages for the service worker, which
// has no DOM and should not load the word table on every wake-up.
function run(req: OffscreenRequest): unknown {
  switch (req.type) {
    case 'prepare-html': return prepareStoredHtml(req.html, window, req.baseUrl);
    case 'suggest-tags': return suggestTagLists(req.input);
    case 'extract-html': return extractHtml(req.html, req.url, window);
  }
}

// Answers only our own background (same extension, not a tab).
browser.runtime.onMessage.addListener((msg, sender) => {
  const req = parseOffscreenRequest(msg);
  if (!req || sender.id !== browser.runtime.id || sender.tab) return undefined;
  try {
    return Promise.resolve(run(req));
  } catch (e) {
    return Promise.resolve({ error: e instanceof Error ? e.message : String(e) });
  }
});
