// Cheap article detection for the always-on content script. Baseline; issue #4 adds real signals.
import { isProbablyReaderable } from '@mozilla/readability';

export interface Detection {
  isArticle: boolean;
  /** Estimated words in the main text, for the badge's reading time. */
  wordCount: number;
}

export function detectArticle(doc: Document): Detection {
  const isArticle = isProbablyReaderable(doc);
  let words = 0;
  for (const p of doc.querySelectorAll('p')) words += (p.textContent ?? '').split(/\s+/).filter(Boolean).length;
  return { isArticle, wordCount: words };
}
