// The page's lead image (the featured picture publishers declare as og:image / twitter:image / JSON-LD
// image and show by the headline): Readability often drops it, as it sits outside the body container.
// Found in the ORIGINAL page, it is put first in the content with its caption when the content lacks it.
import type { Json, MetaMap } from '../page-meta/index';
import { list } from './dom-list';
import { imageKey, srcsetMaxWidth, srcsetUrls } from './image-key';
import { typesOf } from './metadata';
import { CAPTION_RE, CONTENT_RE, FURNITURE_ROLES, hasFurnitureToken } from './patterns';
import { CAPTION_ATTR, LAZY_SRC_ATTRS, LAZY_SRCSET_ATTRS, promoteLazyImage } from './preprocess';
import { P_ATTR } from './recover';

const META_KEYS = ['og:image', 'og:image:url', 'og:image:secure_url', 'twitter:image', 'twitter:image:src'];
/** Text allowed between the image and the body's first paragraph: headline, standfirst, byline, date, caption. */
const MAX_GAP_TEXT = 700;
const MIN_WIDTH = 300;
const MIN_HEIGHT = 150;
const LOGO = /(?:^|[^a-z])(?:logo|logos|avatar|icon|favicon|sprite|badge|gravatar|placeholder)(?:[^a-z]|$)/i;
const CHROME_TAGS = new Set(['NAV', 'ASIDE', 'FOOTER']);

export interface LeadImage {
  img: Element;
  src: string;
  srcset: string | null;
  alt: string;
  caption: string;
  /** Keys (lib/extract/image-key) of every URL the page's <img> names. */
  keys: Set<string>;
}

function ldImageUrls(v: unknown, out: string[], depth = 0): void {
  if (depth > 2 || v == null) return;
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v.slice(0, 4)) ldImageUrls(x, out, depth + 1);
  else if (typeof v === 'object') {
    const o = v as Json;
    ldImageUrls(o.url ?? o.contentUrl, out, depth + 1);
  }
}

/** Keys of the images the page declares as its own (meta tags, the JSON-LD article's image). */
export function declaredImageKeys(metas: MetaMap, ld: Json[], base: string): Set<string> {
  const urls: string[] = [];
  for (const k of META_KEYS) {
    const v = metas.get(k);
    if (v) urls.push(v);
  }
  const art = ld.find((o) => typesOf(o).some((t) => /(?:Article|BlogPosting|Report|Posting|Review)$/.test(t)));
  if (art) ldImageUrls(art.image ?? art.thumbnailUrl, urls);
  // A publisher logo declared as the page image is the site's, not the article's.
  const logos = new Set<string>();
  for (const o of ld) {
    const logo: string[] = [];
    ldImageUrls(o.logo, logo);
    if (o.publisher && typeof o.publisher === 'object') ldImageUrls((o.publisher as Json).logo, logo);
    for (const u of logo) logos.add(imageKey(u, base) ?? '');
  }
  const keys = new Set<string>();
  for (const u of urls) {
    const k = imageKey(u, base);
    if (k && !logos.has(k) && !LOGO.test(k.slice(k.lastIndexOf('/')))) keys.add(k);
  }
  return keys;
}

/** Every URL an <img> names (src, srcset, lazy-loading attributes, its <picture> sources), as keys. */
export function imgKeys(img: Element, base: string): Set<string> {
  const urls = [img.getAttribute('src'), ...srcsetUrls(img.getAttribute('srcset'))];
  for (const a of LAZY_SRC_ATTRS) urls.push(img.getAttribute(a));
  for (const a of LAZY_SRCSET_ATTRS) urls.push(...srcsetUrls(img.getAttribute(a)));
  const pic = img.parentElement?.tagName === 'PICTURE' ? img.parentElement : null;
  if (pic)
    for (const s of list(pic.getElementsByTagName('source')))
      urls.push(...srcsetUrls(s.getAttribute('srcset') ?? s.getAttribute('data-srcset')));
  const keys = new Set<string>();
  for (const u of urls) {
    const k = imageKey(u, base);
    if (k) keys.add(k);
  }
  return keys;
}

/** Whether the <img> is too small to be a lead picture by what its attributes declare (unknown passes). */
function tooSmall(img: Element): boolean {
  const w = parseInt(img.getAttribute('width') ?? '', 10);
  const h = parseInt(img.getAttribute('height') ?? '', 10);
  if ((w > 0 && w < MIN_WIDTH) || (h > 0 && h < MIN_HEIGHT)) return true;
  const sw = Math.max(srcsetMaxWidth(img.getAttribute('srcset')), ...LAZY_SRCSET_ATTRS.map((a) => srcsetMaxWidth(img.getAttribute(a))));
  return sw > 0 && sw < MIN_WIDTH;
}

/**
 * Whether `el` sits in page chrome: nav/aside/footer, a landmark role other than main, a header outside
 * the article, a furniture class (sidebar, related, promo...), or a link to another page (a teaser).
 */
export function inPageChrome(el: Element, pageUrl: string): boolean {
  let header = false;
  for (let a: Element | null = el; a && a.tagName !== 'BODY'; a = a.parentElement) {
    const tag = a.tagName;
    if (tag === 'ARTICLE' || tag === 'MAIN') return false;
    if (CHROME_TAGS.has(tag)) return true;
    if (tag === 'HEADER') header = true;
    if (!a.hasAttributes()) continue;
    const role = a.getAttribute('role')?.toLowerCase();
    if (role === 'main') return false;
    if (role === 'banner') header = true;
    else if (role && FURNITURE_ROLES.has(role)) return true;
    const name = `${a.getAttribute('class') ?? ''} ${a.getAttribute('id') ?? ''}`;
    if (CONTENT_RE.test(name) || /articlebody/i.test(a.getAttribute('itemprop') ?? '')) return false;
    if (hasFurnitureToken(name)) return true;
    if (tag === 'A' && linksElsewhere(a.getAttribute('href'), pageUrl)) return true;
  }
  return header;
}

