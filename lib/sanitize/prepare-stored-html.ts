// What the save path stores: sanitized HTML with one absolute src per image (no srcset, so the
// reader never reaches for a remote variant), absolute links, plus the list of image URLs to download.
import { isSafeImageUrl, isSafeLinkUrl, sanitizeArticleFragment } from './sanitize-html';

export interface StoredHtml {
  html: string;
  images: string[];
}

function absolute(value: string, baseUrl: string): string | null {
  try {
    return new URL(value, baseUrl).href;
  } catch {
    return null;
  }
}

export function prepareStoredHtml(html: string, win: Window, baseUrl: string): StoredHtml {
  // An inert document: nothing parsed into it runs or loads.
  const doc = win.document.implementation.createHTMLDocument('');
  doc.body.replaceChildren(sanitizeArticleFragment(html, win));
  const images: string[] = [];
  for (const img of doc.body.querySelectorAll('img')) {
    // An empty src would resolve to the article page itself.
    const raw = (img.getAttribute('src') ?? '').trim();
    const src = raw ? absolute(raw, baseUrl) : null;
    if (!src || !/^(?:https?|data):/i.test(src) || !isSafeImageUrl(src)) {
      img.remove();
      continue;
    }
    img.setAttribute('src', src);
    img.removeAttribute('srcset');
    img.removeAttribute('sizes');
    if (/^https?:/i.test(src) && !images.includes(src)) images.push(src);
  }
  for (const source of doc.body.querySelectorAll('picture source')) source.remove();
  // Relative links would otherwise point into the extension once rendered in the library.
  for (const a of doc.body.querySelectorAll('a[href]')) {
    const raw = a.getAttribute('href') ?? '';
    if (raw.trim().startsWith('#')) continue;
    const href = absolute(raw, baseUrl);
    if (href && isSafeLinkUrl(href)) a.setAttribute('href', href);
    else {
      a.removeAttribute('href');
      a.removeAttribute('target');
      a.removeAttribute('rel');
    }
  }
  return { html: doc.body.innerHTML, images };
}
