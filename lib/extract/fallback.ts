// Second strategy when Readability finds nothing or too little: the block whose paragraphs hold the
// most non-link text (paragraph-density, as Goose/boilerpipe-like extractors do).
import { list } from './dom-list';

function ownText(el: Element): number {
  const t = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
  if (t.length < 25) return 0;
  let links = 0;
  for (const a of list(el.getElementsByTagName('a'))) links += (a.textContent ?? '').replace(/\s+/g, ' ').trim().length;
  return Math.max(0, t.length - 2 * links);
}

/** Picks the container with the most paragraph text; null when the page has almost none. */
export function densestBlock(doc: Document): Element | null {
  const body = doc.body;
  if (!body) return null;
  const scores = new Map<Element, number>();
  // <p>, and <div>/<td> that hold text directly (br-separated layouts).
  const TEXTY = new Set(['P', 'PRE', 'BLOCKQUOTE', 'DIV', 'TD', 'LI']);
  for (const el of list(body.getElementsByTagName('*'))) {
    if (!TEXTY.has(el.tagName)) continue;
    if (el.tagName !== 'P' && el.tagName !== 'PRE' && el.tagName !== 'BLOCKQUOTE') {
      let direct = 0;
      for (let c = el.firstChild; c; c = c.nextSibling) if (c.nodeType === 3) direct += (c.nodeValue ?? '').trim().length;
      if (direct < 80) continue;
    }
    const s = ownText(el);
    if (!s) continue;
    const parent = el.parentElement;
    if (parent) scores.set(parent, (scores.get(parent) ?? 0) + s);
    const grand = parent?.parentElement;
    if (grand) scores.set(grand, (scores.get(grand) ?? 0) + s / 2);
    if (el.tagName !== 'P') scores.set(el, (scores.get(el) ?? 0) + s);
  }
  let best: Element | null = null;
  let bestScore = 0;
  for (const [el, s] of scores)
    if (s > bestScore) {
      best = el;
      bestScore = s;
    }
  return bestScore >= 140 ? best : null;
}
