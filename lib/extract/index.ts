// Article extraction with the one DOMPurify pass (CLI, benchmarks, fetched pages). The tab's extraction
// script imports ./core instead and leaves sanitizing to the extension.
import { sanitizeArticleHtml } from '../sanitize/sanitize-html';
import { extractUnsanitized, type CoreExtractOptions } from './core';
import type { ExtractedArticle } from './types';

export { extractUnsanitized, readerClone, readMetadata, cleanByline, type CoreExtractOptions, type ExtractPhase } from './core';
export type { ExtractedArticle } from './types';

export interface ExtractOptions extends CoreExtractOptions {
  /** The window whose DOM DOMPurify uses; defaults to doc.defaultView. */
  window?: Window;
  /** Run DOMPurify on the content (default true); false is the same as extractUnsanitized. */
  sanitize?: boolean;
}

export function extractArticle(doc: Document, opts: ExtractOptions = {}): ExtractedArticle | null {
  const win = opts.window ?? doc.defaultView;
  if (!win) throw new Error('extractArticle needs a window for sanitizing');
  const article = extractUnsanitized(doc, opts);
  if (!article || opts.sanitize === false) return article;
  const t = opts.timings ? performance.now() : 0;
  const content = sanitizeArticleHtml(article.content, win);
  if (opts.timings) opts.timings.sanitize = (opts.timings.sanitize ?? 0) + performance.now() - t;
  return { ...article, content };
}
