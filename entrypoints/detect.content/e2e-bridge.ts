import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';

// E2E builds only (imported behind import.meta.env.MODE === 'e2e'): Firefox's test driver cannot open
// moz-extension:// pages or reach the background page, so a test page posts { gistE2E: id, op, arg }
// to itself, this relays it to the background, and the answer comes back as { gistE2EReply: id, ... }.
export function installE2eBridge(ctx: ContentScriptContext): void {
  ctx.addEventListener(window, 'message', (e: MessageEvent) => {
    const d = e.data as { gistE2E?: unknown; op?: unknown; arg?: unknown } | null;
    if (e.source !== window || !d || typeof d.gistE2E !== 'number' || typeof d.op !== 'string') return;
    const id = d.gistE2E;
    browser.runtime.sendMessage({ type: 'e2e:hook', op: d.op, arg: d.arg }).then(
      (value: unknown) => window.postMessage({ gistE2EReply: id, value }, location.origin),
      (err: unknown) => window.postMessage({ gistE2EReply: id, error: String(err) }, location.origin),
    );
  });
  document.documentElement.dataset.gistE2e = 'ready';
}
