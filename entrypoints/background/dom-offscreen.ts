import { browser } from 'wxt/browser';
import type { Extracted } from '../../lib/fetch-queue/runner';
import type { StoredHtml } from '../../lib/sanitize/prepare-stored-html';
import type { PageAnalysis } from '../../lib/save/save-article';
import type { OffscreenRequest } from '../offscreen/offscreen-protocol';
import type { DomWork } from './dom-work';
import { withTimeout } from './with-timeout';

// Chrome: the service worker has no DOM and wakes on every page load, so sanitizing, tagging, storage
// keys (Public Suffix List) and reading fetched pages happen in the offscreen document (created on
// first use, then kept).
type ChromeOffscreen = {
  offscreen?: {
    createDocument(p: { url: string; reasons: string[]; justification: string }): Promise<void>;
  };
  runtime: { getContexts?(f: { contextTypes: string[] }): Promise<unknown[]> };
};

let creating: Promise<void> | undefined;

async function ensureOffscreen(): Promise<void> {
  const chromeApi = (globalThis as unknown as { chrome?: ChromeOffscreen }).chrome;
  const api = chromeApi?.offscreen;
  if (!chromeApi || !api) throw new Error('No DOM available to prepare the article (this browser has no offscreen documents).');
  const existing = (await chromeApi.runtime.getContexts?.({ contextTypes: ['OFFSCREEN_DOCUMENT'] })) ?? [];
  if (existing.length) return;
  creating ??= api
    .createDocument({
      url: 'offscreen.html',
      reasons: ['DOM_PARSER'],
      justification: 'Sanitize article HTML, read fetched pages and suggest tags',
    })
    .catch((e: unknown) => {
      if (!String(e).includes('single offscreen')) throw e;
    })
    .finally(() => {
      creating = undefined;
    });
  await creating;
}

const NOT_LISTENING = /Receiving end does not exist|Could not establish connection/i;

/**
 * Sends to the offscreen document. A document another request has just created exists before its script
 * listens: Chrome then rejects with "Receiving end does not exist", so that case is retried briefly
 * (failing it turned a fetched import into a transient error, fetched again 15 s later).
 */
export async function sendWhenListening(send: () => Promise<unknown>, tries = 30, pauseMs = 100): Promise<unknown> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (e) {
      if (attempt >= tries || !NOT_LISTENING.test(String(e))) throw e;
      await new Promise((r) => setTimeout(r, pauseMs));
    }
  }
}

/** One request to the offscreen document; `what` names the work in error messages. */
async function ask<T extends object>(req: OffscreenRequest, ms: number, what: string): Promise<T> {
  await ensureOffscreen();
  const res = (await withTimeout(
    sendWhenListening(() => browser.runtime.sendMessage(req)),
    ms,
    `${what} took too long.`,
  )) as T | { error: string } | undefined;
  if (!res || typeof res !== 'object') throw new Error(`${what} failed: the offscreen document did not answer.`);
  // The offscreen document answers { error } alone when the work threw.
  if ('error' in res && Object.keys(res).length === 1) throw new Error(`${what} failed: ${res.error}`);
  return res as T;
}

export const offscreenWork: DomWork = {
  prepareHtml: (html, baseUrl) =>
    ask<StoredHtml>({ target: 'offscreen', type: 'prepare-html', html, baseUrl }, 30_000, 'Sanitizing the article'),
  analyzePage: (req) => ask<PageAnalysis>({ target: 'offscreen', type: 'analyze-page', req }, 30_000, 'Suggesting tags'),
  extractHtml: (html, url) => ask<Extracted>({ target: 'offscreen', type: 'extract-html', html, url }, 60_000, 'Reading the page'),
};

/** Starts an automatic sync round in the offscreen document (it answers once the round has started). */
export const startOffscreenSyncRound = () => ask<{ started: true }>({ target: 'offscreen', type: 'sync-round' }, 30_000, 'Starting sync');
