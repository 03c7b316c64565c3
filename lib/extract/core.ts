// Article extraction: metadata from structured data, a cleaned clone for Readability, post-processing
// of its result and a density fallback when it finds too little. No sanitizer here: the tab's
// extraction script imports this file and must not carry DOMPurify (what leaves the tab is untrusted
// anyway and is sanitized before storing); lib/extract/index.ts adds the DOMPurify pass.
import { list } from './dom-list';
// The class file, not the package index: that also loads isProbablyReaderable (lib/extract/readability-class.d.ts).
import Readability from '@mozilla/readability/Readability.js';
import { rawPublisherTags } from '../tags/raw-publisher-tags';
import { densestBlock } from './fallback';
import { jsonLdObjects, metaTables } from '../page-meta/index';
import { attributeDecoder } from '../page-meta/decode';
import { inOthersSay, takeContentByline } from './byline';
import { declaredImageKeys, findLeadImage, insertLeadImage } from './lead-image';
import { extraByline, namedMetasOf, readMetadata, type PageMetadata } from './metadata';
import { articleTitle, documentTitle, hostLabels } from './title';
import { homeLinkNames, siteMatcher } from './site-name';
import { cleanByline, withoutSite } from './byline-clean';
import { BOILER_LINE } from './patterns';
import { postprocess, removeLeadingTitle } from './postprocess';
import { preprocess } from './preprocess';
import { ALLOWED_ATTRIBUTES } from '../sanitize/allowed-attributes';
import { recoverParagraphs, survivingParagraphs, tagParagraphs } from './recover';
import { recoverBlocks, survivingBlocks, tagBlocks } from './recover-blocks';
import { blockText } from './text';
import type { ExtractedArticle } from './types';

export type { ExtractedArticle } from './types';
export { readMetadata, cleanByline } from './metadata';

export interface CoreExtractOptions {
  /** The page URL, used to resolve relative links and images. Defaults to doc.URL. */
  url?: string;
  /** Benchmarks only: milliseconds per phase, added to what the object already holds. */
  timings?: Partial<Record<ExtractPhase, number>>;
}

export type ExtractPhase =
  'metadata' | 'clone' | 'preprocess' | 'readability' | 'recover' | 'postprocess' | 'finish' | 'sanitize' | 'publisherTags';

/** Below this many characters of body text, the result is treated as a miss and the fallback tried. */
const MIN_TEXT = 200;
/** With nothing else found, Readability's raw text is taken down to this (a nav's "Home" is no article). */
const MIN_ANY = 50;
/** A result with less than this share of the page's paragraph text also has the fallbacks tried. */
const SHORT_SHARE = 0.33;
const SAFE_IMG = /^(?:https?:|blob:|data:image\/(?:png|gif|jpe?g|webp|avif);)/i;

// Attributes worth handing to the sanitizer (which has the final word; see lib/sanitize): its own list.
const KEEP_ATTRS = new Set(ALLOWED_ATTRIBUTES);

function absoluteSrcset(srcset: string, base: string): string {
  return srcset
    .split(',')
    .map((part) => {
      const [u, ...d] = part.trim().split(/\s+/);
      return [absolute(u, base) ?? u, ...d].join(' ');
    })
    .join(', ');
}

function absolute(u: string | null | undefined, base: string): string | null {
  if (!u) return null;
  try {
    return new URL(u.trim(), base).href;
  } catch {
    return null;
  }
}

/**
 * The copy Readability works on: the body, and of the head only what Readability reads (<title>,
 * <meta>) plus a <base> for resolving links. A page's head is mostly scripts, styles and preloads:
 * copying them, then having Readability remove or walk them, was work for nothing.
 */
export function readerClone(doc: Document, baseHref: string | null): Document {
  const clone = doc.implementation.createHTMLDocument('');
  const html = clone.documentElement;
  for (const a of ['lang', 'dir', 'xml:lang']) {
    const v = doc.documentElement?.getAttribute(a);
    if (v) html.setAttribute(a, v);
  }
  const head = clone.head;
  head.textContent = '';
  if (baseHref) {
    const base = clone.createElement('base');
    base.setAttribute('href', baseHref);
    head.append(base);
  }
  const src = doc.head;
  if (src) {
    const keep = src.querySelectorAll('title, meta');
    for (let i = 0; i < keep.length; i++) head.append(clone.importNode(keep[i], true));
  }
  if (doc.body) clone.body.replaceWith(clone.importNode(doc.body, true));
  return clone;
}

