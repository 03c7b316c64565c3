import { browser } from 'wxt/browser';
import { detectArticle } from '../../lib/detect/index';
import { declaredCanonical } from '../../lib/page-meta/canonical';
import type { DetectReport } from '../../lib/messaging/protocol';
import { installE2eBridge } from './e2e-bridge';

// Always on: decides cheaply whether this is an article and tells the background (badge), with the page's
// declared canonical so the background can tell a saved page (same key as the store).
// Runs when the page is idle, never during load; no tagging code or word tables here.
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    if (import.meta.env.MODE === 'e2e') installE2eBridge(ctx); // tests only; see e2e-bridge.ts
    let lastUrl = '';
    const report = () => {
      if (ctx.isInvalid) return;
      const d = detectArticle(document);
      const msg: DetectReport = {
        type: 'detect:report',
        url: location.href,
        isArticle: d.isArticle,
        wordCount: d.wordCount,
        cjkChars: d.cjkChars,
        images: d.images,
        canonical: declaredCanonical(document, location.href),
      };
      lastUrl = location.href;
      browser.runtime.sendMessage(msg).catch(() => {
        /* extension reloaded or background asleep: next visit reports */
      });
    };
    const schedule = () => {
      if ('requestIdleCallback' in window) ctx.requestIdleCallback(report, { timeout: 3000 });
      else ctx.setTimeout(report, 200);
    };
    schedule();
    // SPA navigations: the event fires as the URL changes (before the new view renders), so wait a
    // moment, then check again a little later for views that load their content slowly.
    ctx.addEventListener(window, 'wxt:locationchange', (e) => {
      if (e.newUrl.href === lastUrl) return;
      ctx.setTimeout(schedule, 700);
      ctx.setTimeout(schedule, 2500);
    });
    // E2E builds only (Vite drops this block elsewhere): relays a request posted by the page through
    // this content script's own channel, so a test can prove the background refuses content scripts.
    if (import.meta.env.MODE === 'e2e') {
      ctx.addEventListener(window, 'message', (e) => {
        const d = e.data as { gistE2eRelay?: string; request?: unknown } | null;
        if (e.source !== window || typeof d?.gistE2eRelay !== 'string') return;
        const reply = (r: object) => window.postMessage({ gistE2eRelayReply: d.gistE2eRelay, ...r }, '*');
        browser.runtime.sendMessage(d.request).then(
          (response: unknown) => reply({ response: response === undefined ? 'undefined' : response }),
          (err: unknown) => reply({ error: String(err) }),
        );
      });
    }
  },
});
