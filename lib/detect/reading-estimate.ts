// The badge's reading time, estimated the way the extraction will count it: the text of the block
// Readability would most likely pick (the element with most paragraph text, its parent's paragraphs
// counting fully and its grandparent's by half, as Readability scores candidates), counted by
// lib/reading-time's countText (count-text.ts: the same count without compiling \p classes) over paragraphs, headings, list items, quotes and code (captions,
// navigation, asides and forms left out as the extraction leaves them out), plus its images. Runs only
// for pages detection calls articles. On 86 corpus articles under jsdom the badge then equals the
// extraction's minutes on 64 % (58 % counting the dominant container's <p> words only) and is within a
// minute on 91 % (79 %).
import type { TextCounts } from '../reading-time/index';
import { countReadingText } from './count-text';

const BLOCKS = 'p, h2, h3, h4, h5, h6, pre, li, blockquote, dd, dt';
const LEFT_OUT = 'figcaption, figure, nav, aside, footer, form, button';

export function estimateReading(doc: Document): TextCounts {
  const score = new Map<Element, number>();
  for (const p of doc.getElementsByTagName('p')) {
    const len = (p.textContent ?? '').length;
    if (len < 25) continue;
    const parent = p.parentElement;
    if (!parent) continue;
    score.set(parent, (score.get(parent) ?? 0) + len);
    const grand = parent.parentElement;
    if (grand) score.set(grand, (score.get(grand) ?? 0) + len / 2);
  }
  let top: Element | null = null;
  let best = 0;
  for (const [el, s] of score)
    if (s > best) {
      top = el;
      best = s;
    }
  if (!top) return { words: 0, cjkChars: 0, images: 0 };
  const parts: string[] = [];
  for (const el of top.querySelectorAll(BLOCKS)) {
    // Each text once: list items and quotes holding paragraphs or other items are read through those.
    const tag = el.tagName;
    if ((tag === 'LI' || tag === 'BLOCKQUOTE' || tag === 'DD') && el.querySelector('p, li, pre')) continue;
    if (tag !== 'P' && el.closest('p')) continue;
    if (el.closest(LEFT_OUT)) continue;
    parts.push(el.textContent ?? '');
  }
  let images = 0;
  for (const img of top.getElementsByTagName('img')) {
    const w = Number(img.getAttribute('width') || 0);
    const h = Number(img.getAttribute('height') || 0);
    if ((w && w < 100) || (h && h < 100)) continue; // icons, avatars, spacers
    images++;
  }
  const c = countReadingText(parts.join('\n'));
  return { words: c.words, cjkChars: c.cjkChars, images };
}
