import { browser } from 'wxt/browser';
import { prepareStoredHtml, type StoredHtml } from '../../lib/sanitize/prepare-stored-html';
import type { OffscreenRequest } from '../offscreen/offscreen-protocol';
import { withTimeout } from './with-timeout';

// Chrome's service worker has no DOM: DOMPurify runs in an offscreen document. Firefox's background
// page has one, so it sanitizes in place.
export type ChromeOffscreen = {
  offscreen?: {
    createDocument(p: { url: string; reasons: string[]; justification: string }): Promise<void>;
  };
  runtime: { getContexts?(f: { contextTypes: string[] }): Promise<unknown[]> };
};

let creating: Promise<void> | undefined;

export async function ensureOffscreen(api: NonNullable<ChromeOffscreen['offscreen']>, runtime: ChromeOffscreen['runtime']) {
  const existing = (await runtime.getContexts?.({ contextTypes: ['OFFSCREEN_DOCUMENT'] })) ?? [];
  if (existing.length) return;
  creating ??= api
    .createDocument({ url: 'offscreen.html', reasons: ['DOM_PARSER'], justification: 'Sanitize saved article HTML with DOMPurify' })
    .catch((e: unknown) => {
      if (!String(e).includes('single offscreen')) throw e;
    })
    .finally(() => { creating = undefined; });
  await creating;
}

export async function prepareHtml(html: string, baseUrl: string): Promise<StoredHtml> {
  if (typeof DOMParser !== 'undefined' && typeof window !== 'undefined') return prepareStoredHtml(html, window, baseUrl);
  const chromeApi = (globalThis as unknown as { chrome: ChromeOffscreen }).chrome;
  if (!chromeApi?.offscreen) throw new Error('No DOM available to sanitize the article.');
  await ensureOffscreen(chromeApi.offscreen, chromeApi.runtime);
  const req: OffscreenRequest = { target: 'offscreen', type: 'prepare-html', html, baseUrl };
  const res = (await withTimeout(browser.runtime.sendMessage(req), 30_000, 'Sanitizing the article took too long.')) as StoredHtml | { error: string } | undefined;
  if (!res || 'error' in res) throw new Error(`Sanitizing failed: ${res?.error ?? 'no answer'}`);
  return res;
}
