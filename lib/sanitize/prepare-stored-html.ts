// What the save path stores: sanitized HTML with one absolute src per image (no srcset, so the
// reader never reaches for a remote variant), plus the list of image URLs to download.
import { sanitizeArticleHtml } from './sanitize-html';

export interface StoredHtml {
  html: string;
  images: string[];
}

export function prepareStoredHtml(html: string, win: Window, baseUrl: string): StoredHtml {
  const doc = win.document.implementation.createHTMLDocument('');
  doc.body.innerHTML = sanitizeArticleHtml(html, win);
  const images: string[] = [];
  for (const img of doc.body.querySelectorAll('img')) {
    let src: string | null = null;
    try { src = new URL(img.getAttribute('src') ?? '', baseUrl).href; } catch { src = null; }
    if (!src || !/^(?:https?|data):/i.test(src)) { img.remove(); continue; }
    img.setAttribute('src', src);
    img.removeAttribute('srcset');
    img.removeAttribute('sizes');
    if (/^https?:/i.test(src) && !images.includes(src)) images.push(src);
  }
  for (const source of doc.body.querySelectorAll('picture source')) source.remove();
  return { html: doc.body.innerHTML, images };
}
