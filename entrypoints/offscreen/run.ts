import { analyzePage } from '../../lib/save/analyze-page';
import { prepareStoredHtml } from '../../lib/sanitize/prepare-stored-html';
import { extractHtml } from './extract-html';
import type { OffscreenRequest } from './offscreen-protocol';
import { startSyncRound } from './sync-round';

/** Does one request of the service worker in the offscreen document (`win` is its window). */
export function runOffscreen(req: OffscreenRequest, win: Window): unknown {
  switch (req.type) {
    case 'prepare-html':
      return prepareStoredHtml(req.html, win, req.baseUrl);
    case 'analyze-page':
      return analyzePage(req.req);
    case 'extract-html':
      return extractHtml(req.html, req.url, win);
    case 'sync-round':
      return startSyncRound();
  }
}