/** The base for relative URLs: the page's own (a <base href> counts) when it is a web page, else `url`. */
function baseFor(doc: Document, url: string): string {
  const b = doc.baseURI;
  return b && /^https?:/i.test(b) ? b : url;
}

function runReadability(
  doc: Document,
  original: Document,
  base: string,
  meta: PageMetadata,
  phase: (name: ExtractPhase) => void,
): { root: Element | null; byline: string | null; excerpt: string | null; dir: string | null; pageText: () => number } {
  const clone = readerClone(doc, base);
  phase('clone');
  // Paragraphs are numbered first, so that the numbers match the original page's <p> elements even
  // when the byline search below removes one.
  const tagged = tagParagraphs(clone);
  const taggedBlocks = tagBlocks(clone);
  // No byline in the metadata: the one written in the page, looked for before the clean-up below.
  const byline = meta.byline ?? takeContentByline(clone);
  preprocess(clone);
  const survived = survivingParagraphs(tagged);
  const survivedBlocks = survivingBlocks(taggedBlocks);
  phase('preprocess');
  const reader = new Readability<Element>(clone, { keepClasses: true, disableJSONLD: true, serializer: (el) => el as Element });
  // Readability would read the <meta> tags again: it gets the metadata we already read (the title is
  // ours too, lib/extract/title); when we found a byline it skips its byline search. Cold in Chromium this saved ~9 ms per page (A/B on 91 Zyte pages): code Readability no
  // longer compiles and runs. (Readability 0.6's internal hook, checked by a unit test; without it,
  // Readability reads the metas copied into the clone's head itself.)
  const hook = reader as unknown as {
    _getArticleMetadata?: () => object;
    _isValidByline?: (node: Element, match: string) => boolean;
  };
  // Its byline search skips reviews and comments as ours does (a customer's name is no author).
  const valid = hook._isValidByline;
  if (typeof valid === 'function') hook._isValidByline = (node, match) => valid.call(reader, node, match) && !inOthersSay(node);
  if (typeof hook._getArticleMetadata === 'function') {
    hook._getArticleMetadata = () => ({
      title: meta.title ?? documentTitle(original),
      byline: byline ?? undefined,
      excerpt: meta.excerpt ?? undefined,
      siteName: meta.siteName ?? undefined,
      publishedTime: meta.publishedTime ?? undefined,
    });
  }
  const parsed = reader.parse();
  phase('readability');
  const root = parsed?.content ?? null;
  if (root) {
    recoverParagraphs(root, original, survived);
    recoverBlocks(root, original, survivedBlocks);
  }
  phase('recover');
  // The page's paragraph text (removed ones too), read only when the result looks short.
  const pageText = () => {
    let n = 0;
    for (const p of tagged) n += (p.textContent ?? '').length;
    return n;
  };
  // Readability's own byline search (run only when ours found none) keeps any short text in a byline-like
  // element: a date alone ("20 Nov 2019 08:00 GMT" in an author box) is no author, and would beat the
  // page's declared author. Its find is cleaned as ours is.
  const theirs = byline ? null : cleanByline(parsed?.byline);
  const fallback = theirs && !BOILER_LINE.test(theirs) ? theirs : null;
  return { root, byline: byline ?? fallback, excerpt: parsed?.excerpt ?? null, dir: parsed?.dir ?? null, pageText };
}

/**
 * What else the page offers when our result looks short: the densest block of the cleaned page, and
 * Readability on the page as it is (preprocess can drop a wrapper that holds an article written
 * without <p>; Readability alone then finds it). The longer one, or null.
 */
function fallbackRoots(doc: Document, base: string, tooShort: boolean): Element[] {
  const out: Element[] = [];
  // The densest block only for a near-empty result: on a long page it is often the comment thread.
  if (tooShort) {
    const clone = readerClone(doc, base);
    preprocess(clone);
    const dense = densestBlock(clone);
    if (dense) out.push(dense);
  }
  const plain = new Readability<Element>(readerClone(doc, base), {
    keepClasses: true,
    disableJSONLD: true,
    serializer: (el) => el as Element,
  }).parse();
  if (plain?.content) out.push(plain.content);
  return out;
}

