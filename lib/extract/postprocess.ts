// Clean-up of Readability's article element: leftover furniture lines, the repeated headline, bylines
// and date lines around the body, empty wrappers. Linear passes only (it runs on every extraction).
import { byTags } from './dom-list';
import { NOT_LETTER_OR_DIGIT } from './letter-class';
import { cleanByline } from './byline-clean';
import { CAPTION_ATTR } from './preprocess';
import { removeTeaserArticles } from './teasers';
import {
  BOILER_LINE,
  CAPTION_LINE,
  CART_LINE,
  DATE_LINE,
  FURNITURE_HEAD,
  LINK_INTRO,
  PRICE_RE,
  PROFILE_HREF,
  AUTHOR_HREF,
  SUBSCRIBE_HREF,
  PROMO_LINE,
  READ_ALSO_HEAD,
  isSocialLine,
} from './patterns';

const norm = (s: string) => s.replace(/[\s\u00a0]+/g, ' ').trim();
const NON_WORD = new RegExp(`${NOT_LETTER_OR_DIGIT}+`, 'g');
const key = (s: string) => s.toLowerCase().replace(NON_WORD, '');

const BLOCKS = new Set('P LI H1 H2 H3 H4 H5 H6 DIV BLOCKQUOTE DT DD SECTION HEADER FOOTER FIGURE ADDRESS'.split(' '));
const INLINE = new Set('SPAN STRONG B EM I A TIME SMALL'.split(' '));
const TEXT_PARENT = new Set(['P', 'LI', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'DT', 'DD', 'BLOCKQUOTE', ...INLINE]);
const BLOCK_CHILD = new Set('P DIV UL OL TABLE H1 H2 H3 H4 H5 H6 SECTION FIGURE BLOCKQUOTE PRE DL'.split(' '));
const EMPTYABLE = new Set('DIV SECTION SPAN P LI UL OL HEADER FOOTER FIGURE A STRONG B EM I DL BLOCKQUOTE'.split(' '));
const MEDIA = new Set('IMG PICTURE VIDEO AUDIO IFRAME TABLE HR BR svg SVG SOURCE CANVAS MATH math'.split(' '));

function hasMedia(el: Element): boolean {
  if (MEDIA.has(el.tagName)) return true;
  const d = el.getElementsByTagName('*');
  for (let i = 0; i < d.length; i++) if (MEDIA.has(d[i].tagName)) return true;
  return false;
}

function linkShare(el: Element, textLen: number): number {
  if (!textLen) return 0;
  if (el.tagName === 'A') return 1;
  let n = 0;
  const as = el.getElementsByTagName('a');
  for (let i = 0; i < as.length; i++) n += norm(as[i].textContent ?? '').length;
  return n / textLen;
}

function hasBlockChild(el: Element): boolean {
  for (let c = el.firstElementChild; c; c = c.nextElementSibling) if (BLOCK_CHILD.has(c.tagName)) return true;
  return false;
}

/** Removes elements left without text or media; returns whether `el` keeps any. */
function pruneEmpty(el: Element): boolean {
  let content = false;
  for (let c = el.firstChild; c;) {
    const next = c.nextSibling;
    if (c.nodeType === 3) {
      if (!content && /\S/.test(c.nodeValue ?? '')) content = true;
    } else if (c.nodeType === 1) {
      const e = c as Element;
      if (MEDIA.has(e.tagName)) content = true;
      else if (pruneEmpty(e)) content = true;
      else if (EMPTYABLE.has(e.tagName)) e.remove();
    }
    c = next;
  }
  return content;
}

const HEADING = /^H[1-6]$/;
const AD_BOX = new Set('DIV ASIDE SECTION FIGURE P UL OL LI TABLE'.split(' '));

/** Whether `el` has no text-bearing element or text before `child` (media-only elements don't count). */
function headsParent(child: Element): boolean {
  for (let c = child.parentElement?.firstChild ?? null; c && c !== child; c = c.nextSibling)
    if (/\S/.test(c.textContent ?? '')) return false;
  return true;
}

/**
 * Blocks headed by a furniture heading ("Möchten Sie weiterlesen?", "About the author", "Latest news"):
 * the smallest wrapper the heading opens, or the heading and its following siblings up to the next
 * heading when it stands in the body's own container. Only short or link-heavy blocks go.
 */
