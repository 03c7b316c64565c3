// Article extraction: Readability on a clone of the document, then sanitizing.
// Baseline implementation; issue #4 adds pre/post-processing to beat bare Readability.
import { Readability } from '@mozilla/readability';
import { sanitizeArticleHtml } from '../sanitize/sanitize-html';
import { collectPublisherTags } from '../tags/publisher-tags';
import type { ExtractedArticle } from './types';

export type { ExtractedArticle } from './types';

export interface ExtractOptions {
  /** The page URL, used to resolve relative links and images. Defaults to doc.URL. */
  url?: string;
  /** The window whose DOM DOMPurify uses; defaults to doc.defaultView. */
  window?: Window;
}

function absolute(u: string | null | undefined, base: string): string | null {
  if (!u) return null;
  try { return new URL(u.trim(), base).href; } catch { return null; }
}

function meta(doc: Document, sel: string): string | null {
  return doc.querySelector(sel)?.getAttribute('content')?.trim() || null;
}

export function extractArticle(doc: Document, opts: ExtractOptions = {}): ExtractedArticle | null {
  const url = opts.url ?? doc.URL;
  const win = opts.window ?? doc.defaultView;
  if (!win) throw new Error('extractArticle needs a window for sanitizing');
  const clone = doc.cloneNode(true) as Document;
  const parsed = new Readability(clone, { keepClasses: false }).parse();
  if (!parsed || !parsed.content) return null;

  const holder = doc.implementation.createHTMLDocument('');
  holder.body.innerHTML = sanitizeArticleHtml(parsed.content, win);
  const images: string[] = [];
  for (const img of holder.body.querySelectorAll('img')) {
    const src = absolute(img.getAttribute('src'), url);
    if (!src) { img.remove(); continue; }
    img.setAttribute('src', src);
    img.removeAttribute('srcset');
    if (!images.includes(src)) images.push(src);
  }
  for (const a of holder.body.querySelectorAll('a[href]')) {
    const href = a.getAttribute('href') ?? '';
    if (!href.startsWith('#')) { const abs = absolute(href, url); if (abs) a.setAttribute('href', abs); }
  }
  const text = (parsed.textContent ?? '').replace(/[ \t\u00a0]+/g, ' ').replace(/\s*\n\s*/g, '\n').trim();
  const canonical = absolute(doc.querySelector('link[rel="canonical"]')?.getAttribute('href'), url)
    ?? absolute(meta(doc, 'meta[property="og:url"]'), url);
  const published = parsed.publishedTime ?? meta(doc, 'meta[property="article:published_time"]');
  const publishedDate = published ? new Date(published) : null;
  return {
    title: (parsed.title ?? doc.title ?? '').trim(),
    byline: parsed.byline?.trim() || null,
    siteName: parsed.siteName?.trim() || meta(doc, 'meta[property="og:site_name"]') || null,
    lang: parsed.lang || doc.documentElement.getAttribute('lang') || null,
    publishedTime: publishedDate && !Number.isNaN(publishedDate.getTime()) ? publishedDate.toISOString() : null,
    excerpt: parsed.excerpt?.trim() || null,
    content: sanitizeArticleHtml(holder.body.innerHTML, win),
    text,
    canonicalUrl: canonical,
    images,
    publisherTags: collectPublisherTags(doc),
  };
}
