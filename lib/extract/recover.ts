// Puts back body paragraphs that Readability dropped although they sit right next to the text it kept:
// a lede outside the main container, text before a table or embed (mozilla/readability#901, #922, #776).
// Paragraphs are matched through an index attribute set on the clone before parsing.
import { list } from './dom-list';
import { BOILER_LINE, DATE_LINE } from './patterns';
import { CAPTION_ATTR } from './preprocess';

export const P_ATTR = 'data-gist-p';

const norm = (s: string) => s.replace(/[\s\u00a0]+/g, ' ').trim();

/** Tags every <p> of the clone with its document-order index (same order as in the original); returns them. */
export function tagParagraphs(clone: Document): Element[] {
  const ps = list(clone.getElementsByTagName('p')); // snapshot: attribute writes would reset a live list
  for (let i = 0; i < ps.length; i++) ps[i].setAttribute(P_ATTR, String(i));
  return ps;
}

/** Indices of the tagged paragraphs still in the clone (i.e. not removed as furniture) and not captions. */
export function survivingParagraphs(tagged: Element[]): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i < tagged.length; i++) if (tagged[i].isConnected && !tagged[i].hasAttribute(CAPTION_ATTR)) out.add(i);
  return out;
}

function bodyLike(p: Element): boolean {
  const t = norm(p.textContent ?? '');
  if (t.length < 60 || BOILER_LINE.test(t) || DATE_LINE.test(t)) return false;
  if (!/[.!?…:"'”’)]$/.test(t) && t.length < 120) return false; // sentences, not labels
  let links = 0;
  for (const a of list(p.getElementsByTagName('a'))) links += norm(a.textContent ?? '').length;
  return links / t.length < 0.3;
}

/** Nearest common ancestor depth check: a and b share an ancestor at most `levels` above b. */
function near(a: Element, b: Element, levels: number): boolean {
  let anc: Element | null = b.parentElement;
  for (let i = 0; i < levels && anc; i++, anc = anc.parentElement) if (anc.contains(a)) return true;
  return false;
}

export function recoverParagraphs(root: Element, original: Document, survived: Set<number>): number {
  const kept = list(root.getElementsByTagName('p')).filter((p) => p.hasAttribute(P_ATTR));
  if (kept.length < 2) return 0;
  const keptIdx = new Map<number, Element>();
  for (const p of kept) keptIdx.set(Number(p.getAttribute(P_ATTR)), p);
  const sorted = [...keptIdx.keys()].sort((x, y) => x - y);
  const origPs = original.getElementsByTagName('p');
  const doc = root.ownerDocument;
  let added = 0;
  // Readability may have kept a paragraph's text in another element (e.g. a <p> turned into a <div>).
  // (The whole text is read only once a paragraph qualifies: on most pages none does.)
  let have: string | null = null;
  const missing = (p: Element) => !(have ??= norm(root.textContent ?? '')).includes(norm(p.textContent ?? '').slice(0, 200));

  // Leading paragraphs: walk back from the first kept one while they qualify.
  const first = sorted[0];
  const firstOrig = origPs[first];
  if (firstOrig) {
    for (let i = first - 1, steps = 0; i >= 0 && steps < 6; i--, steps++) {
      const op = origPs[i];
      if (!survived.has(i) || !near(op, firstOrig, 3) || !bodyLike(op) || !missing(op)) break;
      const copy = doc.importNode(op, true) as Element;
      const anchor = keptIdx.get(sorted[0]);
      if (!anchor?.parentNode) break;
      anchor.parentNode.insertBefore(copy, anchor);
      sorted.unshift(i);
      keptIdx.set(i, copy);
      added++;
    }
  }

  // Gaps inside the body: siblings of kept paragraphs that were dropped.
  for (let j = 0; j + 1 < sorted.length; j++) {
    const a = sorted[j],
      b = sorted[j + 1];
    if (b - a < 2 || b - a > 8) continue;
    const aOrig = origPs[a];
    const anchor = keptIdx.get(a);
    if (!aOrig || !anchor?.parentNode) continue;
    let after: Element = anchor;
    for (let i = a + 1; i < b; i++) {
      const op = origPs[i];
      if (!survived.has(i) || op.parentElement !== aOrig.parentElement || !bodyLike(op) || !missing(op)) continue;
      const copy = doc.importNode(op, true) as Element;
      if (after.parentNode !== anchor.parentNode) break;
      after.after(copy);
      after = copy;
      added++;
    }
  }
  return added;
}
