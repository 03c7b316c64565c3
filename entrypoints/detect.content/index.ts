import { browser } from 'wxt/browser';
import { detectInSlices } from '../../lib/detect/slices';
import { declaredCanonical } from '../../lib/page-meta/canonical';
import type { DetectReport } from '../../lib/messaging/protocol';
import { installE2eBridge } from './e2e-bridge';
import { popupCounts } from './popup-counts';

// Always on: decides cheaply whether this is an article and tells the background (badge), with the page's
// declared canonical so the background can tell a saved page (same key as the store), and for an article
// the popup's reading-time counts (popup-counts.ts loads the extraction for articles only).
// Runs when the page is idle, never during load; no tagging code or word tables here.
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    if (import.meta.env.MODE === 'e2e') installE2eBridge(ctx); // tests only; see e2e-bridge.ts
    let lastUrl = '';
    const idle = () =>
      new Promise<void>((resolve) => {
        if ('requestIdleCallback' in window) ctx.requestIdleCallback(() => resolve(), { timeout: 3000 });
        else ctx.setTimeout(resolve, 200);
      });
    const report = async () => {
      if (ctx.isInvalid) return;
      const url = location.href;
      lastUrl = url;
      // The verdict now (this idle period), an article's counts in later ones (lib/detect/slices.ts):
      // the popup's own count (the same extraction on the same DOM), else detection's estimate.
      const d = await detectInSlices(document, {
        idle,
        alive: () => !ctx.isInvalid && location.href === url, // navigated meanwhile: that view reports
        counts: (doc) =>
          popupCounts(doc).catch((e: unknown) => {
            console.warn('Gist: reading time estimated, the extraction did not load', e);
            return null;
          }),
      });
      if (!d) return;
      const msg: DetectReport = {
        type: 'detect:report',
        url,
        isArticle: d.isArticle,
        wordCount: d.wordCount,
        cjkChars: d.cjkChars,
        images: d.images ?? 0,
        counted: d.counted,
        canonical: declaredCanonical(document, url),
      };
      browser.runtime.sendMessage(msg).catch(() => {
        /* extension reloaded or background asleep: next visit reports */
      });
    };
    const schedule = () => void idle().then(report);
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
