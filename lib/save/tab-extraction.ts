// What the tab's extraction script returns, and how a page load is told apart from the next one.
import type { Detection } from '../detect/index';
import type { ExtractedArticle } from '../extract/types';

/** One load of one page: the URL now, and an id that a reload or navigation replaces. */
export interface PageIdentity {
  url: string;
  pageId: string;
}

/** What the extraction script returns from the tab (plain data: it crosses a message boundary). */
export interface TabExtraction extends Partial<PageIdentity> {
  url: string;
  detection: Detection;
  article: ExtractedArticle | null;
  error?: string;
}

/**
 * Runs in the tab (extraction script, and alone via scripting.executeScript({ func }), so it must
 * reference nothing outside itself). The id lives in the extension's isolated world of the document:
 * a reload or a navigation makes a new document and so a new id; an SPA's pushState keeps the
 * document, and the URL tells that change apart. No crypto.randomUUID: plain-http pages are not
 * secure contexts.
 */
export function pageIdentity(): PageIdentity {
  const g = globalThis as { __gistPageId?: string };
  g.__gistPageId ??= `${performance.timeOrigin}:${Math.random().toString(36).slice(2)}`;
  return { url: location.href, pageId: g.__gistPageId };
}
