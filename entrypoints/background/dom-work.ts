import type { Extracted } from '../../lib/fetch-queue/runner';
import type { StoredHtml } from '../../lib/sanitize/prepare-stored-html';
import type { SuggestedTags, TagInput } from '../../lib/tags/index';
import { offscreenWork } from './dom-offscreen';

/** The heavy work of a save or an import fetch: DOMPurify, Readability on fetched pages, the word table. */
export interface DomWork {
  /** Sanitizes and lists images. */
  prepareHtml(html: string, baseUrl: string): Promise<StoredHtml>;
  suggestTags(input: TagInput): Promise<SuggestedTags>;
  /** Extracts a fetched page (import queue). */
  extractHtml(html: string, url: string): Promise<Extracted>;
}

// Firefox's background page has a DOM and does the work in place. import.meta.env.FIREFOX is a build
// constant, so Chrome's bundle drops this branch and with it DOMPurify, Readability and the word table,
// which would otherwise load each time the service worker wakes (every page load). A static import
// would not do: those modules have top-level side effects, so the bundler keeps them even unused.
const inPlace = () => import('./dom-in-place').then((m) => m.inPlaceWork);
const firefoxWork: DomWork = {
  prepareHtml: async (html, baseUrl) => (await inPlace()).prepareHtml(html, baseUrl),
  suggestTags: async (input) => (await inPlace()).suggestTags(input),
  extractHtml: async (html, url) => (await inPlace()).extractHtml(html, url),
};

export const domWork: DomWork = import.meta.env.FIREFOX ? firefoxWork : offscreenWork;
