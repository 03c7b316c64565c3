import type { Extracted } from '../../lib/fetch-queue/runner';
import type { StoredHtml } from '../../lib/sanitize/prepare-stored-html';
import type { AnalysisRequest, PageAnalysis } from '../../lib/save/save-article';
import { offscreenWork } from './dom-offscreen';

/**
 * The heavy work of a save or an import fetch: DOMPurify, Readability on fetched pages, the word table,
 * the Public Suffix List.
 */
export interface DomWork {
  /** Sanitizes and lists images. */
  prepareHtml(html: string, baseUrl: string): Promise<StoredHtml>;
  /** Suggests tags and computes the storage key (lib/save/analyze-page). */
  analyzePage(req: AnalysisRequest): Promise<PageAnalysis>;
  /** Extracts a fetched page (import queue). */
  extractHtml(html: string, url: string): Promise<Extracted>;
}

// Firefox's background page has a DOM and does the work in place. import.meta.env.FIREFOX is a build
// constant, so Chrome's bundle drops this branch and with it DOMPurify, Readability, the word table and
// the Public Suffix List (tldts),
// which would otherwise load each time the service worker wakes (every page load). A static import
// would not do: those modules have top-level side effects, so the bundler keeps them even unused.
const inPlace = () => import('./dom-in-place').then((m) => m.inPlaceWork);
const firefoxWork: DomWork = {
  prepareHtml: async (html, baseUrl) => (await inPlace()).prepareHtml(html, baseUrl),
  analyzePage: async (req) => (await inPlace()).analyzePage(req),
  extractHtml: async (html, url) => (await inPlace()).extractHtml(html, url),
};

export const domWork: DomWork = import.meta.env.FIREFOX ? firefoxWork : offscreenWork;