/** The article with its HTML not yet sanitized (`content` is untrusted until lib/sanitize has run). */
export function extractUnsanitized(doc: Document, opts: CoreExtractOptions = {}): ExtractedArticle | null {
  const url = opts.url ?? doc.URL;
  const timings = opts.timings;
  let tPhase = timings ? performance.now() : 0;
  const phase = timings
    ? (name: ExtractPhase) => {
        const t = performance.now();
        timings[name] = (timings[name] ?? 0) + t - tPhase;
        tPhase = t;
      }
    : () => {};
  const tables = metaTables(doc);
  const metas = tables.first;
  const ld = jsonLdObjects(doc);
  const meta = readMetadata(doc, metas, ld, namedMetasOf(tables.rows));
  phase('metadata');

  const base = baseFor(doc, url);
  const r = runReadability(doc, doc, base, meta, phase);
  const siteName = meta.siteName;
  const site = siteMatcher(meta.siteNames, hostLabels(url), () => homeLinkNames(doc, url));
  const title = articleTitle(doc, meta.title, site);
  const found = r.byline ?? extraByline(metas, attributeDecoder(doc));
  const byline = found ? withoutSite(found, site.any) : meta.siteAuthor;

  let root = r.root;
  if (root) {
    postprocess(root, { title, byline });
    const lead = findLeadImage(doc, root, declaredImageKeys(metas, ld, base), base);
    if (lead) insertLeadImage(root, lead, base);
  }
  let text = root ? blockText(root) : '';
  if (text.length < MIN_TEXT || text.length < r.pageText() * SHORT_SHARE) {
    // Readability's own result before our clean-up: the last resort when the clean-up leaves almost
    // nothing (a links post whose paragraphs are whole links reads as teasers to postprocess).
    let rawAlt: Element | null = null;
    for (const alt of fallbackRoots(doc, base, text.length < MIN_TEXT)) {
      const raw = alt.cloneNode(true) as Element;
      removeLeadingTitle(raw, title);
      postprocess(alt, { title, byline });
      const altText = blockText(alt);
      if (altText.length > text.length * 1.5) {
        root = alt;
        text = altText;
      }
      rawAlt = raw;
    }
    // A sentence beats nothing: a short post that Readability reads whole must not come out empty.
    if (text.length < MIN_TEXT && rawAlt) {
      const rawText = blockText(rawAlt);
      if (rawText.length >= (text ? MIN_TEXT : MIN_ANY) && rawText.length > text.length * 1.5) {
        root = rawAlt;
        text = rawText;
      }
    }
  }
  phase('postprocess');
  if (!root || !text) return null;

  // Absolute URLs, image list, and attributes the sanitizer would drop anyway (classes, styles, data-*):
  // dropping them here in one pass makes the DOMPurify pass much cheaper.
  const images: string[] = [];
  const els = list(root.getElementsByTagName('*'));
  for (const el of els) {
    const tag = el.tagName;
    if (tag === 'IMG') {
      const src = absolute(el.getAttribute('src'), base);
      if (!src || !SAFE_IMG.test(src)) {
        el.remove();
        continue;
      }
      el.setAttribute('src', src);
      if (!images.includes(src)) images.push(src);
    }
    if (tag === 'IMG' || tag === 'SOURCE') {
      const srcset = el.getAttribute('srcset');
      if (srcset) el.setAttribute('srcset', absoluteSrcset(srcset, base));
    } else if (tag === 'A') {
      const href = el.getAttribute('href');
      if (href && !href.startsWith('#')) {
        const abs = absolute(href, base);
        if (abs) el.setAttribute('href', abs);
      }
    }
    // Attribute names as plain strings: walking el.attributes makes an Attr object per attribute.
    if (el.hasAttributes()) for (const name of el.getAttributeNames()) if (!KEEP_ATTRS.has(name)) el.removeAttribute(name);
  }
  if (root.hasAttribute('id')) root.removeAttribute('id');
  if (root.hasAttribute('class')) root.removeAttribute('class');

  let canonical: string | null = null;
  for (const l of list(doc.getElementsByTagName('link'))) {
    if (l.getAttribute('rel')?.toLowerCase() === 'canonical') {
      canonical = absolute(l.getAttribute('href'), url);
      break;
    }
  }
  canonical ??= absolute(metas.get('og:url'), url);
  phase('finish');
  const content = root.outerHTML;
  const publisherTags = rawPublisherTags(doc, ld, tables.all);
  phase('publisherTags');
  return {
    title,
    byline,
    siteName,
    lang: meta.lang,
    publishedTime: meta.publishedTime,
    excerpt: meta.excerpt ?? r.excerpt?.trim() ?? null,
    content,
    text,
    canonicalUrl: canonical,
    images,
    publisherTags,
  };
}
