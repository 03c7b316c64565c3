// Puts back lists and tables that Readability dropped next to the body it kept: a recipe's ingredients
// and steps, a how-to's materials and step table, a product's spec list. Readability scores paragraphs,
// so a block of <li>/<td> text beside the article (a recipe card next to the post) loses to it.
// Survival through preprocess is read from a snapshot of the clone's lists, by tag and index.
import { list } from './dom-list';
import { P_ATTR } from './recover';

const TAGS = ['ul', 'ol', 'table'] as const;
const norm = (s: string) => s.replace(/[\s\u00a0]+/g, ' ').trim();

/** The clone's lists and tables, snapshotted before preprocess (same order as in the original). */
export function tagBlocks(clone: Document): Element[][] {
  return TAGS.map((t) => list(clone.getElementsByTagName(t)));
}

/** Per tag, the indices of the snapshotted blocks still in the clone (not removed as furniture). */
export function survivingBlocks(tagged: Element[][]): Set<number>[] {
  return tagged.map((els) => {
    const out = new Set<number>();
    for (let i = 0; i < els.length; i++) if (els[i].isConnected) out.add(i);
    return out;
  });
}

function linkShare(el: Element, len: number): number {
  let n = 0;
  for (const a of list(el.getElementsByTagName('a'))) n += norm(a.textContent ?? '').length;
  return len ? n / len : 1;
}

/** Body-like: enough text, mostly not links, and (for lists) at least two items. */
function worthKeeping(el: Element): boolean {
  const t = norm(el.textContent ?? '');
  if (t.length < 80 || t.length > 20000) return false;
  // Items holding paragraphs or headings are posts (comment threads, teaser cards), not a recipe's lines.
  if (el.getElementsByTagName('p').length || el.querySelector('h1, h2, h3, h4, h5, h6, article')) return false;
  if (el.tagName !== 'TABLE') {
    let items = 0,
      ledByLink = 0;
    for (let c = el.firstElementChild; c; c = c.nextElementSibling) {
      if (c.tagName !== 'LI') continue;
      items++;
      if (startsWithLink(c)) ledByLink++;
    }
    if (items < 2) return false;
    // Items that open with a link are teasers (a headline, then its blurb), not a recipe's lines.
    if (ledByLink * 2 >= items) return false;
  }
  return linkShare(el, t.length) < 0.3;
}

/** The item's text begins with a link's text of some length (a headline leading a teaser). */
function startsWithLink(li: Element): boolean {
  const a = li.getElementsByTagName('a')[0];
  const at = a ? norm(a.textContent ?? '') : '';
  return at.length >= 15 && norm(li.textContent ?? '').startsWith(at);
}

function ancestor(el: Element, levels: number): Element | null {
  let a: Element | null = el;
  for (let i = 0; i < levels && a; i++) a = a.parentElement;
  return a;
}

/** The short heading right before `el` (same parent), if any. */
function headingBefore(el: Element): Element | null {
  const prev = el.previousElementSibling;
  return prev && /^H[2-6]$/.test(prev.tagName) && norm(prev.textContent ?? '').length <= 80 ? prev : null;
}

export function recoverBlocks(root: Element, original: Document, survived: Set<number>[]): number {
  const kept = list(root.getElementsByTagName('p')).filter((p) => p.hasAttribute(P_ATTR));
  if (kept.length < 2) return 0;
  const origPs = original.getElementsByTagName('p');
  // Kept paragraphs in document order: [original, copy in root].
  const anchors: [Element, Element][] = [];
  for (const p of kept) {
    const o = origPs[Number(p.getAttribute(P_ATTR))];
    if (o) anchors.push([o, p]);
  }
  if (anchors.length < 2) return 0;
  const region = ancestor(anchors[anchors.length - 1][0], 3);
  if (!region) return 0;
  const first = anchors[0][0];
  let have: string | null = null;
  const missing = (el: Element) => !(have ??= norm(root.textContent ?? '')).includes(norm(el.textContent ?? '').slice(0, 200));
  const doc = root.ownerDocument;
  const lastInserted = new Map<Element, Element>();
  let added = 0;
  const found: Element[] = [];
  TAGS.forEach((tag, ti) => {
    const els = original.getElementsByTagName(tag);
    for (const i of survived[ti]) {
      const el = els[i];
      if (!el || !region.contains(el) || el.parentElement?.closest('ul, ol, table')) continue;
      // After the body's first paragraph, and not a layout table holding it.
      if (!(first.compareDocumentPosition(el) & 4) || el.contains(first)) continue;
      if (worthKeeping(el) && missing(el)) found.push(el);
    }
  });
  found.sort((a, b) => (a.compareDocumentPosition(b) & 4 ? -1 : 1));
  // What comes back stays in proportion to the body it joins.
  let budget = Math.max(3000, (have ??= norm(root.textContent ?? '')).length * 2);
  for (const el of found) {
    const len = norm(el.textContent ?? '').length;
    if (len > budget) continue;
    // The last kept paragraph before it, within three levels.
    let anchor: [Element, Element] | null = null;
    for (const a of anchors) {
      if (a[0].compareDocumentPosition(el) & 4) anchor = a;
      else break;
    }
    if (!anchor || !ancestor(anchor[0], 3)?.contains(el)) continue;
    const after = lastInserted.get(anchor[1]) ?? anchor[1];
    if (!after.parentNode) continue;
    const head = headingBefore(el);
    const copies: Element[] = [];
    if (head && missing(head)) copies.push(doc.importNode(head, true) as Element);
    copies.push(doc.importNode(el, true) as Element);
    after.after(...copies);
    lastInserted.set(anchor[1], copies[copies.length - 1]);
    budget -= len;
    added++;
  }
  return added;
}