function linksElsewhere(href: string | null, pageUrl: string): boolean {
  if (!href || href.startsWith('#')) return false;
  try {
    const u = new URL(href, pageUrl);
    if (/\.(?:jpe?g|png|gif|webp|avif)$/i.test(u.pathname)) return false; // the full-size picture
    const p = new URL(pageUrl);
    return u.host !== p.host || u.pathname.replace(/\/$/, '') !== p.pathname.replace(/\/$/, '');
  } catch {
    return false;
  }
}

/** Length of the text between `from` and `to` (document order), or Infinity past `limit`. */
function textBetween(from: Element, to: Element, limit: number): number {
  const doc = from.ownerDocument;
  const walker = doc.createTreeWalker(doc.body, 4 /* SHOW_TEXT */);
  walker.currentNode = from;
  let n = 0;
  for (let t = walker.nextNode(), steps = 0; t; t = walker.nextNode(), steps++) {
    if (to.contains(t) || to.compareDocumentPosition(t) & 4 /* FOLLOWING */) return n;
    const p = t.parentElement?.tagName;
    if (p !== 'SCRIPT' && p !== 'STYLE' && p !== 'NOSCRIPT' && !from.contains(t)) n += (t.nodeValue ?? '').trim().length;
    if (n > limit || steps > 5000) return Infinity;
  }
  return n;
}

/** The caption of an image: its figure's figcaption, else caption/credit elements around it. */
export function captionOf(img: Element): string {
  let box: Element | null = img.closest('figure');
  if (!box) {
    // The widest wrapper still holding only this picture and a little text.
    for (let a = img.parentElement; a && a.tagName !== 'BODY'; a = a.parentElement) {
      if (a.getElementsByTagName('img').length > 1 || a.getElementsByTagName('p').length > 2 || (a.textContent ?? '').length > 600) break;
      box = a;
    }
  }
  if (!box) return '';
  const parts: string[] = [];
  for (const el of list(box.getElementsByTagName('*'))) {
    if (el.tagName !== 'FIGCAPTION' && !CAPTION_RE.test(`${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`)) continue;
    if (el.contains(img) || parts.some((p) => p.includes(norm(el.textContent ?? '')))) continue;
    const t = norm(el.textContent ?? '');
    if (t) parts.push(t);
  }
  return parts.join(' ').slice(0, 400);
}

const norm = (s: string) => s.replace(/[\s\u00a0]+/g, ' ').trim();

/**
 * The lead image of `doc` for an extracted `root` (Readability's, its paragraphs still tagged with
 * P_ATTR): a declared image shown in the page, outside page chrome, large enough, not a logo, just
 * before the body's first paragraph (little text in between) or within its first two paragraphs.
 */
export function findLeadImage(doc: Document, root: Element, declared: Set<string>, base: string): LeadImage | null {
  if (!declared.size || !doc.body) return null;
  const kept = list(root.getElementsByTagName('p'))
    .map((p) => Number(p.getAttribute(P_ATTR)))
    .filter((i) => i >= 0);
  if (!kept.length) return null;
  const origPs = doc.getElementsByTagName('p');
  const first = origPs[kept[0]];
  const third = kept[2] !== undefined ? origPs[kept[2]] : null;
  if (!first) return null;
  for (const img of list(doc.body.getElementsByTagName('img'))) {
    const keys = imgKeys(img, base);
    if (![...keys].some((k) => declared.has(k))) continue;
    if (tooSmall(img) || LOGO.test(`${img.getAttribute('class') ?? ''} ${img.getAttribute('id') ?? ''} ${img.getAttribute('alt') ?? ''}`))
      continue;
    if (inPageChrome(img, doc.URL || base)) continue;
    const before = !!(img.compareDocumentPosition(first) & 4);
    const near = before ? textBetween(img, first, MAX_GAP_TEXT) <= MAX_GAP_TEXT : !third || !!(img.compareDocumentPosition(third) & 4);
    if (!near) continue;
    const copy = img.cloneNode(false) as Element;
    promoteLazyImage(copy);
    let src = copy.getAttribute('src') ?? '';
    if (!imageKey(src, base)) src = srcsetUrls(copy.getAttribute('srcset'))[0] ?? '';
    if (!imageKey(src, base)) continue;
    return { img, src, srcset: copy.getAttribute('srcset'), alt: img.getAttribute('alt') ?? '', caption: captionOf(img), keys };
  }
  return null;
}

/** Puts `lead` first in `root` as <figure><img><figcaption>, unless the content already shows it. */
export function insertLeadImage(root: Element, lead: LeadImage, base: string): boolean {
  for (const img of list(root.getElementsByTagName('img'))) for (const k of imgKeys(img, base)) if (lead.keys.has(k)) return false;
  const d = root.ownerDocument;
  const fig = d.createElement('figure');
  const img = d.createElement('img');
  img.setAttribute('src', lead.src);
  if (lead.srcset) img.setAttribute('srcset', lead.srcset);
  img.setAttribute('alt', lead.alt);
  for (const a of ['width', 'height']) {
    const v = lead.img.getAttribute(a);
    if (v && /^\d+$/.test(v)) img.setAttribute(a, v);
  }
  fig.append(img);
  if (lead.caption) {
    const cap = d.createElement('figcaption');
    cap.setAttribute(CAPTION_ATTR, '');
    cap.textContent = lead.caption;
    fig.append(cap);
  }
  const host = root.firstElementChild?.tagName === 'DIV' && root.children.length === 1 ? root.firstElementChild : root;
  host.prepend(fig);
  return true;
}
