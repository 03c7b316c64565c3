// The one place that decides which HTML we store or render: DOMPurify with an article allowlist.
// Runs in the tab (extraction), in the extension (save, render) and under Node (CLI, tests).
import createDOMPurify, { type Config } from 'dompurify';

const ALLOWED_TAGS = [
  'a', 'abbr', 'address', 'article', 'aside', 'b', 'bdi', 'bdo', 'blockquote', 'br', 'caption', 'cite',
  'code', 'col', 'colgroup', 'dd', 'del', 'details', 'dfn', 'div', 'dl', 'dt', 'em', 'figcaption', 'figure',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'footer', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'main', 'mark', 'ol', 'p',
  'picture', 'pre', 'q', 'rp', 'rt', 'ruby', 's', 'samp', 'section', 'small', 'source', 'span', 'strong', 'sub', 'summary',
  'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'time', 'tr', 'u', 'ul', 'var', 'wbr',
];
const ALLOWED_ATTR = [
  'href', 'src', 'srcset', 'sizes', 'alt', 'title', 'width', 'height', 'colspan', 'rowspan', 'datetime', 'cite',
  'lang', 'dir', 'start', 'reversed', 'type', 'scope', 'headers', 'abbr', 'open', 'media',
];
// http(s), mailto, relative and fragment links only; images may also be blob:/data:image.
const SAFE_URI = /^(?:https?:|mailto:|#|\/|\.{0,2}\/|[^:]*$)/i;
const SAFE_IMG = /^(?:https?:|blob:|data:image\/(?:png|gif|jpe?g|webp|avif);)/i;

type Purifier = ReturnType<typeof createDOMPurify>;
const purifiers = new WeakMap<object, Purifier>();

function purifierFor(win: Window): Purifier {
  let p = purifiers.get(win);
  if (p) return p;
  p = createDOMPurify(win as unknown as Window & typeof globalThis);
  p.addHook('uponSanitizeAttribute', (node, data) => {
    const name = data.attrName;
    if (name === 'src' || name === 'srcset') {
      const tag = node.nodeName.toLowerCase();
      const ok = tag === 'img' || tag === 'source';
      if (!ok) { data.keepAttr = false; return; }
      if (name === 'src' && !SAFE_IMG.test(data.attrValue.trim())) data.keepAttr = false;
      if (name === 'srcset' && /(?:javascript|data|vbscript):/i.test(data.attrValue)) data.keepAttr = false;
    }
    if (name === 'href' && !SAFE_URI.test(data.attrValue.trim())) data.keepAttr = false;
  });
  p.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName.toLowerCase() === 'a' && node.hasAttribute('href')) {
      const href = node.getAttribute('href') ?? '';
      if (!href.startsWith('#')) {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      }
    }
  });
  purifiers.set(win, p);
  return p;
}

const CONFIG: Config = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  ADD_ATTR: ['target', 'rel'],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  USE_PROFILES: undefined,
  FORBID_TAGS: ['style', 'script', 'iframe', 'object', 'embed', 'form', 'input', 'button', 'textarea', 'select', 'svg', 'math', 'link', 'meta', 'base', 'template', 'noscript'],
  KEEP_CONTENT: true,
  WHOLE_DOCUMENT: false,
  RETURN_TRUSTED_TYPE: false,
};

/** Sanitizes article HTML with the given window's DOM (browser window, or jsdom's under Node). */
export function sanitizeArticleHtml(html: string, win: Window): string {
  return purifierFor(win).sanitize(html, { ...CONFIG, RETURN_DOM: false, RETURN_DOM_FRAGMENT: false }) as string;
}
