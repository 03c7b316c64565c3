// Plain text of article HTML: one line per block, blocks separated by blank lines. Captions (figcaption
// and caption-like blocks) are left out: they describe images, they are not body text.
import { CAPTION_ATTR } from './preprocess';

const BLOCK = new Set([
  'P',
  'DIV',
  'SECTION',
  'ARTICLE',
  'MAIN',
  'HEADER',
  'FOOTER',
  'ASIDE',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'UL',
  'OL',
  'LI',
  'DL',
  'DT',
  'DD',
  'BLOCKQUOTE',
  'PRE',
  'TABLE',
  'THEAD',
  'TBODY',
  'TFOOT',
  'TR',
  'FIGURE',
  'HR',
  'ADDRESS',
  'DETAILS',
  'SUMMARY',
  'CAPTION',
  'CENTER',
]);
const SKIP = new Set(['FIGCAPTION', 'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'BUTTON', 'SELECT', 'TEXTAREA', 'svg']);

export function isCaption(el: Element): boolean {
  return SKIP.has(el.tagName) || el.hasAttribute(CAPTION_ATTR);
}

export function blockText(root: Element): string {
  const lines: string[] = [];
  let cur = '';
  const flush = () => {
    const t = cur.replace(/[ \t\n\r\f\u00a0]+/g, ' ').trim();
    if (t) lines.push(t);
    cur = '';
  };
  const walk = (node: Node) => {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) {
        cur += c.nodeValue ?? '';
        continue;
      }
      if (c.nodeType !== 1) continue;
      const el = c as Element;
      if (isCaption(el)) continue;
      const tag = el.tagName;
      if (tag === 'BR') {
        flush();
        continue;
      }
      if (tag === 'TD' || tag === 'TH') {
        cur += ' ';
        walk(el);
        cur += ' ';
        continue;
      }
      if (BLOCK.has(tag)) {
        flush();
        walk(el);
        flush();
      } else walk(el);
    }
  };
  walk(root);
  flush();
  return lines.join('\n\n');
}
