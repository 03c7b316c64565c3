// Cheap clean-up of a document CLONE before Readability: promote lazy images, drop hidden elements and
// page furniture (share bars, related lists, ads, forms, comments...). One pass over a snapshot of the
// elements with plain attribute reads: no getComputedStyle and no selector engine (slow under jsdom:
// one attribute selector over the body cost more than the whole pass).
import { list } from './dom-list';
import { NOT_LETTER_OR_DIGIT } from './letter-class';
import { CAPTION_RE, CONTENT_RE, FURNITURE_ROLES, FURNITURE_TAG_SET, hasFurnitureToken } from './patterns';

export const CAPTION_ATTR = 'data-gist-caption';

const PLACEHOLDER_SRC =
  /^(?:data:|about:|$)|(?:blank|spacer|placeholder|pixel|transparent|lazy|loading|grey|gray|1x1|empty)[^/]*\.(?:gif|png|svg|jpe?g|webp)/i;
export const LAZY_SRC_ATTRS = (
  'data-src data-original data-lazy-src data-lazy data-url data-hi-res-src data-full-src data-orig-src ' +
  'data-echo data-img-src data-large-src data-actualsrc data-native-src'
).split(' ');
export const LAZY_SRCSET_ATTRS = ['data-srcset', 'data-lazy-srcset', 'data-original-srcset'];
const IMG_URL = /^(?:https?:)?\/\/|^\/[^/]|\.(?:jpe?g|png|gif|webp|avif)(?:[?#]|$)/i;
const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)/i;

/** data-src & co. into src/srcset. */
export function promoteLazyImage(img: Element): void {
  const src = img.getAttribute('src')?.trim() ?? '';
  if (!src || PLACEHOLDER_SRC.test(src)) {
    for (const a of LAZY_SRC_ATTRS) {
      const v = img.getAttribute(a)?.trim();
      if (v && IMG_URL.test(v)) {
        img.setAttribute('src', v);
        break;
      }
    }
  }
  for (const a of LAZY_SRCSET_ATTRS) {
    const v = img.getAttribute(a)?.trim();
    if (v) {
      img.setAttribute('srcset', v);
      break;
    }
  }
  if (!img.getAttribute('src')) {
    const first = img.getAttribute('srcset')?.split(',')[0].trim().split(/\s+/)[0];
    if (first) img.setAttribute('src', first);
  }
}

/** <noscript><img></noscript>: the real image replaces a placeholder just before it, or the noscript. */
export function promoteNoscriptImage(ns: Element): void {
  let inner: Element | null = ns.getElementsByTagName('img')[0] ?? null;
  if (!inner && /<img\b/i.test(ns.textContent ?? '')) {
    // With scripting on (real browsers), noscript content is raw text: parse it inertly (DOMParser's
    // document runs and loads nothing). A cloned document has no window: the realm's DOMParser then.
    const Parser = ns.ownerDocument.defaultView?.DOMParser ?? globalThis.DOMParser;
    if (Parser) inner = new Parser().parseFromString(ns.textContent ?? '', 'text/html').querySelector('img');
  }
  if (!inner) return;
  const prev = ns.previousElementSibling;
  const placeholder = prev?.tagName === 'IMG' ? prev : (prev?.getElementsByTagName('img')[0] ?? null);
  const real = inner.cloneNode(true) as Element;
  if (placeholder) {
    const psrc = placeholder.getAttribute('src') ?? '';
    if (!psrc || PLACEHOLDER_SRC.test(psrc)) {
      placeholder.replaceWith(real);
      ns.remove();
    }
  } else {
    ns.replaceWith(real);
  }
}

const CAPTION_TAGS = new Set(['P', 'DIV', 'SPAN', 'SMALL', 'EM', 'I']);
const PAGE_BLOCKS = new Set(['BODY', 'MAIN', 'ARTICLE']);

/**
 * A photo's caption without caption markup: the one or two short text blocks that share a small
 * wrapper with an image and nothing else (`<div><img><p>caption</p></div>`). Marked, kept in the
 * content, not counted as body text.
 */
function markImageCaption(img: Element): void {
  let holder = img;
  for (let i = 0; i < 2; i++) {
    const p = holder.parentElement;
    if (!p || (p.tagName !== 'PICTURE' && p.tagName !== 'A' && p.childElementCount !== 1) || PAGE_BLOCKS.has(p.tagName)) break;
    holder = p;
  }
  const wrapper = holder.parentElement;
  if (!wrapper || PAGE_BLOCKS.has(wrapper.tagName) || wrapper.childElementCount > 3) return;
  const texts: Element[] = [];
  for (let c = wrapper.firstChild; c; c = c.nextSibling) {
    if (c === holder) continue;
    if (c.nodeType === 3) {
      if (/\S/.test(c.nodeValue ?? '')) return;
      continue;
    }
    if (c.nodeType !== 1) continue;
    const e = c as Element;
    if (!CAPTION_TAGS.has(e.tagName) || e.getElementsByTagName('img').length || e.getElementsByTagName('p').length) return;
    const len = (e.textContent ?? '').trim().length;
    if (len > 300) return;
    if (len) texts.push(e);
  }
  if (texts.length === 0 || texts.length > 2) return;
  for (const e of texts) markCaption(e);
}

/** Inline tags Readability leaves in the paragraph it wraps a <div>'s inline content in. */
const INLINE_TAGS = new Set('A ABBR B BR CITE CODE EM I MARK Q S SMALL SPAN STRONG SUB SUP TIME U'.split(' '));

/**
 * Marks a caption. Readability rebuilds a <div> of inline content as a new <p> (and a <div> holding one
 * <p> as that <p>), dropping the div's attributes: the mark then goes on that paragraph, or the caption
 * ("<div class=wp-caption-text><span>Jane Doe</span></div>") reads as the body's first line.
 */
function markCaption(el: Element): void {
  el.setAttribute(CAPTION_ATTR, '');
  if (el.tagName !== 'DIV') return;
  const kids = el.children;
  if (kids.length === 1 && kids[0].tagName === 'P') {
    kids[0].setAttribute(CAPTION_ATTR, '');
    return;
  }
  for (let i = 0; i < kids.length; i++) if (!INLINE_TAGS.has(kids[i].tagName)) return;
  const p = el.ownerDocument.createElement('p');
  p.setAttribute(CAPTION_ATTR, '');
  while (el.firstChild) p.append(el.firstChild);
  el.append(p);
}

function pTextLength(el: Element): number {
  let n = 0;
  const ps = el.getElementsByTagName('p');
  for (let i = 0; i < ps.length; i++) n += (ps[i].textContent ?? '').length;
  return n;
}

/** A camelCase class word ending in Caption or Credit ("InlineImage-imageEmbedCredit"), which CAPTION_RE's word edges miss. */
const CAMEL_CAPTION = /[a-z](?:Caption|Credit)s?(?:$|[\s_-])/;

// What a class or id string says, as bit flags. Pages repeat the same few class strings on hundreds of
// elements, so each distinct string is tested once. Flags of "class id" are the OR of both halves: the
// patterns match whole space-separated tokens, never across the space.
const FURNITURE = 1,
  CONTENT = 2,
  CAPTION = 4;
function nameFlags(name: string, memo: Map<string, number>): number {
  let f = memo.get(name);
  if (f === undefined) {
    f =
      (hasFurnitureToken(name) ? FURNITURE : 0) |
      (CONTENT_RE.test(name) ? CONTENT : 0) |
      (CAPTION_RE.test(name) || CAMEL_CAPTION.test(name) ? CAPTION : 0);
    memo.set(name, f);
  }
  return f;
}

const NOT_LETTERS = new RegExp(NOT_LETTER_OR_DIGIT, 'g');
const letters = (s: string) => s.toLowerCase().replace(NOT_LETTERS, '');
/** An id's flags, none when it is the heading the element opens with made an anchor ("sharing-with-a-single-developer"): a section, not a role. */
function idFlags(el: Element, id: string, memo: Map<string, number>): number {
  const f = nameFlags(id, memo);
  return f & FURNITURE && letters(el.firstElementChild?.textContent ?? '') === letters(id) ? 0 : f;
}

/**
 * A hover card after a link in a paragraph ("Rep. <a href=/people/x>Ann Lee</a><span>(photo, the same
 * link, her latest stories)</span> said…"): shown on hover, its text would land inside the sentence.
 * The card is the element right after the link holding the same link with a photo or more links.
 */
function hoverCard(a: Element): Element | null {
  const href = a.getAttribute('href');
  const card = a.nextElementSibling;
  if (!href || !card || card.tagName === 'A' || a.nextSibling !== card) return null;
  const links = list(card.getElementsByTagName('a'));
  return (links.length > 1 || card.getElementsByTagName('img').length) &&
    links.some((l) => l.getAttribute('href') === href) &&
    a.closest('p')
    ? card
    : null;
}

// Readability drops any element whose class or id has "header" in it as an unlikely candidate: recipe
// cards class their "Ingredients" and "Instructions" subheadings (or the heading's wrapper) "*-header".
const SUBHEAD = /^H[2-6]$/;

/**
 * Promotes lazy images and removes hidden elements and page furniture from `doc` (a clone).
 * Elements marked as the content (itemprop=articleBody, article-body-like class) and their ancestors,
 * <main>, <article> and <body> are never removed, nor is any block holding most of the paragraph text.
 */
export function preprocess(doc: Document): void {
  const body = doc.body;
  if (!body) return;
  const all = list(body.getElementsByTagName('*'));
  const names = new Map<string, number>();
  const marked: Element[] = [];
  const candidates: Element[] = [];
  const noscripts: Element[] = [];
  for (const el of all) {
    const tag = el.tagName;
    if (tag === 'IMG') {
      promoteLazyImage(el);
      markImageCaption(el);
      continue;
    }
    if (tag === 'NOSCRIPT') {
      noscripts.push(el);
      continue;
    }
    if (tag === 'FIGCAPTION') el.setAttribute(CAPTION_ATTR, '');
    if (FURNITURE_TAG_SET.has(tag)) {
      candidates.push(el);
      continue;
    }
    if (!el.hasAttributes()) continue;
    const card = tag === 'A' && hoverCard(el);
    if (card) candidates.push(card);
    if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') {
      candidates.push(el);
      continue;
    }
    const style = el.getAttribute('style');
    if (style && HIDDEN_STYLE.test(style)) {
      candidates.push(el);
      continue;
    }
    const role = el.getAttribute('role');
    if (role && FURNITURE_ROLES.has(role.toLowerCase())) {
      candidates.push(el);
      continue;
    }
    const itemprop = el.getAttribute('itemprop');
    if (itemprop && /articlebody/i.test(itemprop)) marked.push(el);
    const cls = el.getAttribute('class');
    const id = el.getAttribute('id');
    if (!cls && !id) continue;
    const f = (cls ? nameFlags(cls, names) : 0) | (id ? idFlags(el, id, names) : 0);
    // A furniture token loses to a content token.
    if (f & FURNITURE && !(f & CONTENT)) candidates.push(el);
    else if (f & CONTENT) {
      if (marked.length < 8) marked.push(el);
    } else if (f & CAPTION) markCaption(el);
    else if (
      (SUBHEAD.test(tag) || (tag === 'DIV' && SUBHEAD.test(el.firstElementChild?.tagName ?? ''))) &&
      /header/i.test(cls + ' ' + id)
    ) {
      el.removeAttribute('class');
      el.removeAttribute('id');
    }
  }
  for (const ns of noscripts) if (ns.parentNode) promoteNoscriptImage(ns);

  let totalP = -1;
  const holdsArticle = (el: Element) => {
    if (totalP < 0) totalP = pTextLength(body);
    return totalP >= 400 && pTextLength(el) > totalP * 0.4;
  };
  const isProtected = (el: Element) => {
    if (el.tagName === 'MAIN' || el.tagName === 'ARTICLE') return true;
    for (const m of marked) if (el === m || el.contains(m)) return true;
    return false;
  };
  for (const el of candidates) {
    // Skip what already left with an ancestor (cheap check: parent chain up to the body).
    if (!el.parentNode || !body.contains(el)) continue;
    if (isProtected(el)) continue;
    const tag = el.tagName;
    if (tag !== 'SCRIPT' && tag !== 'STYLE' && tag !== 'LINK' && tag !== 'SVG' && tag !== 'svg' && holdsArticle(el)) continue;
    el.remove();
  }
}