function removeHeadedFurniture(root: Element, el: Element, rootLen: number): void {
  let box = el;
  while (box.parentElement && box.parentElement !== root && headsParent(box)) {
    const len = norm(box.parentElement.textContent ?? '').length;
    if (len > 2500 || len > rootLen * 0.5) break;
    box = box.parentElement;
  }
  const doomed: Element[] = [box];
  if (box === el || (box.parentElement === root && HEADING.test(el.tagName) && box === el)) {
    // A bare heading: it and what follows it, up to the next heading of the same or a higher rank.
    const rank = HEADING.test(el.tagName) ? Number(el.tagName[1]) : 7;
    for (let n = el.nextElementSibling; n; n = n.nextElementSibling) {
      if (HEADING.test(n.tagName) && Number(n.tagName[1]) <= rank) break;
      if (n.querySelector('h1, h2, h3, h4, h5, h6')) break;
      doomed.push(n);
    }
  }
  let len = 0;
  let links = 0;
  for (const d of doomed) {
    const t = norm(d.textContent ?? '').length;
    len += t;
    links += linkShare(d, t) * t;
  }
  if (len > rootLen * 0.5 || (len > 1200 && links / len < 0.4)) return;
  for (const d of doomed) d.remove();
}

/**
 * The caption in a caption-shaped line: a paragraph that opens with its lead photo's credit and goes on
 * with the body ("<p><span><img>© Photo</span> The story begins…</p>") has only that first element
 * as caption; the body's first paragraph stays text.
 */
function captionPart(el: Element, t: string): Element {
  const first = el.firstElementChild;
  const lead = norm(first?.textContent ?? '');
  return first && t.startsWith(lead) && t.length - lead.length >= 80 && CAPTION_LINE.test(lead) ? first : el;
}

/** A product advert inside the body: a short block with a price and a buy/deal link. */
function isProductAd(el: Element): boolean {
  const t = norm(el.textContent ?? '');
  if (t.length > 300 || !PRICE_RE.test(t)) return false;
  const as = el.getElementsByTagName('a');
  for (let i = 0; i < as.length; i++) if (CART_LINE.test(norm(as[i].textContent ?? ''))) return true;
  return false;
}

const BOX = new Set('DIV SECTION ASIDE FOOTER'.split(' '));

/**
 * A short box that is not the article: a sign-up, subscription or login call (it links to such a page)
 * or an author box (a photo beside the author's page link or two profile links), with short text.
 */
function isCallOrAuthorBox(el: Element): boolean {
  const t = norm(el.textContent ?? '');
  if (t.length > 400 || !t) return false;
  const as = el.getElementsByTagName('a');
  let profiles = 0;
  let author = false;
  for (let i = 0; i < as.length; i++) {
    const href = as[i].getAttribute('href') ?? '';
    if (SUBSCRIBE_HREF.test(href)) return true;
    if (AUTHOR_HREF.test(href)) author = true;
    else if (PROFILE_HREF.test(href)) profiles++;
  }
  return (author || profiles > 1) && el.getElementsByTagName('img').length > 0;
}

/** A block that repeats the headline: its text the title's, or a top heading holding most of it. */
function repeatsTitle(b: Element, t: string, titleKey: string): boolean {
  const k = key(t);
  return (
    titleKey.length > 10 && (k === titleKey || (/^H[1-3]$/.test(b.tagName) && titleKey.includes(k) && k.length > titleKey.length * 0.6))
  );
}

/**
 * Readability's raw result, taken when our clean-up leaves too little, still starts with the headline
 * where Readability's own check misses it (its word split finds no words in Japanese or Chinese): the
 * first text block goes when it repeats the title.
 */
export function removeLeadingTitle(root: Element, title: string): void {
  for (const b of byTags(root, BLOCKS)) {
    if (hasBlockChild(b)) continue;
    const t = norm(b.textContent ?? '');
    if (!t) continue;
    if (repeatsTitle(b, t, key(title)) && !hasMedia(b)) b.remove();
    return;
  }
}

export interface PostOptions {
  title: string;
  byline: string | null;
}

