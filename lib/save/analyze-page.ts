// The part of a save that needs the word table and the Public Suffix List: the tags to suggest and the
// key to store the article under, in one call so the preview costs one round trip. Runs in Chrome's
// offscreen document, Firefox's background page and the CLI; never in Chrome's service worker, which
// wakes on every page load and asks for this through lib/save/save-article's analyzeFor.
import { suggestTagLists } from '../tags/index';
import { articleKey } from '../url/site';
import type { AnalysisRequest, PageAnalysis, TabExtraction } from './save-article';

export function analyzePage(req: AnalysisRequest): PageAnalysis {
  return { key: articleKey(req.url, req.canonicalUrl), tags: suggestTagLists(req.tagInput) };
}

/** The key the extension stores an extraction under (the CLI's `url`; the same rule as analyzePage's key). */
export function storageKey(ex: TabExtraction): string {
  return articleKey(ex.url, ex.article?.canonicalUrl ?? null);
}
