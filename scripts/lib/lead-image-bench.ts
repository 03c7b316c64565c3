// bench:extract's lead-image figure: on pages whose og:image is shown in the page's main column, the share
// whose extracted content keeps it.
//
// "Shown in the main column" is judged with the ground truth, not with the extractor's own rule: an <img>
// naming the og:image (src, srcset, lazy-loading attributes, <picture> sources; size variants folded by
// lib/extract/image-key) that is outside page chrome (nav/aside/footer, a header outside the article,
// landmark roles other than main, furniture classes such as sidebar/related/promo, links to other
// pages) and comes before the end of the true article body (the element holding its last paragraph).
import { imageKey } from '../../lib/extract/image-key';
import { imgKeys, inPageChrome } from '../../lib/extract/lead-image';
import { list } from '../../lib/extract/dom-list';

const OG_KEYS = ['og:image', 'og:image:url', 'og:image:secure_url'];
const norm = (s: string) => s.replace(/[\s\u00a0]+/g, ' ').trim();

function ogImageKeys(doc: Document, base: string): Set<string> {
  const keys = new Set<string>();
  for (const m of list(doc.getElementsByTagName('meta'))) {
    const p = (m.getAttribute('property') ?? m.getAttribute('name') ?? '').trim().toLowerCase();
    if (!OG_KEYS.includes(p)) continue;
    const k = imageKey(m.getAttribute('content'), base);
    if (k) keys.add(k);
  }
  return keys;
}

/** The smallest element whose text holds the start of the true body's last paragraph, or null. */
function bodyEnd(doc: Document, truth: string): Element | null {
  const paras = truth
    .split(/\n+/)
    .map(norm)
    .filter((p) => p.length >= 30);
  const last = paras.at(-1);
  if (!last || !doc.body) return null;
  const snippet = last.slice(0, 40);
  let best: Element | null = null;
  let bestLen = Infinity;
  for (const el of list(doc.body.getElementsByTagName('*'))) {
    const t = norm(el.textContent ?? '');
    if (t.length < bestLen && t.includes(snippet)) {
      best = el;
      bestLen = t.length;
    }
  }
  return best;
}

/**
 * The keys of the og:image as the page shows it in its main column, or null when it does not (no
 * og:image, not in the page, only in chrome or after the body). `undetermined` when the body's end
 * could not be found in the page (the page is then left out).
 */
export function ogImageInMainColumn(doc: Document, url: string, truth: string): Set<string> | null | 'undetermined' {
  const og = ogImageKeys(doc, url);
  if (!og.size || !doc.body) return null;
  const matches = list(doc.body.getElementsByTagName('img'))
    .map((img) => ({ img, keys: imgKeys(img, url) }))
    .filter(({ keys }) => [...keys].some((k) => og.has(k)));
  if (!matches.length) return null;
  const end = bodyEnd(doc, truth);
  if (!end) return 'undetermined';
  for (const { img, keys } of matches) {
    const beforeEnd = !!(img.compareDocumentPosition(end) & 4) || end.contains(img);
    if (beforeEnd && !inPageChrome(img, url)) return new Set([...og, ...keys]);
  }
  return null;
}

/** Whether the extracted HTML shows one of `keys`. */
export function contentKeeps(content: string, keys: Set<string>, doc: Document, url: string): boolean {
  const box = doc.createElement('div');
  box.innerHTML = content;
  return list(box.getElementsByTagName('img')).some((img) => [...imgKeys(img, url)].some((k) => keys.has(k)));
}