export function postprocess(root: Element, opts: PostOptions): void {
  const titleKey = key(opts.title);
  const bylineKey = opts.byline ? key(opts.byline) : '';
  let all = byTags(root, new Set([...BLOCKS, ...INLINE]));

  // 0. Whole furniture blocks inside the body: teaser cards beside the body's <article>, product adverts,
  //    then blocks under a furniture heading.
  let removed = removeTeaserArticles(root) > 0;
  for (const el of all) {
    if (AD_BOX.has(el.tagName) && root.contains(el) && (isProductAd(el) || (BOX.has(el.tagName) && isCallOrAuthorBox(el)))) {
      el.remove();
      removed = true;
    }
  }
  let rootLen = -1;
  for (const el of all) {
    const tag = el.tagName;
    if (!HEADING.test(tag) && tag !== 'P' && tag !== 'DIV' && tag !== 'STRONG' && tag !== 'B') continue;
    if (hasBlockChild(el) || !root.contains(el)) continue;
    const raw = el.textContent ?? '';
    if (raw.length > 200) continue;
    const t = norm(raw);
    if (!t || !(FURNITURE_HEAD.test(t) || (HEADING.test(tag) && READ_ALSO_HEAD.test(t)))) continue;
    if (rootLen < 0) rootLen = norm(root.textContent ?? '').length;
    removeHeadedFurniture(root, el, rootLen);
    removed = true;
  }
  if (removed) all = all.filter((el) => root.contains(el));

  // 1. Short furniture lines anywhere: boilerplate labels, "Read more: <link>", date lines, share-button
  //    rows, promos, standalone links to other stories. Caption-shaped lines are marked, not removed.
  //    Inline elements count only when they stand alone (not inside a paragraph).
  for (const el of all) {
    const tag = el.tagName;
    if (INLINE.has(tag) && el.parentElement && TEXT_PARENT.has(el.parentElement.tagName)) continue;
    if (hasBlockChild(el) || !root.contains(el)) continue;
    const raw = el.textContent ?? '';
    if (raw.length > 1200) continue;
    const t = norm(raw);
    if (!t || t.length > 400) continue;
    if (t.length <= 400 && CAPTION_LINE.test(t)) {
      captionPart(el, t).setAttribute(CAPTION_ATTR, '');
      continue;
    }
    if (t.length > 200) continue;
    const bare = t.replace(/^[|•·–—\-\s]+/, '');
    let drop =
      (bare.length <= 80 && BOILER_LINE.test(bare)) ||
      (bare.length <= 90 && DATE_LINE.test(bare)) ||
      isSocialLine(bare) ||
      PROMO_LINE.test(bare) ||
      CART_LINE.test(bare) ||
      FURNITURE_HEAD.test(bare);
    if (!drop) {
      const links = linkShare(el, t.length);
      drop =
        (LINK_INTRO.test(bare) && links > 0.5) ||
        // A paragraph or heading that is nothing but a link: a teaser for another story.
        // Not list items or headings (product names in guides), not bare URLs (cited sources).
        (links >= 0.9 && t.length <= 150 && (tag === 'P' || tag === 'DIV') && !/^(?:https?:\/\/|www\.)\S+$/i.test(t));
    }
    if (drop && !hasMedia(el)) el.remove();
  }

  // 2. Around the start: repeated headline, byline and date lines (only short leading blocks).
  let seen = 0;
  for (const b of all) {
    if (INLINE.has(b.tagName) && b.tagName !== 'TIME' && b.tagName !== 'SPAN') continue;
    if (hasBlockChild(b) || !root.contains(b)) continue;
    const t = norm(b.textContent ?? '');
    if (!t) continue;
    if (++seen > 8 || t.length > 160) break;
    const isTitle = repeatsTitle(b, t, titleKey);
    const k = key(t);
    const isByline =
      // The byline as written, its role or site included ("Tom Krisher, AP Auto Writer" for "Tom Krisher").
      (bylineKey !== '' && (k === bylineKey || key(cleanByline(t) ?? '') === bylineKey)) ||
      (/^by\s+\S/i.test(t) && t.length < 80 && cleanByline(t) !== null && !/[.!?]$/.test(t));
    const isDate = t.length < 90 && DATE_LINE.test(t);
    if ((isTitle || isByline || isDate) && !hasMedia(b)) b.remove();
    else if (t.length > 100) break;
  }

  // 3. Wrappers left empty by the removals above, then a heading left last (its list of stories gone).
  pruneEmpty(root);
  const hs = root.querySelectorAll('h1, h2, h3, h4, h5, h6');
  let last: Element | null = hs[hs.length - 1];
  for (let n: Element | null = last; n && n !== root; n = n.parentElement) if (n.nextElementSibling) last = null;
  if (last && !hasMedia(last)) {
    last.remove();
    pruneEmpty(root);
  }
}
